package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.data.TestData;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The theory's smoothness constants (docs/algorithm.md "Theory") against an independent dense
 * eigenvalue computation: the cyclic Jacobi method on the formed matrix ¼AᵀA/N, to machine precision.
 */
class SmoothnessTest {
    /** λ_max of a symmetric d × d matrix by cyclic Jacobi rotations until the off-diagonal part vanishes. */
    static double jacobiLargest(double[] m, int d) {
        double[] a = m.clone();
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < d; i++) {
                diag += a[i * d + i] * a[i * d + i];
                for (int j = i + 1; j < d; j++) {
                    off += a[i * d + j] * a[i * d + j];
                }
            }
            if (off <= 1e-32 * diag) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = a[p * d + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) { // columns p, q
                        double akp = a[k * d + p];
                        double akq = a[k * d + q];
                        a[k * d + p] = c * akp - s * akq;
                        a[k * d + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) { // rows p, q
                        double apk = a[p * d + k];
                        double aqk = a[q * d + k];
                        a[p * d + k] = c * apk - s * aqk;
                        a[q * d + k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, a[i * d + i]);
        }
        return max;
    }

    /** ¼·λ_max(AᵀA/N) + η of the rows r0 .. r1 − 1, formed densely. */
    static double denseL(Dataset data, int r0, int r1, double eta) {
        int d = data.dim();
        double[] m = new double[d * d];
        for (int r = r0; r < r1; r++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    m[i * d + j] += data.get(r, i) * data.get(r, j) / (r1 - r0);
                }
            }
        }
        return 0.25 * jacobiLargest(m, d) + eta;
    }

    private static Dataset firstRows(Dataset data, int rows) {
        return new Dataset(data.name(), rows, data.dim(), Arrays.copyOf(data.features(), rows * data.dim()),
                Arrays.copyOf(data.labels(), rows));
    }

    /** a9a's first 400 rows, two clients of 200 (one good, one Byzantine: its rows are outside f). */
    @Test
    void a9aConstantsMatchADenseEigenvalueComputation() throws Exception {
        Dataset all = LibsvmReader.read(TestData.require("a9a")).normalisedRows().binaryLabels();
        Dataset data = firstRows(all, 400);
        LogisticRegression p = new LogisticRegression("a9a", data, Splits.iid(400, 4, 3), 1, 0.01, 0, 32);
        Smoothness s = p.smoothness();
        // The good clients' rows (three shards of 100) in split order make f: AᵀA/N over them.
        Splits split = Splits.iid(400, 4, 3);
        double[] goodRows = new double[300 * data.dim()];
        double[] labels = new double[300];
        for (int r = 0; r < 300; r++) {
            System.arraycopy(data.features(), split.order()[r] * data.dim(), goodRows, r * data.dim(), data.dim());
        }
        Dataset good = new Dataset("good", 300, data.dim(), goodRows, labels);
        double l = denseL(good, 0, 300, 0.01);
        assertEquals(l, s.l(), 1e-9 * l, "L");
        double maxClient = 0;
        for (int i = 0; i < 3; i++) {
            maxClient = Math.max(maxClient, denseL(good, 100 * i, 100 * (i + 1), 0.01));
        }
        assertEquals(maxClient, s.maxClient(), 1e-9 * maxClient, "max L_i");
        assertEquals(0.25 + 0.01, s.maxSample(), 1e-12, "rows are unit vectors: L_ij = 1/4 + eta");
        assertTrue(s.iterations() > 0);
    }

    /** The whole of a9a: L is the bound docs/algorithm.md states (0.1232), and every client shares it. */
    @Test
    void a9aFullSplitL() throws Exception {
        Dataset all = LibsvmReader.read(TestData.require("a9a")).normalisedRows().binaryLabels();
        LogisticRegression p = new LogisticRegression("a9a", all, Splits.full(all.rows(), 20), 5, 0.01, 0, 32);
        Smoothness s = p.smoothness();
        assertEquals(0.1232, s.l(), 5e-5);
        assertEquals(s.l(), s.maxClient(), 0);
    }

    /** Power iteration to a relative 1e-9 on dense random data, against Jacobi; the operator form agrees too. */
    @Test
    void powerIterationReachesARelativeOneInABillion() {
        SplitMix64 rng = new SplitMix64(7);
        int rows = 60;
        int d = 30;
        double[] f = new double[rows * d];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextGaussian();
        }
        double[] y = new double[rows];
        Dataset data = new Dataset("random", rows, d, f, y).normalisedRows();
        LogisticRegression p = new LogisticRegression("random", data, Splits.full(rows, 1), 0, 0.01, 0.5, 8);
        double exact = denseL(data, 0, rows, 0.01) + 2 * 0.5; // + 2ρ, the non-convex term's curvature bound
        assertEquals(exact, p.smoothness().l(), 1e-9 * exact);
        double[] m = new double[d * d];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    m[i * d + j] += data.get(r, i) * data.get(r, j) / rows;
                }
            }
        }
        Smoothness.Eigen e = Smoothness.largestEigenvalue(d, (v, out) -> Smoothness.multiplySymmetric(m, d, v, out));
        double lambda = jacobiLargest(m, d);
        assertEquals(lambda, e.value(), 1e-9 * lambda);
    }

    @Test
    void theQuadraticIsExactlyOne() {
        Smoothness s = new Quadratic(10, 2, 5, 10, 1, 1, 0).smoothness();
        assertEquals(1, s.l());
        assertEquals(1, s.maxClient());
        assertEquals(1, s.maxSample());
        assertEquals(2, s.scaled(2).l());
    }
}
