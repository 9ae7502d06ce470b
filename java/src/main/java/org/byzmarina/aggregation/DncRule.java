package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.SplitMix64;

/**
 * DnC, divide and conquer (Shejwalkar, Houmansadr, "Manipulating the Byzantine: Optimizing Model
 * Poisoning Attacks and Defenses for Federated Learning", NDSS 2021, Algorithm 2; docs/algorithm.md "More
 * robust rules"), user name {@code dnc}.
 *
 * <p>Steps, with f = budget.forInputs(before, m, ⌊(m − 1)/2⌋), b = min(d, sub-dimension) and
 * r = ⌊c·f⌋ (c the filter fraction; needs r < m):
 * <ol>
 *   <li>The random stream is SplitMix64(seed), seed the call's argument (under bucketing, the seed
 *       bucketing passes on), so a run is reproducible and every engine draws the same coordinates.</li>
 *   <li>For each of T rounds: draw b distinct coordinates by Floyd's algorithm (sorted;
 *       {@link Sampling}) from the stream; gather them into an m × b scratch batch (a copy, no
 *       arithmetic; skipped when b = d, and then D is computed once for all rounds); D = its squared
 *       distances ({@link Kernels#pairwiseSquaredDistances}); K = −½ J D J the centred Gram matrix
 *       of the subsampled inputs (centred at their mean μ; {@link CentredGram}).</li>
 *   <li>Top singular direction by power iteration on K ({@link PowerIteration}: fixed start, stop when
 *       ‖u_{t+1} − u_t‖₂ ≤ 1e-12 or after 1000 steps). This is power iteration for the top right
 *       singular vector v of the centred m × b matrix X in Gram space: v = Xᵀu/‖Xᵀu‖, and the
 *       outlier score ⟨x_i − μ, v⟩² equals (K u)_i²/(uᵀK u); scores are 0 if K u = 0.</li>
 *   <li>Keep the m − r lowest scores (ties: lowest index); the good set is the intersection of the
 *       kept sets over the T rounds. If it is empty, the inputs kept in the most rounds are used.</li>
 *   <li>Output the mean of the good set: {@link Kernels#groupMeans} over it in ascending order.</li>
 * </ol>
 * Defaults: T = 5, sub-dimension 10 000, c = 1.0 (the paper's). The gather is the only O(m·b) Java
 * work (a copy); every sum runs in a kernel or on O(m²) scalars, so all engines agree bit for bit.
 */
public final class DncRule implements Aggregator {
    public static final Setting<Integer> SUB_DIMENSION = Setting.of("dnc-subdim", Group.AGGREGATION,
            SettingType.integer(1, Integer.MAX_VALUE), Options.DEFAULT_SUB_DIMENSION, "DnC's coordinates sampled per iteration (b)");
    public static final Setting<Double> FILTER = Setting.of("dnc-filter", Group.AGGREGATION, SettingType.number(0, false),
            Options.DEFAULT_FILTER_FRACTION, "DnC's filter fraction c (removes ⌊c·f⌋ inputs per iteration)");
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "dnc", "divide and conquer: drop the inputs with the largest projections on the top singular direction of random coordinate subsets",
            "Shejwalkar, Houmansadr, NDSS 2021", List.of(RfaRule.ITERATIONS, SUB_DIMENSION, FILTER),
            (v, env) -> new DncRule(env.kernels(), env.budget(),
                    new Options(v.get(RfaRule.ITERATIONS, Options.DEFAULT_ITERATIONS), v.get(SUB_DIMENSION), v.get(FILTER))))
            .withDefault(RfaRule.ITERATIONS, Integer.toString(Options.DEFAULT_ITERATIONS))
            .withMemory((v, s) -> MemoryCheck.sum(MemoryCheck.product(16, s.rows(), s.rows()),
                    org.byzmarina.kernels.Batch.bytesFor(s.rows(), Math.min(s.dim(), v.get(SUB_DIMENSION)))));

    /**
     * DnC's settings.
     *
     * @param iterations     T, the rounds of subsampling and filtering, at least 1
     * @param subDimension   coordinates subsampled per round, at least 1 (b = min(d, subDimension))
     * @param filterFraction c, finite and at least 0: each round removes ⌊c·f⌋ inputs
     */
    public record Options(int iterations, int subDimension, double filterFraction) {
        public static final int DEFAULT_ITERATIONS = 5;
        public static final int DEFAULT_SUB_DIMENSION = 10_000;
        public static final double DEFAULT_FILTER_FRACTION = 1.0;
        public static final Options DEFAULTS = new Options(DEFAULT_ITERATIONS, DEFAULT_SUB_DIMENSION,
                DEFAULT_FILTER_FRACTION);

        public Options {
            if (iterations < 1) {
                throw new IllegalArgumentException("DnC's iterations must be >= 1, got " + iterations);
            }
            if (subDimension < 1) {
                throw new IllegalArgumentException("DnC's sub-dimension must be >= 1, got " + subDimension);
            }
            if (!(filterFraction >= 0) || Double.isInfinite(filterFraction)) {
                throw new IllegalArgumentException("DnC's filter fraction must be finite and >= 0 (0 <= c < Infinity), got "
                        + filterFraction);
            }
        }
    }

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final Options options;
    private final SplitMix64 rng = new SplitMix64(0);
    private final Sampling.Sampler sampler = new Sampling.Sampler();
    private final PowerIteration power = new PowerIteration();
    private final Order order = new Order();
    private final Scratch sub = new Scratch();
    private final int[] start = new int[2];
    private int[] coords = new int[0];
    private float[] rowBuf = new float[0];
    private double[] distances = new double[0];
    private int[] all = new int[0];
    private int[] ranked = new int[0];
    private int[] keptCount = new int[0];
    private int[] good = new int[0];
    private double[] rowMean = new double[0];
    private double[] gram = new double[0];
    private double[] u = new double[0];
    private double[] y = new double[0];
    private double[] score = new double[0];
    private int lastCount;

    public DncRule(Kernels kernels, ByzantineBudget budget, Options options) {
        this.kernels = kernels;
        this.budget = budget;
        this.options = options;
    }

    /** f for m inputs made from {@code before} raw inputs. */
    public int budgetFor(int m, int before) {
        return budget.forInputs(before, m, ByzantineBudget.minorityCap(m));
    }

    /** ⌊c·f⌋, the inputs each round removes. */
    long removedPerRound(int f) {
        return (long) Math.floor(options.filterFraction() * f);
    }

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        if (m < 1) {
            throw new IllegalArgumentException("DnC needs at least 1 input, got " + m);
        }
        int f = budgetFor(m, before);
        long r = removedPerRound(f);
        if (r >= m) {
            throw new IllegalArgumentException("DnC with f = " + f + " and filter fraction c = " + options.filterFraction()
                    + " removes floor(c*f) = " + r + " inputs per round and needs that below m = " + m);
        }
        KrumRule.requireDistanceMatrix("DnC", m);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int keep = m - (int) removedPerRound(budgetFor(m, before));
        int d = x.dim();
        int b = Math.min(d, options.subDimension());
        size(m, d, b);
        Arrays.fill(keptCount, 0, m, 0);
        rng.reset(seed);
        Batch z = b == d ? x : sub.get(m, b);
        for (int round = 0; round < options.iterations(); round++) {
            if (b < d) {
                sampler.floyd(rng, d, b, coords);
                gather(x, m, z, b);
            }
            if (round == 0 || b < d) {
                kernels.pairwiseSquaredDistances(z, m, distances);
                scores(m);
                order.ascending(score, m, ranked);
            }
            for (int r = 0; r < keep; r++) {
                keptCount[ranked[r]]++;
            }
        }
        int most = 0;
        for (int i = 0; i < m; i++) {
            most = Math.max(most, keptCount[i]);
        }
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (keptCount[i] == most) { // kept in every round when the intersection is not empty
                good[n++] = i;
            }
        }
        lastCount = n;
        start[1] = n;
        kernels.groupMeans(x, m, good, start, 1, out);
    }

    /** Outlier scores ⟨x_i − μ, v⟩² of the current D into score[0..m). */
    private void scores(int m) {
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        CentredGram.compute(distances, m, all, m, null, rowMean, gram);
        double lambda = power.top(gram, m, u);
        PowerIteration.multiply(gram, m, u, y);
        for (int i = 0; i < m; i++) {
            score[i] = lambda > 0 ? y[i] * y[i] / lambda : 0.0;
        }
    }

    /** Copies the sampled coordinates of rows 0..m-1 of x into z (m × b). */
    private void gather(Batch x, int m, Batch z, int b) {
        FloatBuffer in = x.buffer();
        FloatBuffer to = z.buffer();
        int d = x.dim();
        for (int i = 0; i < m; i++) {
            in.get(i * x.stride(), rowBuf, 0, d);
            int base = i * z.stride();
            for (int k = 0; k < b; k++) {
                to.put(base + k, rowBuf[coords[k]]);
            }
        }
    }

    private void size(int m, int d, int b) {
        if (all.length < m) {
            all = new int[m];
            ranked = new int[m];
            keptCount = new int[m];
            good = new int[m];
            rowMean = new double[m];
            u = new double[m];
            y = new double[m];
            score = new double[m];
            gram = new double[m * m];
            distances = new double[m * m];
        }
        if (coords.length < b) {
            coords = new int[b];
        }
        if (rowBuf.length < d) {
            rowBuf = new float[d];
        }
    }

    /** How many inputs the last call averaged. */
    public int lastCount() {
        return lastCount;
    }

    public Options options() {
        return options;
    }

    @Override
    public String describe() {
        return "dnc(T=" + options.iterations() + ", b=" + options.subDimension() + ", c=" + options.filterFraction() + ")";
    }
}
