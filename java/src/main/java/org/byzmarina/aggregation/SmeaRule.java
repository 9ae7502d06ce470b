package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * SMEA, smallest maximum eigenvalue averaging (Allouah et al.; docs/algorithm.md "More robust rules" cites
 * 2024; the rule is defined in Allouah, Guerraoui, Gupta, Pinot, Stephan, "On the
 * Privacy-Robustness-Utility Trilemma in Distributed Learning", ICML 2023), user name {@code smea}.
 *
 * <p>Steps, with f = budget.forInputs(before, m, ⌊(m − 1)/2⌋) and s = m − f:
 * <ol>
 *   <li>Refuse when C(m, f) > 10⁶ (exact 64-bit arithmetic) or f ≥ m.</li>
 *   <li>f = 0: the mean of all inputs. Otherwise D = the squared distances from one
 *       {@link Kernels#pairwiseSquaredDistances} call.</li>
 *   <li>For every subset S of s inputs: the largest eigenvalue of its empirical covariance
 *       (1/s) Σ_{i∈S} (x_i − μ_S)(x_i − μ_S)ᵀ is λ_max(K_S)/s, where K_S = −½ J D_S J (J = I − 11ᵀ/s) is
 *       the s × s centred Gram matrix, which has the same non-zero spectrum as the d × d scatter
 *       matrix. λ_max(K_S) is computed by cyclic Jacobi to convergence ({@link SymmetricEigen}: stop
 *       after a sweep without rotation, at most 100 sweeps).</li>
 *   <li>Keep the S with the smallest λ_max; ties (equal computed values): the lexicographically first S.</li>
 *   <li>Output the mean of S: {@link Kernels#groupMeans} over S in ascending order.</li>
 * </ol>
 * <b>Pruning</b> (does not change the answer): with β = (best λ so far)·(1 + {@value #MARGIN}), a
 * subset is skipped when D_ij/2 > β for its diameter pair (λ_max(K_S) ≥ D_ij/2: the scatter of S
 * dominates that of {x_i, x_j}), or when the Cholesky factorisation of β·I − K_S meets a non-positive
 * pivot (then λ_max(K_S) ≥ β up to rounding of order s·2⁻⁵² relative, far below the margin). Both
 * tests apply only while the best λ is positive, so that ties at λ = 0 still reach Jacobi. Only
 * the subsets that pass both (λ_max below β, up to rounding) go to Jacobi, which decides. Only O(m²)
 * scalars and s × s matrices are handled in Java; the choice is identical on every engine. No options.
 */
public final class SmeaRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "smea", "smallest maximum eigenvalue averaging: the mean of the m − f inputs whose covariance has the smallest top eigenvalue",
            "Allouah, Guerraoui, Gupta, Pinot, Rizk, ICML 2023", List.of(), (v, env) -> new SmeaRule(env.kernels(), env.budget()))
            .withMemory((v, s) -> MemoryCheck.product(16, s.rows(), s.rows()));

    static final double MARGIN = 1e-9;

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final Order order = new Order();
    private final Subsets subsets = new Subsets();
    private final SymmetricEigen eigen = new SymmetricEigen();
    private final int[] start = new int[2];
    private double[] distances = new double[0];
    private int[] codes = new int[0];
    private int[] kept = new int[0];
    private int[] best = new int[0];
    private double[] gram = new double[0];
    private double[] rowMean = new double[0];
    private double[] chol = new double[0];
    private int lastCount;
    private double lastEigenvalue;

    public SmeaRule(Kernels kernels, ByzantineBudget budget) {
        this.kernels = kernels;
        this.budget = budget;
    }

    /** f for m inputs made from {@code before} raw inputs. */
    public int budgetFor(int m, int before) {
        return budget.forInputs(before, m, ByzantineBudget.minorityCap(m));
    }

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        if (m < 1) {
            throw new IllegalArgumentException("SMEA needs at least 1 input, got " + m);
        }
        Subsets.requireEnumerable("SMEA", m, budgetFor(m, before));
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int f = budgetFor(m, before);
        int s = m - f;
        if (kept.length < m) {
            kept = new int[m];
            best = new int[m];
            rowMean = new double[m];
        }
        if (f == 0) {
            subsets.start(m, 0);
            subsets.kept(best);
            lastEigenvalue = Double.NaN;
        } else {
            lastEigenvalue = search(x, m, f) / s;
        }
        lastCount = s;
        start[1] = s;
        kernels.groupMeans(x, m, best, start, 1, out);
    }

    /** The smallest λ_max(K_S) over all S; the best S into {@link #best}. */
    private double search(Batch x, int m, int f) {
        int s = m - f;
        if (distances.length < m * m) {
            distances = new double[m * m];
            codes = new int[m * (m - 1) / 2];
        }
        if (gram.length < s * s) {
            gram = new double[s * s];
            chol = new double[s * s];
        }
        kernels.pairwiseSquaredDistances(x, m, distances);
        int pairs = Subsets.sortedPairs(distances, m, codes, order);
        double bestLambda = Double.POSITIVE_INFINITY;
        subsets.start(m, f);
        do {
            int c = subsets.firstKeptPair(codes, pairs);
            double bound = c < 0 ? 0.0 : distances[c] / 2;
            if (bestLambda > 0 && bound > bestLambda * (1 + MARGIN)) {
                continue;
            }
            subsets.kept(kept);
            CentredGram.compute(distances, m, kept, s, null, rowMean, gram);
            // Prune only against a positive best: at 0 (or a rounding-level negative) ties must reach Jacobi.
            if (bestLambda > 0 && bestLambda < Double.POSITIVE_INFINITY && exceeds(s, bestLambda * (1 + MARGIN))) {
                continue;
            }
            double lambda = eigen.largest(gram, s);
            if (lambda <= bestLambda) { // E in lexicographic order: the last tie is the first S
                bestLambda = lambda;
                System.arraycopy(kept, 0, best, 0, s);
            }
        } while (subsets.next());
        return bestLambda;
    }

    /**
     * True if λ_max(K_S) > beta, decided by a Cholesky factorisation of beta·I − K_S (in gram's
     * s × s layout, factor into chol): it succeeds with positive pivots exactly when beta·I − K_S is
     * positive definite, that is λ_max(K_S) < beta (up to rounding of order s·2⁻⁵²·‖K_S‖). Stops at the
     * first non-positive pivot, so a losing subset usually costs far less than s³/6 steps.
     */
    private boolean exceeds(int s, double beta) {
        for (int j = 0; j < s; j++) {
            double pivot = beta - gram[j * s + j];
            for (int k = 0; k < j; k++) {
                pivot -= chol[j * s + k] * chol[j * s + k];
            }
            if (!(pivot > 0)) {
                return true;
            }
            double l = Math.sqrt(pivot);
            chol[j * s + j] = l;
            for (int i = j + 1; i < s; i++) {
                double v = -gram[i * s + j];
                for (int k = 0; k < j; k++) {
                    v -= chol[i * s + k] * chol[j * s + k];
                }
                chol[i * s + j] = v / l;
            }
        }
        return false;
    }

    /** The inputs averaged by the last call, ascending. */
    public int[] lastSelection() {
        return Arrays.copyOf(best, lastCount);
    }

    /** λ_max of the chosen subset's covariance in the last call (NaN when f = 0: nothing was searched). */
    public double lastEigenvalue() {
        return lastEigenvalue;
    }

    @Override
    public String describe() {
        return "smea";
    }
}
