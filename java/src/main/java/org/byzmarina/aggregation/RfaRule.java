package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * RFA, geometric median by smoothed Weiszfeld as in the official code (docs/algorithm.md; Pillutla, Kakade,
 * Harchaoui 2022): z₀ = 0, then T times β_i = 1/max(ν, ||z − x_i||), z ← Σ β_i x_i / Σ β_i, with ν
 * absolute or relative to the median input norm ({@link RfaSmoothing}).
 */
public final class RfaRule implements Aggregator {
    public static final int DEFAULT_ITERATIONS = 8;
    public static final double DEFAULT_NU = 0.1;
    /** Iterations of an iterative rule (RFA's T, CClip's L); each rule has its own default. */
    public static final Setting<Integer> ITERATIONS = Setting.derived("iterations", Group.AGGREGATION,
            SettingType.integer(1, Integer.MAX_VALUE), "per rule", "iterations of an iterative rule (RFA's T, CClip's L)");
    public static final Setting<RfaSmoothing> NU = Setting.of("nu", Group.AGGREGATION,
            SettingType.custom("a positive number or rel:R", RfaSmoothing::parse, RfaSmoothing::json), RfaSmoothing.DEFAULT,
            "RFA's smoothing ν, or rel:R for R × the median input norm");
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(Kind.AGGREGATOR, "rfa",
            "geometric median by smoothed Weiszfeld iterations (z₀ = 0, as the authors' code)",
            "Pillutla, Kakade, Harchaoui, IEEE TSP 2022", List.of(ITERATIONS, NU),
            (v, env) -> new RfaRule(env.kernels(), v.get(ITERATIONS, DEFAULT_ITERATIONS), v.get(NU)))
            .withDefault(ITERATIONS, Integer.toString(DEFAULT_ITERATIONS));

    private final Kernels kernels;
    private final int iterations;
    private final RfaSmoothing nu;
    private double[] sqNorms = new double[0];

    public RfaRule(Kernels kernels, int iterations, double nu) {
        this(kernels, iterations, new RfaSmoothing(nu, false));
    }

    public RfaRule(Kernels kernels, int iterations, RfaSmoothing nu) {
        if (iterations < 1) {
            throw new IllegalArgumentException("RFA iterations must be >= 1, got " + iterations);
        }
        this.kernels = kernels;
        this.iterations = iterations;
        this.nu = nu;
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        double v = nu.value();
        if (nu.relative()) {
            if (sqNorms.length < m) {
                sqNorms = new double[m];
            }
            kernels.squaredNorms(x, m, sqNorms);
            v = nu.nuFor(sqNorms, m);
        }
        kernels.rfa(x, m, iterations, v, out);
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("RFA needs at least 1 input, got " + m);
        }
    }

    @Override
    public String describe() {
        return "rfa(T=" + iterations + ", nu=" + nu.label() + ")";
    }
}
