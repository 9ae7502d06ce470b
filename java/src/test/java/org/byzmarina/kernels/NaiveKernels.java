package org.byzmarina.kernels;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Independent naive double-precision computations for the cross-check suite's spot checks: plain
 * left-to-right sums and full sorts, written from the papers' definitions rather than from kernels.h.
 */
final class NaiveKernels {
    private NaiveKernels() {
    }

    /** MeaMed at coordinate j: the keep values nearest the median (by distance, then value), their mean. */
    static double meanAroundMedian(Batch x, int[] rows, int count, int keep, int j) {
        Double[] v = new Double[count];
        for (int r = 0; r < count; r++) {
            v[r] = (double) x.get(rows == null ? r : rows[r], j);
        }
        Arrays.sort(v);
        double med = count % 2 == 1 ? v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2;
        Double[] byDistance = v.clone();
        Arrays.sort(byDistance, Comparator.<Double>comparingDouble(a -> Math.abs(a - med)).thenComparingDouble(a -> a));
        double sum = 0;
        for (int r = 0; r < keep; r++) {
            sum += byDistance[r];
        }
        return sum / keep;
    }

    /** Largest |value| of the column (the scale of MeaMed's result). */
    static double columnScale(Batch x, int[] rows, int count, int j) {
        double s = 0;
        for (int r = 0; r < count; r++) {
            s = Math.max(s, Math.abs(x.get(rows == null ? r : rows[r], j)));
        }
        return s;
    }

    /** Centered clipping as in Karimireddy et al.: plain sums for the norms and the update. */
    static double[] centeredClip(Batch x, int m, double[] center, double tau, int iterations) {
        int d = x.dim();
        double[] v = Arrays.copyOf(center, d);
        for (int it = 0; it < iterations; it++) {
            double[] c = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x.get(i, j) - v[j];
                    s += diff * diff;
                }
                c[i] = Math.min(1, tau / Math.sqrt(s));
            }
            double[] next = new double[d];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += c[i] * (x.get(i, j) - v[j]);
                }
                next[j] = v[j] + s / m;
            }
            v = next;
        }
        return v;
    }
}
