package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.kernels.KernelsProvider.Backend;

/** Plain double computations the new rules are spot-checked against, and small test utilities. */
final class Naive {
    private Naive() {
    }

    /** The Java reference and the native engine with 2 threads. */
    static List<Kernels> backends() {
        return List.of(new JavaKernels(1), KernelsProvider.create(Backend.NATIVE, 2));
    }

    static Batch rows(double[]... rows) {
        Batch b = Batch.allocate(rows.length, rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            b.setRow(i, rows[i]);
        }
        return b;
    }

    static double[][] read(Batch x, int m) {
        double[][] v = new double[m][x.dim()];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < x.dim(); j++) {
                v[i][j] = x.get(i, j);
            }
        }
        return v;
    }

    static float[] run(Aggregator a, Batch x) {
        Batch out = Batch.allocate(1, x.dim());
        a.aggregate(x, x.rows(), out, 7);
        return out.row(0);
    }

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static double[] mean(double[][] x, int[] rows) {
        double[] mu = new double[x[0].length];
        for (int i : rows) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += x[i][j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= rows.length;
        }
        return mu;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Largest eigenvalue and its unit eigenvector of a symmetric matrix, by 20 000 power steps. */
    static double topEigen(double[][] a, double[] vectorOut) {
        int n = a.length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = 1.0 + 0.37 * i * (i % 2 == 0 ? 1 : -1);
        }
        double lambda = 0;
        for (int step = 0; step < 20_000; step++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    y[i] += a[i][j] * u[j];
                }
            }
            double norm = Math.sqrt(dot(y, y));
            if (norm == 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                u[i] = y[i] / norm;
            }
            lambda = norm;
        }
        if (vectorOut != null) {
            System.arraycopy(u, 0, vectorOut, 0, n);
        }
        return lambda;
    }

    /** The covariance (1/|S|) Σ (x_i − μ)(x_i − μ)ᵀ of rows S, weighted by w (null = uniform). */
    static double[][] covariance(double[][] x, int[] rows, double[] w) {
        int d = x[0].length;
        double total = 0;
        double[] mu = new double[d];
        for (int r = 0; r < rows.length; r++) {
            double wr = w == null ? 1 : w[r];
            total += wr;
            for (int j = 0; j < d; j++) {
                mu[j] += wr * x[rows[r]][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= total;
        }
        double[][] c = new double[d][d];
        for (int r = 0; r < rows.length; r++) {
            double wr = (w == null ? 1 : w[r]) / total;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] += wr * (x[rows[r]][a] - mu[a]) * (x[rows[r]][b] - mu[b]);
                }
            }
        }
        return c;
    }

    /** |expected − actual| ≤ tol · max(1, |expected|) at every coordinate. */
    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int j = 0; j < expected.length; j++) {
            double e = expected[j];
            assertTrue(Math.abs(e - actual[j]) <= tol * Math.max(1, Math.abs(e)),
                    what + ": coordinate " + j + " is " + actual[j] + ", naive " + e);
        }
    }

    /** Every subset of size k of [0, n), in lexicographic order. */
    static List<int[]> subsets(int n, int k) {
        List<int[]> all = new java.util.ArrayList<>();
        subsets(n, k, 0, new int[k], 0, all);
        return all;
    }

    private static void subsets(int n, int k, int from, int[] cur, int depth, List<int[]> all) {
        if (depth == k) {
            all.add(cur.clone());
            return;
        }
        for (int i = from; i <= n - (k - depth); i++) {
            cur[depth] = i;
            subsets(n, k, i + 1, cur, depth + 1, all);
        }
    }

    /** An inner aggregator that records what it was given and outputs the mean. */
    static final class Recorder implements Aggregator {
        double[][] seen;
        int seenBefore;
        private final Aggregator mean;

        Recorder(Kernels k) {
            mean = new MeanRule(k);
        }

        @Override
        public void aggregate(Batch x, int m, Batch out, long seed) {
            aggregate(x, m, m, out, seed);
        }

        @Override
        public void aggregate(Batch x, int m, int before, Batch out, long seed) {
            seen = read(x, m);
            seenBefore = before;
            mean.aggregate(x, m, out, seed);
        }

        @Override
        public void checkInputs(int m) {
        }

        @Override
        public String describe() {
            return "recorder";
        }
    }
}
