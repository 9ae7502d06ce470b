package org.byzmarina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** RandK (docs/algorithm.md "Compression"): uniform masks, unbiased values. */
class RandKTest {
    @Test
    void floydChoosesEveryCoordinateEquallyOften() {
        int d = 20;
        int k = 5;
        int trials = 40_000;
        int[] counts = new int[d];
        for (int t = 0; t < trials; t++) {
            for (int idx : org.byzmarina.random.Sampling.floyd(new SplitMix64(t), d, k)) {
                counts[idx]++;
            }
        }
        double expected = trials * (double) k / d;
        for (int c : counts) {
            assertEquals(expected, c, 5 * Math.sqrt(expected), "coordinate frequency");
        }
        assertArrayEquals(new int[] {0, 1, 2, 3}, org.byzmarina.random.Sampling.floyd(new SplitMix64(1), 4, 4));
    }

    @Test
    void randKIsUnbiased() {
        int d = 10;
        int k = 3;
        int trials = 20_000;
        {
            JavaKernels kernels = new JavaKernels(1);
            Batch x = Batch.allocate(1, d);
            double[] mean = new double[d];
            for (int t = 0; t < trials; t++) {
                for (int j = 0; j < d; j++) {
                    x.set(0, j, j + 1);
                }
                kernels.randK(x, 1, k, new long[] {t}, null, null, true);
                for (int j = 0; j < d; j++) {
                    mean[j] += x.get(0, j) / (double) trials;
                }
            }
            for (int j = 0; j < d; j++) {
                assertEquals(j + 1, mean[j], 0.05 * (j + 1) + 0.1, "E[Q(v)] = v at coordinate " + j);
            }
        }
    }

    @Test
    void sparseAndDenseFormsAgree() {
        {
            JavaKernels kernels = new JavaKernels(1);
            Batch x = Batch.allocate(2, 9);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 9; j++) {
                    x.set(i, j, 10 * i + j);
                }
            }
            int[] idx = new int[6];
            float[] val = new float[6];
            kernels.randK(x, 2, 3, new long[] {5, 6}, idx, val, true);
            for (int i = 0; i < 2; i++) {
                int nonzero = 0;
                for (int j = 0; j < 9; j++) {
                    nonzero += x.get(i, j) != 0 ? 1 : 0;
                }
                assertTrue(nonzero <= 3);
                for (int r = 0; r < 3; r++) {
                    assertEquals(val[i * 3 + r], x.get(i, idx[i * 3 + r]));
                    assertEquals((10 * i + idx[i * 3 + r]) * 3f, val[i * 3 + r]);
                }
            }
        }
    }
}
