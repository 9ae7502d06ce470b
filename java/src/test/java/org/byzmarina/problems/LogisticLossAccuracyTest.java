package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.data.TestData;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metrics (f, ∇f, test loss) through Softplus against the straightforward StrictMath computation
 * they replaced, at points whose margins a_rᵀx reach ±3, ±40, ±700 (where e^−|t| is subnormal) and
 * ±900 (where it is 0). Tolerances: 1e-14 relative on the losses; on ∇f, 1e-13 of the sum of the
 * terms' magnitudes Σ_r w_r |(σ_r − y_r) a_rj| + |ηx_j| + |ρ∇nc(x_j)| (the scale the summation's own
 * rounding is measured against: near the optimum ∇f is much smaller than its terms).
 */
class LogisticLossAccuracyTest {
    private static final double RHO = 0.3;

    @BeforeAll
    static void loadBlas() {
        NativeLoading.loadOpenBlas();  // the dense path multiplies through OpenBLAS
    }

    /**
     * f(x), ∇f(x) and its term scale as the loss computed them before Softplus (StrictMath, row by row,
     * dense rows). The problem holds the data's rows in the split's order: its row r (weight[r]) is the
     * data's row order[r].
     */
    static double referenceLoss(Dataset data, int[] order, double[] weight, double eta, double rho, double[] x, double[] grad, double[] scale) {
        int d = data.dim();
        java.util.Arrays.fill(grad, 0);
        java.util.Arrays.fill(scale, 0);
        double f = 0;
        for (int r = 0; r < data.rows(); r++) {
            if (weight[r] == 0) {
                continue;
            }
            int row = order[r];
            double t = 0;
            for (int j = 0; j < d; j++) {
                t += data.get(row, j) * x[j];
            }
            double y = data.labels()[row];
            double e = StrictMath.exp(-Math.abs(t));
            double sigma = t >= 0 ? 1 / (1 + e) : e / (1 + e);
            f += weight[r] * (Math.max(t, 0) + StrictMath.log1p(e) - y * t);
            for (int j = 0; j < d; j++) {
                grad[j] += weight[r] * (sigma - y) * data.get(row, j);
                scale[j] += Math.abs(weight[r] * (sigma - y) * data.get(row, j));
            }
        }
        for (int j = 0; j < d; j++) {
            double v = x[j];
            double q = 1 + v * v;
            f += 0.5 * eta * v * v + rho * v * v / q;
            grad[j] += eta * v + rho * 2 * v / (q * q);
            scale[j] += Math.abs(eta * v) + Math.abs(rho * 2 * v / (q * q));
        }
        return f;
    }

    /** The test loss (1/n) Σ (max(t, 0) + log1p(exp(−|t|)) − y t) with StrictMath. */
    static double referenceTestLoss(Dataset test, double[] x) {
        double loss = 0;
        for (int r = 0; r < test.rows(); r++) {
            double t = 0;
            for (int j = 0; j < test.dim(); j++) {
                t += test.get(r, j) * x[j];
            }
            loss += Math.max(t, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(t))) - test.labels()[r] * t;
        }
        return loss / test.rows();
    }

    /** Compares problem.loss and testMetrics with the reference at x scaled so that max_r |a_rᵀx| = margin. */
    static void check(LogisticRegression p, Dataset data, Splits splits, Dataset test, double[] direction, double margin) {
        int d = data.dim();
        double largest = 0;
        for (int r = 0; r < data.rows(); r++) {
            double t = 0;
            for (int j = 0; j < d; j++) {
                t += data.get(r, j) * direction[j];
            }
            largest = Math.max(largest, Math.abs(t));
        }
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = direction[j] * (margin / largest);
        }
        double[] want = new double[d];
        double[] scale = new double[d];
        double fWant = referenceLoss(data, splits.order(), p.weights(), p.eta(), p.rho(), x, want, scale);
        double[] got = new double[d];
        double f = p.loss(x, got);
        String at = "margin " + margin;
        assertEquals(fWant, f, 1e-14 * Math.abs(fWant), at + ": f");
        assertEquals(f, p.loss(x, null), 0, at + ": f without the gradient");
        for (int j = 0; j < d; j++) {
            assertEquals(want[j], got[j], 1e-13 * scale[j], at + ": gradient coordinate " + j);
        }
        if (test != null) {
            double testWant = referenceTestLoss(test, x);
            double[] metrics = p.testMetrics(x);
            assertEquals(testWant, metrics[0], 1e-14 * Math.abs(testWant), at + ": test loss");
        }
    }

    static double[] gaussian(int d, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rng.nextGaussian();
        }
        return v;
    }

    /** Sparse (density 0.1, stored as compressed rows) and dense (through OpenBLAS) synthetic data; one Byzantine client's rows have weight 0. */
    @ParameterizedTest(name = "density {0}")
    @ValueSource(doubles = {0.1, 1})
    void syntheticDataMatchesStrictMath(double density) {
        int rows = 600;
        int d = density < 1 ? 50 : 12;
        Dataset data = LogisticRegressionTest.randomData(rows, d, 21, density);
        Dataset test = LogisticRegressionTest.randomData(200, d, 22, density);
        Splits splits = Splits.iid(rows, 5, 23);
        LogisticRegression p = new LogisticRegression("random", data, splits, 1, LogisticRegression.ETA, RHO, 8);
        p.setTestSet(test);
        int skipped = 0;
        for (double w : p.weights()) {
            skipped += w == 0 ? 1 : 0;
        }
        assertTrue(skipped > 0, "some rows have weight 0");
        for (long seed = 1; seed <= 3; seed++) {
            for (double margin : new double[] {0.5, 3, 40, 700, 900}) {
                check(p, data, splits, test, gaussian(d, seed), margin);
            }
        }
    }

    /**
     * Sparse rows of both kinds: even rows binary (their non-zeros equal after normalisation, so
     * {@link Rows#multiplyFactored} factors them), odd rows Gaussian (the transposed product then goes
     * row by row); and only binary rows (like a9a: the transposed product goes column by column).
     */
    @ParameterizedTest(name = "only binary rows: {0}")
    @ValueSource(booleans = {false, true})
    void binaryAndGeneralSparseRowsMatchStrictMath(boolean onlyBinary) {
        int rows = 500;
        int d = 60;
        SplitMix64 rng = new SplitMix64(onlyBinary ? 33 : 31);
        double[] features = new double[rows * d];
        double[] labels = new double[rows];
        for (int r = 0; r < rows; r++) {
            features[r * d + r % d] = 1;  // no empty row
            for (int j = 0; j < d; j++) {
                if (rng.nextDouble() < 0.12) {
                    features[r * d + j] = onlyBinary || r % 2 == 0 ? 1 : rng.nextGaussian();
                }
            }
            labels[r] = rng.nextBounded(2);
        }
        Dataset data = new Dataset("binary and general", rows, d, features, labels).normalisedRows();
        Splits splits = Splits.iid(rows, 4, 32);
        LogisticRegression p = new LogisticRegression("mixed", data, splits, 1, LogisticRegression.ETA, RHO, 8);
        for (long seed = 1; seed <= 3; seed++) {
            for (double margin : new double[] {0.5, 3, 40, 700, 900}) {
                check(p, data, splits, null, gaussian(d, seed), margin);
            }
        }
    }

    @Test
    void a9aMatchesStrictMath() {
        Dataset data = LibsvmReader.read(TestData.require("a9a")).binaryLabels().normalisedRows();
        Dataset test = LibsvmReader.read(TestData.require("a9a.t"), data.dim(), true).binaryLabels();
        Splits splits = Splits.full(data.rows(), 20);
        LogisticRegression p = new LogisticRegression("a9a", data, splits, 5, LogisticRegression.ETA, 0, 32);
        p.setTestSet(test);
        warmUp(p, data.dim()); // a9a repeats rows: the metrics' merged rows from here on
        for (double margin : new double[] {2, 40, 700, 900, 1e4, 1e6}) {
            check(p, data, splits, test, gaussian(data.dim(), 5), margin);
        }
    }

    /** The first two evaluations go row by row; the merged rows serve the third on. */
    static void warmUp(LogisticRegression p, int d) {
        for (int i = 0; i < 2; i++) {
            p.loss(new double[d], null);
        }
    }

    /** Binary rows drawn from a number of patterns (so most rows repeat), random labels. */
    static Dataset repeatedRows(int rows, int d, int distinct, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        double[][] patterns = new double[distinct][d];
        for (double[] pattern : patterns) {
            pattern[rng.nextBounded(d)] = 1; // no empty row
            for (int j = 0; j < d; j++) {
                pattern[j] = rng.nextDouble() < 0.15 ? 1 : pattern[j];
            }
        }
        // Compressed sparse rows, as LibsvmReader gives them (a sweep's runs then share the rows).
        int[] rowStart = new int[rows + 1];
        java.util.List<Integer> columns = new java.util.ArrayList<>();
        double[] labels = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] pattern = patterns[rng.nextBounded(patterns.length)];
            for (int j = 0; j < d; j++) {
                if (pattern[j] != 0) {
                    columns.add(j);
                }
            }
            rowStart[r + 1] = columns.size();
            labels[r] = rng.nextBounded(2);
        }
        int[] colIndex = columns.stream().mapToInt(Integer::intValue).toArray();
        double[] values = new double[colIndex.length];
        java.util.Arrays.fill(values, 1);
        return Dataset.sparse("repeated rows", rows, d, rowStart, colIndex, values, labels).normalisedRows();
    }

    /**
     * Repeated rows are evaluated once with their summed weights (a9a: 24 947 distinct rows of
     * 32 561): the same f and ∇f as row by row, copies split across clients and one Byzantine
     * client's rows at weight 0 included.
     */
    @Test
    void repeatedRowsAreMergedWithoutChangingTheMetrics() {
        int rows = 600;
        int d = 40;
        Dataset data = repeatedRows(rows, d, 40, 41);
        Splits splits = Splits.iid(rows, 5, 42);
        LogisticRegression p = new LogisticRegression("repeated", data, splits, 1, LogisticRegression.ETA, RHO, 8);
        warmUp(p, d);
        for (long seed = 1; seed <= 3; seed++) {
            for (double margin : new double[] {0.5, 3, 40, 700, 900, 1e4}) {
                check(p, data, splits, null, gaussian(d, seed), margin);
            }
        }
    }

    /**
     * Two problems on the same data (a sweep's runs share its rows, and the merged rows) evaluate
     * at once on two threads and get exactly what each gets alone: the merged rows' scratch is per
     * problem.
     */
    @Test
    void problemsSharingTheirDataEvaluateConcurrently() throws Exception {
        Dataset data = repeatedRows(12000, 60, 3000, 43); // evaluations long enough to overlap
        LogisticRegression[] problems = new LogisticRegression[2];
        double[][] points = new double[8][];
        double[][] want = new double[points.length][];
        for (int q = 0; q < points.length; q++) {
            points[q] = gaussian(60, 100 + q);
        }
        for (int t = 0; t < 2; t++) {
            problems[t] = new LogisticRegression("shared", data, Splits.full(data.rows(), 4), 1, LogisticRegression.ETA, 0, 8);
            warmUp(problems[t], 60);
        }
        for (int q = 0; q < points.length; q++) {
            want[q] = new double[61];
            want[q][60] = problems[0].loss(points[q], want[q]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                LogisticRegression p = problems[t];
                int offset = t;
                results.add(pool.submit(() -> {
                    double[] grad = new double[61];
                    for (int i = 0; i < 3000; i++) {
                        int q = (i + offset) % points.length;
                        grad[60] = p.loss(points[q], grad);
                        if (!java.util.Arrays.equals(want[q], grad)) {
                            return "point " + q + " at iteration " + i;
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<String> r : results) {
                assertEquals(null, r.get(), "a concurrent evaluation differed from the lone one");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
