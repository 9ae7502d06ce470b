package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.data.TestData;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** The OpenBLAS gradients against a plain-Java reference, and f* against the paper's values. */
class LogisticRegressionTest {

    static Dataset randomData(int rows, int d, long seed) {
        return randomData(rows, d, seed, 1);
    }

    /** Gaussian features, each non-zero with probability {@code density} (below 1/4: stored sparse). */
    static Dataset randomData(int rows, int d, long seed, double density) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] f = new double[rows * d];
        double[] y = new double[rows];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextGaussian();
            if (density < 1 && rng.nextDouble() >= density) {
                f[i] = 0;
            }
        }
        for (int r = 0; r < rows; r++) {
            f[r * d + r % d] = 1; // no all-zero row
        }
        for (int r = 0; r < rows; r++) {
            y[r] = rng.nextBounded(2);
        }
        return new Dataset("random", rows, d, f, y).normalisedRows();
    }

    /** Plain-Java reference: (1/|J|) Σ_j [(σ(a_jᵀx) − y_j) a_j] + η x + ρ ∇nc(x). */
    static double[] naiveGradient(Dataset data, int[] rows, double[] x, double eta, double rho, boolean flip) {
        int d = data.dim();
        double[] g = new double[d];
        for (int r : rows) {
            double t = 0;
            for (int j = 0; j < d; j++) {
                t += data.get(r, j) * x[j];
            }
            double y = flip ? 1 - data.labels()[r] : data.labels()[r];
            double c = 1 / (1 + Math.exp(-t)) - y;
            for (int j = 0; j < d; j++) {
                g[j] += c * data.get(r, j) / rows.length;
            }
        }
        for (int j = 0; j < d; j++) {
            double q = 1 + x[j] * x[j];
            g[j] += eta * x[j] + rho * 2 * x[j] / (q * q);
        }
        return g;
    }

    /**
     * Why label flipping must act in the full space (docs/algorithm.md "Attacks"): flipping y → 1 − y adds
     * a_j(2y_j − 1) to each sample gradient of the logistic loss, independently of x, so it cancels in a
     * gradient difference. A flipped difference equals the honest one; a flipped gradient does not.
     */
    @Test
    void labelFlippingCancelsInAGradientDifferenceButNotInAGradient() {
        int d = 9;
        Dataset data = randomData(40, d, 3);
        LogisticRegression p = new LogisticRegression("random", data, Splits.iid(40, 2, 1), 0, 0.01, 0, 8);
        SplitMix64 rng = new SplitMix64(4);
        double[] x1 = new double[d];
        double[] x0 = new double[d];
        for (int j = 0; j < d; j++) {
            x1[j] = rng.nextGaussian();
            x0[j] = rng.nextGaussian();
        }
        int[] batch = {0, 3, 5, 7, 11};
        double[] honest = new double[d];
        double[] flipped = new double[d];
        p.minibatchDifference(0, batch, batch.length, x1, x0, false, honest);
        p.minibatchDifference(0, batch, batch.length, x1, x0, true, flipped);
        double[] g = new double[d];
        double[] gFlipped = new double[d];
        p.minibatchGradient(0, batch, batch.length, x1, false, g);
        p.minibatchGradient(0, batch, batch.length, x1, true, gFlipped);
        double diffGap = 0;
        double gradGap = 0;
        for (int j = 0; j < d; j++) {
            diffGap = Math.max(diffGap, Math.abs(honest[j] - flipped[j]));
            gradGap = Math.max(gradGap, Math.abs(g[j] - gFlipped[j]));
        }
        assertTrue(diffGap < 1e-12, "flipped labels cancel in a difference: " + diffGap);
        assertTrue(gradGap > 1e-2, "but not in a gradient: " + gradGap);
    }

    /** Dense data (BLAS on gathered rows) and sparse data (loops over the non-zeros) alike. */
    @org.junit.jupiter.params.ParameterizedTest(name = "density {0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1, 0.1})
    void gradientsMatchThePlainJavaReference(double density) {
        int rows = 60;
        int d = density < 1 ? 40 : 7;
        int clients = 4;
        Dataset data = randomData(rows, d, 1, density);
        Splits split = Splits.iid(rows, clients, 5);
        LogisticRegression p = new LogisticRegression("random", data, split, 1, 0.01, 0.3, 8);
        SplitMix64 rng = new SplitMix64(2);
        double[] x1 = new double[d];
        double[] x0 = new double[d];
        for (int j = 0; j < d; j++) {
            x1[j] = rng.nextGaussian();
            x0[j] = rng.nextGaussian();
        }
        for (int client = 0; client < clients; client++) {
            int s = split.start()[client];
            int m = split.count()[client];
            int[] all = new int[m];
            for (int r = 0; r < m; r++) {
                all[r] = split.order()[s + r];
            }
            double[] got = new double[d];
            for (boolean flip : new boolean[] {false, true}) {
                p.fullGradient(client, x1, flip, got);
                assertClose(naiveGradient(data, all, x1, 0.01, 0.3, flip), got);
            }
            int[] batch = {0, 3, m - 1};
            int[] batchRows = {all[0], all[3], all[m - 1]};
            p.minibatchGradient(client, batch, 3, x1, false, got);
            assertClose(naiveGradient(data, batchRows, x1, 0.01, 0.3, false), got);
            p.minibatchDifference(client, batch, 3, x1, x0, true, got);
            double[] g1 = naiveGradient(data, batchRows, x1, 0.01, 0.3, true);
            double[] g0 = naiveGradient(data, batchRows, x0, 0.01, 0.3, true);
            for (int j = 0; j < d; j++) {
                g1[j] -= g0[j];
            }
            assertClose(g1, got);
        }
        // f and ∇f over the good clients (clients 0..2, each weighted 1/3, each sample 1/m_i).
        double[] grad = new double[d];
        double f = p.loss(x1, grad);
        double want = 0;
        double[] wantGrad = new double[d];
        for (int client = 0; client < 3; client++) {
            int s = split.start()[client];
            int m = split.count()[client];
            int[] all = new int[m];
            for (int r = 0; r < m; r++) {
                all[r] = split.order()[s + r];
                double t = 0;
                for (int j = 0; j < d; j++) {
                    t += data.get(all[r], j) * x1[j];
                }
                want += (Math.log1p(Math.exp(t)) - data.labels()[all[r]] * t) / m / 3;
            }
            double[] gi = naiveGradient(data, all, x1, 0.01, 0.3, false);
            for (int j = 0; j < d; j++) {
                wantGrad[j] += gi[j] / 3;
            }
        }
        for (double v : x1) {
            want += 0.005 * v * v + 0.3 * v * v / (1 + v * v);
        }
        assertEquals(want, f, 1e-12);
        assertClose(wantGrad, grad);
    }

    static void assertClose(double[] want, double[] got) {
        for (int j = 0; j < want.length; j++) {
            assertEquals(want[j], got[j], 1e-12 * (1 + Math.abs(want[j])), "coordinate " + j);
        }
    }

    @Test
    void newtonFindsThePapersOptimaOnA9aAndW8a() {
        for (String[] c : new String[][] {{"a9a", "0.4871001590"}, {"w8a", "0.3969970100"}}) {
            Dataset data = LibsvmReader.read(TestData.require(c[0])).normalisedRows().binaryLabels();
            LogisticRegression p = new LogisticRegression(c[0], data, Splits.full(data.rows(), 20), 5, LogisticRegression.ETA, 0, 32);
            double fStar = OptimumSolver.solve(p);
            assertEquals(Double.parseDouble(c[1]), fStar, 1e-9, c[0]);
            double[] g = new double[data.dim()];
            assertTrue(p.loss(new double[data.dim()], g) > fStar);
        }
    }
}
