package org.byzmarina.aggregation;

import org.byzmarina.random.SplitMix64;

/**
 * The top eigenpair of a small symmetric positive semi-definite matrix (an m × m Gram matrix) by
 * power iteration, for CAF and DnC. Deterministic: plain Java doubles in a fixed order.
 *
 * <p>Start: u₀ with entries uniform in [−1, 1) from SplitMix64({@link #START_SEED}), position by
 * position, normalised (a fixed generic vector: a structured start such as the all-ones vector is
 * orthogonal to every centred Gram matrix's range). Step: y = A u, u ← y / ‖y‖. <b>Stopping rule</b>:
 * ‖u_{t+1} − u_t‖₂ ≤ {@link #TOLERANCE}, or {@link #MAX_ITERATIONS} steps. The eigenvalue is the
 * Rayleigh quotient uᵀAu of the final u. If A u = 0 at some step (A = 0, or u in its null space) the
 * result is 0 with the current u.
 */
final class PowerIteration {
    static final long START_SEED = 0x5EED_CAF_D0CL;
    static final double TOLERANCE = 1e-12;
    static final int MAX_ITERATIONS = 1000;

    private final SplitMix64 rng = new SplitMix64(START_SEED);
    private double[] y = new double[0];
    private int lastIterations;

    /** λ_max of the n × n matrix a (row-major); a unit eigenvector for it into u[0..n). */
    double top(double[] a, int n, double[] u) {
        if (y.length < n) {
            y = new double[n];
        }
        rng.reset(START_SEED);
        for (int i = 0; i < n; i++) {
            u[i] = 2 * rng.nextDouble() - 1;
        }
        normalise(u, n, norm(u, n));
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            multiply(a, n, u, y);
            double ny = norm(y, n);
            if (!(ny > 0)) {
                lastIterations = it;
                return 0.0;
            }
            double change = 0.0;
            for (int i = 0; i < n; i++) {
                double next = y[i] / ny;
                double diff = next - u[i];
                change += diff * diff;
                u[i] = next;
            }
            if (Math.sqrt(change) <= TOLERANCE) {
                break;
            }
        }
        lastIterations = it;
        multiply(a, n, u, y);
        double rq = 0.0;
        for (int i = 0; i < n; i++) {
            rq += u[i] * y[i];
        }
        return rq;
    }

    static void multiply(double[] a, int n, double[] u, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * u[j];
            }
            out[i] = s;
        }
    }

    private static double norm(double[] v, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }

    private static void normalise(double[] v, int n, double norm) {
        if (norm > 0) {
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
        }
    }

    /** Steps used by the last call (for tests). */
    int lastIterations() {
        return lastIterations;
    }
}
