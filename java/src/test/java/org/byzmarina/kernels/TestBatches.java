package org.byzmarina.kernels;

import java.util.List;
import org.byzmarina.random.SplitMix64;

/** Input batches for the cross-check suites. */
public final class TestBatches {
    /** Dimensions that hit every SIMD tail (4, 8 and 16 lanes) and the thread-split paths. */
    public static final int[] DIMS = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4097};
    /** Odd and even row counts. */
    public static final int[] ROWS = {1, 2, 3, 4, 5, 8, 17, 32, 33};

    /** Kinds of input. */
    public enum Kind {
        /** Small integers: every sum is exact in any order. */
        INTEGER,
        /** Random floats over several magnitudes. */
        RANDOM,
        /** Finite extremes: ±1e38, ±3e38, ±0, denormals, mixed with ordinary values. */
        EXTREME,
        /** EXTREME plus whole or partial rows of NaN, +Inf, -Inf (only for clip and norms). */
        NON_FINITE
    }

    private TestBatches() {
    }

    public static Batch make(Kind kind, int m, int d, long seed) {
        Batch b = Batch.allocate(m, d);
        SplitMix64 rng = new SplitMix64(seed * 1_000_003L + m * 31L + d);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                b.set(i, j, value(kind, rng));
            }
        }
        if (kind == Kind.NON_FINITE && m > 0 && d > 0) {
            float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
            for (int i = 0; i < m; i += 2) {
                float s = specials[(i / 2) % 3];
                if ((i / 2) % 2 == 0) {
                    b.fillRow(i, s);                 // a whole row of NaN / Inf
                } else {
                    b.set(i, rng.nextBounded(d), s); // one bad entry hidden in a normal row
                }
            }
        }
        return b;
    }

    private static float value(Kind kind, SplitMix64 rng) {
        switch (kind) {
            case INTEGER:
                return rng.nextBounded(17) - 8;
            case RANDOM:
                return (float) ((rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextBounded(7) - 3));
            default:
                float[] extremes = {1e38f, -1e38f, 3e38f, -3e38f, 0.0f, -0.0f, Float.MIN_VALUE, -1.5e-40f};
                int r = rng.nextBounded(4);
                return r == 0 ? extremes[rng.nextBounded(extremes.length)] : (float) (rng.nextDouble() * 2 - 1);
        }
    }

    /** A double vector of n entries of the given kind (r, centers, weights); EXTREME mixes in ±1e38. */
    public static double[] vector(Kind kind, int n, long seed) {
        SplitMix64 rng = new SplitMix64(seed * 7_000_003L + n);
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            if (kind == Kind.EXTREME) {
                double[] extremes = {1e38, -1e38, 0.0, -0.0, 1e-300, -3.5e-42};
                v[j] = rng.nextBounded(4) == 0 ? extremes[rng.nextBounded(extremes.length)] : rng.nextDouble() * 2 - 1;
            } else {
                v[j] = value(kind, rng) * (0.5 + rng.nextDouble());
            }
        }
        return v;
    }

    public static Batch copy(Batch src) {
        Batch b = Batch.allocate(src.rows(), src.dim());
        for (int i = 0; i < src.rows(); i++) {
            b.copyRow(src, i, i);
        }
        return b;
    }

    /** All engines to check against the one-thread Java reference: Java with 2 threads and native at
     *  every SIMD level this CPU supports with 1, 2 and 3 threads. */
    public static List<Kernels> engines() {
        java.util.ArrayList<Kernels> list = new java.util.ArrayList<>();
        list.add(new JavaKernels(2));
        SimdLevel best = NativeKernels.supportedLevel();
        for (SimdLevel level : SimdLevel.values()) {
            if (level.code <= best.code) {
                for (int threads = 1; threads <= 3; threads++) {
                    list.add(NativeKernels.create(threads, level));
                }
            }
        }
        return list;
    }

    public static String name(Kernels k) {
        return k.backend() + "/" + k.simdLevel() + "/" + k.threads() + "t";
    }
}
