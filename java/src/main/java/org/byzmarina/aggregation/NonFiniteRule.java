package org.byzmarina.aggregation;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * docs/algorithm.md non-finite rule: a received vector with any NaN or ±Inf entry is replaced, whole, by the
 * zero vector before clipping and aggregation. Implemented by the clip kernel at level +Inf.
 */
public final class NonFiniteRule {
    private final Kernels kernels;
    private double[] levels = new double[0];
    private byte[] flags = new byte[0];

    /** A rule instance with reusable scratch (no allocation per call once sized). */
    public NonFiniteRule(Kernels kernels) {
        this.kernels = kernels;
    }

    /** Zeroes, in place, every row of x[0..m) holding a non-finite entry; returns how many. */
    public int apply(Batch x, int m) {
        if (levels.length < m) {
            levels = new double[m];
            Arrays.fill(levels, Double.POSITIVE_INFINITY);
            flags = new byte[m];
        }
        kernels.clip(x, x, m, levels, null, flags);
        int count = 0;
        for (int i = 0; i < m; i++) {
            count += flags[i] == Kernels.NON_FINITE ? 1 : 0;
        }
        return count;
    }

    /** Zeroes, in place, every row of x[0..m) holding a non-finite entry; returns how many. */
    public static int apply(Kernels kernels, Batch x, int m) {
        double[] levels = new double[m];
        Arrays.fill(levels, Double.POSITIVE_INFINITY);
        byte[] flags = new byte[m];
        kernels.clip(x, x, m, levels, null, flags);
        int count = 0;
        for (int i = 0; i < m; i++) {
            count += flags[i] == Kernels.NON_FINITE ? 1 : 0;
        }
        return count;
    }
}
