package org.byzmarina.aggregation;

/**
 * Centred Gram matrices from squared distances: for points x_a (a = 0..s-1, rows idx[a] of an
 * m × m squared-distance matrix D) and weights w_a summing to 1, K_ab = ⟨x_a − μ, x_b − μ⟩ with
 * μ = Σ w_a x_a, computed as K_ab = −½ (D_ab − r_a − r_b + t), r_a = Σ_b w_b D_ab, t = Σ_a w_a r_a
 * (the double-centring −½ J D Jᵀ, J = I − 1wᵀ). Every sum runs in double in ascending position
 * order, so the same D gives the same bits on every engine.
 */
final class CentredGram {
    private CentredGram() {
    }

    /**
     * Writes the s × s matrix K into out (row-major) for rows idx[0..s) of D (m × m), with weights
     * w[0..s) (by position; null = uniform 1/s). rowMean (length ≥ s) is scratch.
     */
    static void compute(double[] dist, int m, int[] idx, int s, double[] w, double[] rowMean, double[] out) {
        double uniform = 1.0 / s;
        double t = 0.0;
        for (int a = 0; a < s; a++) {
            int ra = idx[a] * m;
            double r = 0.0;
            for (int b = 0; b < s; b++) {
                r += (w == null ? uniform : w[b]) * dist[ra + idx[b]];
            }
            rowMean[a] = r;
            t += (w == null ? uniform : w[a]) * r;
        }
        for (int a = 0; a < s; a++) {
            int ra = idx[a] * m;
            for (int b = a; b < s; b++) {
                double k = -0.5 * (dist[ra + idx[b]] - rowMean[a] - rowMean[b] + t);
                out[a * s + b] = k;
                out[b * s + a] = k;
            }
        }
    }
}
