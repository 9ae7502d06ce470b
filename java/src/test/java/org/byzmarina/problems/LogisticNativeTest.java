package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.data.TestData;
import org.byzmarina.kernels.NativeLib;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native twins of LogisticRegression's sparse paths ({@link NativeLogistic}, kernels.h) against
 * the Java code, bit for bit, on every SIMD level this machine has: fdlibm's exp against
 * StrictMath.exp, the clients' minibatch gradients and differences, full gradients, and the
 * metrics' loss and gradient (row by row and over merged rows).
 */
class LogisticNativeTest {
    private static int levels;

    @BeforeAll
    static void load() {
        NativeLoading.requireKernels();
        levels = NativeLib.bm_simd_supported();
    }

    /** Values where fdlibm's exp changes branch, and their neighbours. */
    private static double[] expEdges() {
        double[] edges = {0, 0.5 * Math.log(2), 1.5 * Math.log(2), 0x1p-28, 7.09782712893383973096e+02,
            7.45133219101941108420e+02, 708.39, 709.0, 709.78, 1, 2, 10, 100, 700, 1e-300, Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 1021 * Math.log(2), 1022 * Math.log(2), 800, 1e4};
        double[] out = new double[edges.length * 6 + 2];
        int n = 0;
        for (double e : edges) {
            for (double v : new double[] {e, Math.nextUp(e), Math.nextDown(e)}) {
                out[n++] = v;
                out[n++] = -v;
            }
        }
        out[n++] = Double.NaN;
        out[n] = Double.longBitsToDouble(0xfff8000000000123L);
        return out;
    }

    @Test
    void expIsStrictMathsExpBitForBit() {
        SplitMix64 rng = new SplitMix64(7);
        int n = 1 << 20;
        double[] x = new double[n];
        double[] edges = expEdges();
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < n; i++) {
            switch (i % 4) {
                case 0: x[i] = Double.longBitsToDouble(rng.nextLong()); break;            // every exponent
                case 1: x[i] = (rng.nextDouble() * 2 - 1) * 760; break;                    // the finite range
                case 2: x[i] = (rng.nextDouble() * 2 - 1) * 2; break;                      // around 0
                default: x[i] = (rng.nextDouble() * 2 - 1) * 0x1p-26; break;               // tiny
            }
        }
        double[] out = new double[n];
        for (int level = 0; level <= levels; level++) {
            assertEquals(0, NativeLib.bm_exp(x, n, out, level));
            for (int i = 0; i < n; i++) {
                double want = StrictMath.exp(x[i]);
                if (Double.doubleToLongBits(out[i]) != Double.doubleToLongBits(want)) {
                    throw new AssertionError("level " + level + ": exp(" + x[i] + " = " + Double.toHexString(x[i]) + ") = "
                            + Double.toHexString(out[i]) + ", StrictMath " + Double.toHexString(want));
                }
            }
        }
    }

    /** Sparse rows, mostly binary (normalised), some with arbitrary values, one empty. */
    private static Dataset rows(int rows, int d, long seed) {
        return rows(rows, d, seed, true);
    }

    /** Sparse rows (normalised), binary unless mixed (then every fifth has arbitrary values), one empty. */
    private static Dataset rows(int rows, int d, long seed, boolean mixed) {
        double density = Math.min(0.12, 40.0 / d);
        SplitMix64 rng = new SplitMix64(seed);
        int[] rowStart = new int[rows + 1];
        java.util.List<Integer> cols = new java.util.ArrayList<>();
        java.util.List<Double> vals = new java.util.ArrayList<>();
        double[] labels = new double[rows];
        for (int r = 0; r < rows; r++) {
            boolean binary = !mixed || r % 5 != 0;
            for (int j = 0; j < d && r != 3; j++) {
                if (rng.nextDouble() < density) {
                    cols.add(j);
                    vals.add(binary ? 1.0 : rng.nextDouble() * 4 - 2);
                }
            }
            rowStart[r + 1] = cols.size();
            labels[r] = rng.nextBounded(2);
        }
        return Dataset.sparse("random", rows, d, rowStart, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), labels).normalisedRows();
    }

    private static double[] point(int d, long seed, double scale) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = (rng.nextDouble() * 2 - 1) * scale;
        }
        return x;
    }

    private static void assertBits(double[] want, double[] got, String what) {
        for (int j = 0; j < want.length; j++) {
            if (Double.doubleToLongBits(want[j]) != Double.doubleToLongBits(got[j])) {
                throw new AssertionError(what + ": [" + j + "] Java " + want[j] + ", native " + got[j]);
            }
        }
    }

    private static LogisticRegression problem(Dataset data, Splits splits, boolean nativeRows) {
        LogisticRegression p = new LogisticRegression("random", data, splits, 1, LogisticRegression.ETA, 0.25, 16);
        p.useNativeEngine(nativeRows);
        return p;
    }

    /**
     * Every layout of the rows (kernels.h: 1-, 2- or 4-byte columns; a value per non-zero or per row)
     * gives the Java code's bits.
     */
    @ParameterizedTest
    @CsvSource({"37, true, 1", "37, false, 1", "300, true, 2", "300, false, 2", "70000, true, 4", "70000, false, 4"})
    void clientGradientsAndDifferencesMatchTheJavaCode(int d, boolean mixed, int columnBytes) {
        Dataset data = rows(300, d, 3, mixed);
        NativeLogistic.Layout layout = new NativeLogistic.Data().of(Rows.of(data, null), data.labels());
        assertEquals(columnBytes, layout.colBytes(), "column bytes");
        assertEquals(!mixed, layout.rowValues(), "a value per row");
        Splits splits = Splits.iid(300, 6, 4);
        LogisticRegression java = problem(data, splits, false);
        LogisticRegression nat = problem(data, splits, true);
        SplitMix64 rng = new SplitMix64(5);
        double[] want = new double[d];
        double[] got = new double[d];
        for (double scale : new double[] {0.1, 3, 80, 5e3}) {
            for (int trial = 0; trial < 40; trial++) {
                int client = rng.nextBounded(6);
                int size = 1 + rng.nextBounded(16);
                int[] batch = new int[size];
                for (int r = 0; r < size; r++) {
                    batch[r] = rng.nextBounded(java.samples(client));
                }
                double[] x1 = point(d, trial, scale);
                double[] x0 = point(d, trial + 1000, scale);
                boolean flip = trial % 2 == 0;
                java.minibatchGradient(client, batch, size, x1, flip, want);
                nat.minibatchGradient(client, batch, size, x1, flip, got);
                assertBits(want, got, "minibatch gradient, scale " + scale);
                java.minibatchDifference(client, batch, size, x1, x0, flip, want);
                nat.minibatchDifference(client, batch, size, x1, x0, flip, got);
                assertBits(want, got, "minibatch difference, scale " + scale);
                java.fullGradient(client, x1, flip, want);
                nat.fullGradient(client, x1, flip, got);
                assertBits(want, got, "full gradient, scale " + scale);
            }
        }
    }

    @Test
    void everySimdLevelGivesTheSameBits() {
        int d = 29;
        Dataset data = rows(200, d, 8);
        Rows a = Rows.of(data, null);
        double[] y = data.labels();
        int[] batch = {5, 17, 17, 190, 3, 64, 0, 128, 99};
        double[] x1 = point(d, 1, 4);
        double[] x0 = point(d, 2, 4);
        NativeLogistic.Layout rows = new NativeLogistic.Data().of(a, y);
        NativeLogistic.Scratch s = new NativeLogistic.Scratch(d, batch.length, 200);
        double[] diff0 = new double[d];
        double[] full0 = new double[d];
        NativeLogistic.batch(a, rows, s, 7, batch, batch.length, x1, x0, false, 0.01, 0.3, diff0, 0);
        NativeLogistic.full(a, rows, s, 10, 150, x1, true, 0.01, 0.3, full0, 0);
        double[] out = new double[d];
        for (int level = 1; level <= levels; level++) {
            NativeLogistic.batch(a, rows, s, 7, batch, batch.length, x1, x0, false, 0.01, 0.3, out, level);
            assertBits(diff0, out, "difference at level " + level);
            NativeLogistic.full(a, rows, s, 10, 150, x1, true, 0.01, 0.3, out, level);
            assertBits(full0, out, "full gradient at level " + level);
        }
    }

    @Test
    void metricsMatchTheJavaCodeRowByRowAndMerged() {
        int d = 40;
        Dataset data = LogisticLossAccuracyTest.repeatedRows(600, d, 40, 41);
        Splits splits = Splits.iid(600, 5, 42);
        LogisticRegression java = problem(data, splits, false);
        LogisticRegression nat = problem(data, splits, true);
        double[] want = new double[d];
        double[] got = new double[d];
        // The first two evaluations run row by row, later ones over the merged rows.
        for (int eval = 0; eval < 8; eval++) {
            for (double scale : new double[] {0.01, 2, 60, 800, 1e5}) {
                double[] x = point(d, 31 * eval + (long) scale, scale);
                assertEquals(Double.doubleToLongBits(java.loss(x, want)), Double.doubleToLongBits(nat.loss(x, got)),
                        "f at scale " + scale);
                assertBits(want, got, "gradient of f at scale " + scale);
                assertEquals(Double.doubleToLongBits(java.loss(x, null)), Double.doubleToLongBits(nat.loss(x, null)));
            }
        }
        double[] bad = point(d, 9, 1);
        bad[3] = Double.NaN;
        assertEquals(Double.doubleToLongBits(java.loss(bad, want)), Double.doubleToLongBits(nat.loss(bad, got)));
    }

    @Test
    void realDataGivesTheSameMetricsAndGradients() {
        java.nio.file.Path file = TestData.require("a9a");
        Dataset data = LibsvmReader.read(file, 0, true).binaryLabels();
        Splits splits = Splits.full(data.rows(), 20);
        LogisticRegression java = new LogisticRegression("a9a", data, splits, 5, LogisticRegression.ETA, 0, 32);
        LogisticRegression nat = new LogisticRegression("a9a", data, splits, 5, LogisticRegression.ETA, 0, 32);
        nat.useNativeEngine(true);
        int d = data.dim();
        double[] want = new double[d];
        double[] got = new double[d];
        for (int eval = 0; eval < 4; eval++) {
            double[] x = point(d, eval, 0.5 + eval);
            assertEquals(Double.doubleToLongBits(java.loss(x, want)), Double.doubleToLongBits(nat.loss(x, got)));
            assertBits(want, got, "a9a gradient of f");
            java.fullGradient(0, x, false, want);
            nat.fullGradient(0, x, false, got);
            assertBits(want, got, "a9a full gradient");
        }
    }

    /**
     * The native grouping of duplicate rows (bm_distinct_rows) and gather of their first copies
     * (bm_rows_gather) give the Java code's groups and merged rows; the native column index
     * (bm_rows_by_columns) the Java one.
     */
    @Test
    void distinctRowsAreTheJavaGroups() {
        assertSameDistinct(LogisticLossAccuracyTest.repeatedRows(600, 40, 40, 41));
        assertSameDistinct(LogisticLossAccuracyTest.repeatedRows(500, 12, 7, 3));
    }

    @Test
    void distinctRowsOfRealDataAreTheJavaGroups() {
        assertSameDistinct(LibsvmReader.read(TestData.require("a9a"), 0, true).binaryLabels().normalisedRows());
    }

    private static void assertSameDistinct(Dataset data) {
        int[] order = new int[data.rows()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        Rows.Distinct java = Rows.of(data, order).distinct(false); // separate matrices: the holder caches
        Rows.Distinct nat = Rows.of(data, order).distinct(true);
        org.junit.jupiter.api.Assertions.assertNotNull(java, "binary rows");
        org.junit.jupiter.api.Assertions.assertNotNull(nat, "binary rows");
        org.junit.jupiter.api.Assertions.assertTrue(java.rows().rows < data.rows(), "the data has duplicate rows");
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.groupOf(), nat.groupOf());
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.rows().rowStartArray(), nat.rows().rowStartArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.rows().colIndexArray(), nat.rows().colIndexArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.rows().valuesArray(), nat.rows().valuesArray());
        // The column index (bm_rows_by_columns) too.
        int[][] javaIndex = Rows.of(data, order).columnIndex(false);
        int[][] natIndex = Rows.of(data, order).columnIndex(true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(javaIndex[0], natIndex[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(javaIndex[1], natIndex[1]);
    }

    @Test
    void badArgumentsAreRefusedNotRead() {
        Dataset data = rows(20, 5, 1);
        Rows a = Rows.of(data, null);
        double[] out = new double[5];
        NativeLogistic.Layout rows = new NativeLogistic.Data().of(a, data.labels());
        NativeLogistic.Scratch s = new NativeLogistic.Scratch(5, 1, 20);
        assertThrows(IllegalStateException.class, () -> NativeLogistic.batch(a, rows, s, 0, new int[] {20}, 1,
                new double[5], null, false, 0.01, 0, out, 0));
        assertThrows(IllegalStateException.class, () -> NativeLogistic.full(a, rows, s, 15, 6, new double[5], false,
                0.01, 0, out, 0));
        assertEquals(-1, NativeLib.bm_exp(new double[1], 1, new double[1], levels + 1));
    }
}
