package org.byzmarina.aggregation;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * SMEA, smallest maximum eigenvalue averaging (Allouah et al.; SPEC.md "More robust rules" cites
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
 * <b>Pruning</b> (never changes the answer beyond rounding): λ_max(K_S) ≥ D_ij/2 for any i, j in S
 * (the scatter of S dominates that of {x_i, x_j}), and ≥ uᵀK_S u/uᵀu for any u. A subset is skipped
 * when D of its diameter pair / 2, or one of up to {@value #PROBE_STEPS} power-iteration Rayleigh
 * quotients of K_S started at e_a − e_b (a, b the diameter pair), exceeds the best λ so far by the
 * relative margin {@value #MARGIN}, far above the rounding of either. Only O(m²) scalars and s × s
 * matrices are handled in Java; the choice is identical on every engine. No options.
 */
public final class SmeaRule implements Aggregator {
    static final double MARGIN = 1e-9;
    static final int PROBE_STEPS = 8;

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
    private double[] u = new double[0];
    private double[] y = new double[0];
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
            u = new double[m];
            y = new double[m];
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
        }
        kernels.pairwiseSquaredDistances(x, m, distances);
        int pairs = Subsets.sortedPairs(distances, m, codes, order);
        double bestLambda = Double.POSITIVE_INFINITY;
        subsets.start(m, f);
        do {
            int c = subsets.firstKeptPair(codes, pairs);
            double bound = c < 0 ? 0.0 : distances[c] / 2;
            if (bound > bestLambda * (1 + MARGIN)) {
                continue;
            }
            subsets.kept(kept);
            CentredGram.compute(distances, m, kept, s, null, rowMean, gram);
            if (bestLambda < Double.POSITIVE_INFINITY && c >= 0 && exceedsByProbe(s, c / m, c % m, bestLambda)) {
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

    /** True if a Rayleigh quotient of K_S (a lower bound of λ_max) proves S cannot win. */
    private boolean exceedsByProbe(int s, int i, int j, double bestLambda) {
        for (int a = 0; a < s; a++) {
            u[a] = kept[a] == i ? 1.0 : kept[a] == j ? -1.0 : 0.0;
        }
        for (int step = 0; step < PROBE_STEPS; step++) {
            PowerIteration.multiply(gram, s, u, y);
            double uy = 0.0;
            double uu = 0.0;
            double yy = 0.0;
            for (int a = 0; a < s; a++) {
                uy += u[a] * y[a];
                uu += u[a] * u[a];
                yy += y[a] * y[a];
            }
            if (uy / uu > bestLambda * (1 + MARGIN)) {
                return true;
            }
            if (!(yy > 0)) {
                return false;
            }
            double norm = Math.sqrt(yy);
            for (int a = 0; a < s; a++) {
                u[a] = y[a] / norm;
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
