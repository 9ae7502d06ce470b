package org.byzmarina.aggregation;

/**
 * The largest eigenvalue of a small symmetric matrix by the cyclic Jacobi method, for the
 * (Gram-space) eigenproblems of SMEA. Deterministic:
 * the same input gives the same bits on every engine (plain Java doubles, fixed order).
 *
 * <p>Each sweep visits the pairs (p, q), p < q, row by row and applies the rotation that zeroes
 * a_pq (Numerical Recipes' stable form: t = sgn(θ)/(|θ| + √(θ² + 1)), θ = (a_qq − a_pp)/(2a_pq),
 * t = 1/(2θ) when |θ| > 1e150), skipping a_pq when |a_pq| ≤ 2⁻⁵² · √|a_pp| · √|a_qq| (then it is
 * negligible relative to both diagonal entries). <b>Stopping rule</b>: a sweep that rotates nothing,
 * or {@link #MAX_SWEEPS} sweeps. The result is the largest diagonal entry.
 */
final class SymmetricEigen {
    static final int MAX_SWEEPS = 100;
    private static final double EPS = 0x1p-52;

    private double[] a = new double[0];
    private int lastSweeps;

    /** λ_max of the symmetric n × n matrix src (row-major, read only); n = 0 gives 0. */
    double largest(double[] src, int n) {
        if (n == 0) {
            return 0.0;
        }
        int nn = n * n;
        if (a.length < nn) {
            a = new double[nn];
        }
        System.arraycopy(src, 0, a, 0, nn);
        int sweeps = 0;
        while (sweeps < MAX_SWEEPS) {
            sweeps++;
            int rotations = 0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    double app = a[p * n + p];
                    double aqq = a[q * n + q];
                    if (apq == 0.0 || Math.abs(apq) <= EPS * Math.sqrt(Math.abs(app)) * Math.sqrt(Math.abs(aqq))) {
                        continue;
                    }
                    rotations++;
                    rotate(n, p, q, apq, app, aqq);
                }
            }
            if (rotations == 0) {
                break;
            }
        }
        lastSweeps = sweeps;
        double max = a[0];
        for (int i = 1; i < n; i++) {
            max = Math.max(max, a[i * n + i]);
        }
        return max;
    }

    private void rotate(int n, int p, int q, double apq, double app, double aqq) {
        double theta = (aqq - app) / (2.0 * apq);
        double t;
        if (Math.abs(theta) > 1e150) {
            t = 1.0 / (2.0 * theta);
        } else {
            t = (theta >= 0 ? 1.0 : -1.0) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
        }
        double c = 1.0 / Math.sqrt(t * t + 1.0);
        double s = t * c;
        double tau = s / (1.0 + c);
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0.0;
        a[q * n + p] = 0.0;
        for (int r = 0; r < n; r++) {
            if (r == p || r == q) {
                continue;
            }
            double g = a[r * n + p];
            double h = a[r * n + q];
            double rp = g - s * (h + g * tau);
            double rq = h + s * (g - h * tau);
            a[r * n + p] = rp;
            a[p * n + r] = rp;
            a[r * n + q] = rq;
            a[q * n + r] = rq;
        }
    }

    /** Sweeps used by the last call (for tests). */
    int lastSweeps() {
        return lastSweeps;
    }
}
