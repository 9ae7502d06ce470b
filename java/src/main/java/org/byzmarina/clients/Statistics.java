package org.byzmarina.clients;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;

/**
 * What attacks know of the good vectors (SPEC.md "Attacks"): their coordinate-wise mean μ and
 * standard deviation σ (ddof = 1; σ = 0 with one vector, μ = σ = 0 with none).
 */
public final class Statistics {
    private Statistics() {
    }

    /** μ and, if sigma is non-null, σ of rows 0..count−1 of b. */
    public static void of(Batch b, int count, double[] mu, double[] sigma) {
        int d = b.dim();
        Arrays.fill(mu, 0);
        if (sigma != null) {
            Arrays.fill(sigma, 0);
        }
        if (count == 0) {
            return;
        }
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                mu[j] += b.get(r, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= count;
        }
        if (count == 1 || sigma == null) {
            return;
        }
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                double e = b.get(r, j) - mu[j];
                sigma[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            sigma[j] = Math.sqrt(sigma[j] / (count - 1));
        }
    }
}
