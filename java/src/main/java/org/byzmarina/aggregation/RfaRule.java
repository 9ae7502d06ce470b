package org.byzmarina.aggregation;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * RFA, geometric median by smoothed Weiszfeld as in the official code (SPEC.md; Pillutla, Kakade,
 * Harchaoui 2022): z₀ = 0, then T times β_i = 1/max(ν, ||z − x_i||), z ← Σ β_i x_i / Σ β_i, with ν
 * absolute or relative to the median input norm ({@link RfaSmoothing}).
 */
public final class RfaRule implements Aggregator {
    public static final int DEFAULT_ITERATIONS = 8;
    public static final double DEFAULT_NU = 0.1;

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
