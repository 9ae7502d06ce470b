package org.byzmarina.problems;

import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The smoothness constants the theory needs (docs/algorithm.md "Theory"): L of f, max_i L_i over
 * the good clients' f_i, and max_{i,j} L_{i,j} over their samples' f_{i,j}.
 *
 * @param l          L
 * @param maxClient  max_i L_i over the good clients
 * @param maxSample  max_{i,j} L_{i,j} over the good clients' samples
 * @param iterations power iterations spent (0 where the constants are exact)
 */
public record Smoothness(double l, double maxClient, double maxSample, long iterations) {
    private static final Logger LOG = Logger.getLogger(Smoothness.class.getName());
    /** The power iteration stops at a residual ‖Mv − λv‖ ≤ TOLERANCE·λ (an eigenvalue within that relative distance). */
    public static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 1_000_000;

    /** Every constant times s (--lipschitz-scale: a deliberately misestimated L). */
    public Smoothness scaled(double s) {
        return new Smoothness(s * l, s * maxClient, s * maxSample, iterations);
    }

    /** λ_max and the iterations spent. */
    record Eigen(double value, long iterations) {
    }

    /**
     * λ_max of a symmetric positive semi-definite d × d operator M (given as out = M v) by power
     * iteration from a fixed start vector. Stopping rule: the residual r = ‖Mv − λv‖ of the unit vector
     * v with Rayleigh quotient λ = vᵀMv is at most {@link #TOLERANCE}·λ; for a symmetric M some
     * eigenvalue lies within r of λ (Bauer–Fike), so λ is an eigenvalue to a relative 1e-9, and the
     * largest one unless the start vector is orthogonal to its eigenvector (the start has no zero
     * entry and irrational-looking ratios, so that needs a contrived M).
     */
    static Eigen largestEigenvalue(int d, BiConsumer<double[], double[]> multiply) {
        double[] v = new double[d];
        double[] w = new double[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            v[j] = 1 + 0.5 * Math.sin(1.7 * j + 0.3); // in [0.5, 1.5]: no zero entry
            norm += v[j] * v[j];
        }
        scale(v, 1 / Math.sqrt(norm));
        double lambda = 0;
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            multiply.accept(v, w);
            lambda = 0;
            for (int j = 0; j < d; j++) {
                lambda += v[j] * w[j];
            }
            double r2 = 0;
            double wn = 0;
            for (int j = 0; j < d; j++) {
                double e = w[j] - lambda * v[j];
                r2 += e * e;
                wn += w[j] * w[j];
            }
            if (Math.sqrt(r2) <= TOLERANCE * lambda || wn == 0) {
                return new Eigen(Math.max(lambda, 0), it);
            }
            System.arraycopy(w, 0, v, 0, d);
            scale(v, 1 / Math.sqrt(wn));
        }
        LOG.warning("power iteration did not reach a relative residual of 1e-9 in " + MAX_ITERATIONS
                + " iterations; using its last estimate " + lambda);
        return new Eigen(lambda, MAX_ITERATIONS);
    }

    /** out = M v for a d × d row-major matrix M. */
    static void multiplySymmetric(double[] m, int d, double[] v, double[] out) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += m[i * d + j] * v[j];
            }
            out[i] = s;
        }
    }

    private static void scale(double[] v, double s) {
        for (int j = 0; j < v.length; j++) {
            v[j] *= s;
        }
    }
}
