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
 * CAF, covariance-bound agnostic filter (Allouah et al. 2024; docs/algorithm.md "More robust rules"), user
 * name {@code caf}: a spectral filter that down-weights the inputs spread along the top direction of
 * the weighted covariance, and returns the weighted mean seen with the smallest top eigenvalue.
 *
 * <p>Steps, with f = budget.forInputs(before, m, ⌊(m − 1)/2⌋) (needs 2f < m):
 * <ol>
 *   <li>D = the m × m squared distances, one {@link Kernels#pairwiseSquaredDistances} call. c_i = 1.</li>
 *   <li>Repeat:
 *     <ol type="a">
 *       <li>A = the inputs with c_i > 0 (ascending), C = Σ c_i, w_i = c_i/C; μ_c = Σ w_i x_i.</li>
 *       <li>The weighted covariance Σ_c = Σ w_i (x_i − μ_c)(x_i − μ_c)ᵀ has the non-zero spectrum of
 *           the |A| × |A| matrix M_ab = √(w_a w_b) K_ab, K the w-centred Gram matrix from D
 *           ({@link CentredGram}). Its top eigenpair (λ, u) by power iteration ({@link PowerIteration}:
 *           fixed start, stop when ‖u_{t+1} − u_t‖₂ ≤ 1e-12 or after 1000 steps; λ the Rayleigh
 *           quotient), the power method as in the authors' ByzFL library.</li>
 *       <li>If λ is the smallest seen so far (strictly; the first round always), remember the weights w
 *           (that is, μ_c).</li>
 *       <li>The top direction is v = Σ_b u_b √w_b (x_b − μ_c)/√λ, so τ_a = ⟨x_a − μ_c, v⟩² =
 *           (Σ_b √w_b K_ab u_b)²/λ; the common factor 1/λ cancels below and is dropped.</li>
 *       <li>If max_{a∈A} τ_a = 0 (every weighted input sits at μ_c along v) stop.</li>
 *       <li>c_a ← c_a (1 − τ_a / max_{b∈A} τ_b) for a in A. The maximum runs over the inputs still
 *           weighted (c > 0): an input already removed must not set the scale, or the filter could
 *           stall. The arg-max gets c = 0 exactly, so each round removes at least one input.</li>
 *     </ol>
 *   until Σ c_i ≤ m − 2f (at most m rounds; with f = 0 one round, which outputs the mean).</li>
 *   <li>Output the remembered μ_c: {@link Kernels#weightedSum} with the remembered weights (zero for
 *       removed inputs), rounded to float32.</li>
 * </ol>
 * Only O(m²) scalars are handled in Java; the output is identical on every engine. No options.
 */
public final class CafRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "caf", "covariance-bound agnostic filter: down-weight inputs along the top covariance direction",
            "Allouah, Guerraoui, Gupta, Pinot, Stephan, 2024", List.of(), (v, env) -> new CafRule(env.kernels(), env.budget()))
            .withMemory((v, s) -> MemoryCheck.product(16, s.rows(), s.rows()));

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final PowerIteration power = new PowerIteration();
    private double[] distances = new double[0];
    private double[] c = new double[0];
    private double[] bestWeights = new double[0];
    private int[] active = new int[0];
    private double[] w = new double[0];
    private double[] sqrtW = new double[0];
    private double[] rowMean = new double[0];
    private double[] gram = new double[0];
    private double[] matrix = new double[0];
    private double[] u = new double[0];
    private double[] tau = new double[0];
    private double[] mean = new double[0];
    private int lastRounds;

    public CafRule(Kernels kernels, ByzantineBudget budget) {
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
            throw new IllegalArgumentException("CAF needs at least 1 input, got " + m);
        }
        int f = budgetFor(m, before);
        if (2L * f >= m) {
            throw new IllegalArgumentException("CAF with f = " + f + " filters until the weights sum to m - 2f and needs"
                    + " 2f < m, i.e. f <= " + (m - 1) / 2 + " (got m = " + m + ")");
        }
        KrumRule.requireDistanceMatrix("CAF", m);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int f = budgetFor(m, before);
        size(m, x.dim());
        kernels.pairwiseSquaredDistances(x, m, distances);
        Arrays.fill(c, 0, m, 1.0);
        double bestLambda = Double.POSITIVE_INFINITY;
        int rounds = 0;
        while (true) {
            rounds++;
            int n = 0;
            double total = 0.0;
            for (int i = 0; i < m; i++) {
                if (c[i] > 0) {
                    active[n++] = i;
                    total += c[i];
                }
            }
            for (int a = 0; a < n; a++) {
                w[a] = c[active[a]] / total;
                sqrtW[a] = Math.sqrt(w[a]);
            }
            CentredGram.compute(distances, m, active, n, w, rowMean, gram);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    matrix[a * n + b] = sqrtW[a] * sqrtW[b] * gram[a * n + b];
                }
            }
            double lambda = power.top(matrix, n, u);
            if (lambda < bestLambda || rounds == 1) { // the first round always
                bestLambda = lambda;
                Arrays.fill(bestWeights, 0, m, 0.0);
                for (int a = 0; a < n; a++) {
                    bestWeights[active[a]] = w[a];
                }
            }
            double max = 0.0;
            for (int a = 0; a < n; a++) {
                double p = 0.0;
                for (int b = 0; b < n; b++) {
                    p += sqrtW[b] * gram[a * n + b] * u[b];
                }
                tau[a] = p * p;
                max = Math.max(max, tau[a]);
            }
            if (!(max > 0)) {
                break;
            }
            double sum = 0.0;
            for (int a = 0; a < n; a++) {
                c[active[a]] *= 1.0 - tau[a] / max;
            }
            for (int i = 0; i < m; i++) {
                sum += c[i];
            }
            if (sum <= m - 2.0 * f || rounds >= m) {
                break;
            }
        }
        lastRounds = rounds;
        kernels.weightedSum(x, m, bestWeights, mean);
        Outputs.write(mean, out);
    }

    private void size(int m, int d) {
        if (c.length < m) {
            c = new double[m];
            bestWeights = new double[m];
            active = new int[m];
            w = new double[m];
            sqrtW = new double[m];
            rowMean = new double[m];
            u = new double[m];
            tau = new double[m];
            gram = new double[m * m];
            matrix = new double[m * m];
            distances = new double[m * m];
        }
        if (mean.length != d) {
            mean = new double[d];
        }
    }

    /** Filter rounds of the last call. */
    public int lastRounds() {
        return lastRounds;
    }

    @Override
    public String describe() {
        return "caf";
    }
}
