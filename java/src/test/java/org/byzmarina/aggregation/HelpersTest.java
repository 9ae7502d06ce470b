package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** The Java-side pieces of the new rules: index orders, subset enumeration, eigenvalue solvers. */
class HelpersTest {
    @Test
    void ordersBreakTiesByTheLowerIndex() {
        Order order = new Order();
        int[] idx = new int[6];
        order.ascending(new double[] {3, 1, 2, 1, 3, 0}, 6, idx);
        assertArrayEquals(new int[] {5, 1, 3, 2, 0, 4}, idx);
        order.descending(new double[] {3, 1, 2, 1, 3, 0}, 6, idx);
        assertArrayEquals(new int[] {0, 4, 2, 1, 3, 5}, idx);
        // Larger inputs against a plain sort of (key, index) pairs.
        SplitMix64 rng = new SplitMix64(9);
        for (int n : new int[] {0, 1, 2, 7, 100, 1000}) {
            double[] key = new double[n];
            for (int i = 0; i < n; i++) {
                key[i] = rng.nextBounded(10);
            }
            int[] got = new int[n];
            order.ascending(key, n, got);
            Integer[] want = new Integer[n];
            for (int i = 0; i < n; i++) {
                want[i] = i;
            }
            java.util.Arrays.sort(want, (a, b) -> key[a] != key[b] ? Double.compare(key[a], key[b]) : Integer.compare(a, b));
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], got[i], "n=" + n + " at " + i);
            }
        }
    }

    @Test
    void subsetsEnumerateTheExcludedSetsLexicographically() {
        for (int[] mf : new int[][] {{5, 0}, {5, 2}, {6, 3}, {7, 1}, {4, 4}}) {
            int m = mf[0];
            int f = mf[1];
            Subsets s = new Subsets();
            s.start(m, f);
            List<int[]> want = Naive.subsets(m, f);
            int count = 0;
            do {
                int[] e = want.get(count++);
                for (int i = 0; i < m; i++) {
                    final int row = i;
                    assertEquals(java.util.Arrays.stream(e).anyMatch(v -> v == row), s.isExcluded(i), "m=" + m + " f=" + f);
                }
            } while (s.next());
            assertEquals(want.size(), count);
        }
    }

    @Test
    void jacobiFindsTheLargestEigenvalue() {
        SymmetricEigen eigen = new SymmetricEigen();
        assertEquals(0.0, eigen.largest(new double[0], 0));
        assertEquals(-2.0, eigen.largest(new double[] {-2}, 1));
        assertEquals(5.0, eigen.largest(new double[] {1, 0, 0, 0, 5, 0, 0, 0, 3}, 3));
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1.
        assertEquals(3.0, eigen.largest(new double[] {2, 1, 1, 2}, 2), 1e-15);
        // A random PSD matrix B Bᵀ against plain power iteration.
        SplitMix64 rng = new SplitMix64(4);
        for (int n : new int[] {3, 10, 40}) {
            double[][] b = new double[n][n];
            for (double[] row : b) {
                for (int j = 0; j < n; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            double[][] a = new double[n][n];
            double[] flat = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = Naive.dot(b[i], b[j]);
                    flat[i * n + j] = a[i][j];
                }
            }
            double want = Naive.topEigen(a, null);
            assertEquals(want, eigen.largest(flat, n), 1e-10 * want, "n=" + n);
            assertTrue(eigen.lastSweeps() < 20, "sweeps: " + eigen.lastSweeps());
            double[] u = new double[n];
            double got = new PowerIteration().top(flat, n, u);
            assertEquals(want, got, 1e-9 * want, "power iteration, n=" + n);
            assertEquals(1.0, Math.sqrt(Naive.dot(u, u)), 1e-12);
        }
    }

    @Test
    void powerIterationOfTheZeroMatrixIsZero() {
        double[] u = new double[3];
        PowerIteration power = new PowerIteration();
        assertEquals(0.0, power.top(new double[9], 3, u));
        assertEquals(1, power.lastIterations());
    }
}
