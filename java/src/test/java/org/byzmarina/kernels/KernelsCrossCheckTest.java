package org.byzmarina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import org.byzmarina.kernels.TestBatches.Kind;
import org.byzmarina.random.SplitMix64;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared cross-check suite: every kernel, on every engine (Java with 2 threads; native at every
 * SIMD level this CPU has, with 1, 2 and 3 threads), against the one-thread Java reference.
 *
 * <p>Tolerance policy. Both engines implement the arithmetic of kernels.h, including the order of
 * every sum (the canonical 16-lane double accumulation), so every output — norms, distances,
 * clipped vectors, means, medians, trimmed means, RFA, RandK masks and values — must be
 * <b>bit-identical</b> to the reference, for integer-valued, random and extreme inputs alike.
 * Additionally each output is compared with an independent naive double-precision computation
 * (plain left-to-right sums, full sorts) within a relative tolerance of {@value #REL_TOL} of the
 * input scale, so an error shared by both engines is caught too.
 */
class KernelsCrossCheckTest {
    static final double REL_TOL = 1e-6;
    static final JavaKernels REFERENCE = new JavaKernels(1);
    static final List<Kernels> ENGINES = TestBatches.engines();

    static List<Kernels> engines() {
        return ENGINES;
    }

    interface Case {
        void run(Kind kind, int m, int d, String ctx);
    }

    /** Runs a case over kinds × DIMS × ROWS, plus one larger multi-threaded shape. */
    static void sweep(Kind[] kinds, Case c) {
        for (Kind kind : kinds) {
            for (int d : TestBatches.DIMS) {
                for (int m : TestBatches.ROWS) {
                    c.run(kind, m, d, kind + " m=" + m + " d=" + d);
                }
            }
            c.run(kind, 65, 4097, kind + " m=65 d=4097");
        }
    }

    static final Kind[] FINITE = {Kind.INTEGER, Kind.RANDOM, Kind.EXTREME};
    static final Kind[] ALL = {Kind.INTEGER, Kind.RANDOM, Kind.EXTREME, Kind.NON_FINITE};

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void squaredNorms(Kernels engine) {
        sweep(ALL, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 1);
            double[] want = new double[m];
            double[] got = new double[m];
            REFERENCE.squaredNorms(x, m, want);
            engine.squaredNorms(x, m, got);
            assertBits(want, got, ctx);
            for (int i = 0; i < m; i++) {
                double naive = 0;
                for (int j = 0; j < d; j++) {
                    naive += (double) x.get(i, j) * x.get(i, j);
                }
                if (Double.isFinite(naive)) {
                    assertClose(naive, got[i], naive, ctx + " row " + i);
                } else {
                    assertTrue(!Double.isFinite(got[i]), ctx + ": non-finite row must give a non-finite norm");
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void clip(Kernels engine) {
        sweep(ALL, (kind, m, d, ctx) -> {
            Batch src = TestBatches.make(kind, m, d, 2);
            double[] norms = new double[m];
            REFERENCE.squaredNorms(src, m, norms);
            double[] levels = new double[m];
            for (int i = 0; i < m; i++) {
                double n = Math.sqrt(norms[i]);
                double[] choices = {0, 0.5 * n, n, 2 * n + 1, Double.POSITIVE_INFINITY, 1e-3};
                levels[i] = Double.isFinite(n) ? choices[i % choices.length] : 1.0;
            }
            for (boolean inPlace : new boolean[] {false, true}) {
                Batch want = inPlace ? TestBatches.copy(src) : Batch.allocate(m, d);
                Batch got = inPlace ? TestBatches.copy(src) : Batch.allocate(m, d);
                double[] wn = new double[m];
                double[] gn = new double[m];
                byte[] wf = new byte[m];
                byte[] gf = new byte[m];
                int wc = REFERENCE.clip(inPlace ? want : src, want, m, levels, wn, wf);
                int gc = engine.clip(inPlace ? got : src, got, m, levels, gn, gf);
                String c = ctx + (inPlace ? " in place" : " out of place");
                assertEquals(wc, gc, c + ": clipped count");
                assertTrue(Arrays.equals(wf, gf), c + ": flags");
                assertBits(wn, gn, c + ": norms");
                assertBits(want, got, m, c);
                for (int i = 0; i < m; i++) {
                    double n2 = Csum.squaredNorm(got, i);
                    assertTrue(Double.isFinite(n2), c + ": output row " + i + " must be finite");
                    if (wf[i] == Kernels.NON_FINITE) {
                        assertEquals(0.0, n2, c + ": non-finite row must become zero");
                    } else {
                        assertTrue(Math.sqrt(n2) <= levels[i] * (1 + REL_TOL) + 1e-30, c + ": row " + i + " exceeds its level");
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void randK(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            for (int k : new int[] {0, Math.min(1, d), d / 3, d}) {
                Batch x = TestBatches.make(kind, m, d, 3);
                long[] seeds = new long[m];
                for (int i = 0; i < m; i++) {
                    seeds[i] = 977L * i + k;
                }
                int[] wi = new int[m * k];
                int[] gi = new int[m * k];
                float[] wv = new float[m * k];
                float[] gv = new float[m * k];
                Batch want = TestBatches.copy(x);
                Batch got = TestBatches.copy(x);
                REFERENCE.randK(want, m, k, seeds, wi, wv, true);
                engine.randK(got, m, k, seeds, gi, gv, true);
                String c = ctx + " k=" + k;
                assertTrue(Arrays.equals(wi, gi), c + ": RandK masks differ");
                assertBits(wv, gv, c + ": values");
                assertBits(want, got, m, c + ": dense");
                for (int i = 0; i < m; i++) {
                    for (int r = 0; r < k; r++) {
                        int idx = gi[i * k + r];
                        assertTrue(idx >= 0 && idx < d && (r == 0 || idx > gi[i * k + r - 1]), c + ": indices sorted, distinct, in range");
                        float expected = (float) (x.get(i, idx) * ((double) d / k));
                        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(gv[i * k + r]), c + ": scaled value");
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void groupMeans(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 4);
            // Buckets of 2 over a reversed order, then one group of every row, then a group with repeats.
            int groups = (m + 1) / 2 + 2;
            int[] index = new int[m + m + 3];
            int[] start = new int[groups + 1];
            int r = 0;
            int g = 0;
            for (int i = 0; i < m; i++) {
                if (i % 2 == 0) {
                    start[g++] = r;
                }
                index[r++] = m - 1 - i;
            }
            start[g++] = r;
            for (int i = 0; i < m; i++) {
                index[r++] = i;
            }
            start[g++] = r;
            index[r++] = 0;
            index[r++] = m - 1;
            index[r++] = 0;
            start[g] = r;
            Batch want = Batch.allocate(groups, d);
            Batch got = Batch.allocate(groups, d);
            REFERENCE.groupMeans(x, m, index, start, groups, want);
            engine.groupMeans(x, m, index, start, groups, got);
            assertBits(want, got, groups, ctx);
            for (int gg = 0; gg < groups; gg++) {
                for (int j = 0; j < d; j++) {
                    double sum = 0;
                    double scale = 0;
                    for (int q = start[gg]; q < start[gg + 1]; q++) {
                        sum += x.get(index[q], j);
                        scale = Math.max(scale, Math.abs(x.get(index[q], j)));
                    }
                    assertClose(sum / (start[gg + 1] - start[gg]), got.get(gg, j), scale, ctx + " group " + gg);
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void coordinateMedian(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 5);
            Batch want = Batch.allocate(1, d);
            Batch got = Batch.allocate(1, d);
            REFERENCE.coordinateMedian(x, m, want);
            engine.coordinateMedian(x, m, got);
            assertBits(want, got, 1, ctx);
            for (int j = 0; j < d; j++) {
                double[] col = column(x, m, j);
                double med = m % 2 == 1 ? col[m / 2] : (col[m / 2 - 1] + col[m / 2]) / 2;
                assertClose(med, got.get(0, j), Math.abs(med), ctx + " coordinate " + j);
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void bucketedMedian(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 9);
            int[] perm = new int[m];
            for (int i = 0; i < m; i++) {
                perm[i] = i;
            }
            new org.byzmarina.random.SplitMix64(m * 31L + d).shuffle(perm);
            for (int s : new int[] {1, 2, 3, m, m + 1}) {
                Batch want = Batch.allocate(1, d);
                Batch got = Batch.allocate(1, d);
                REFERENCE.bucketedMedian(x, m, perm, s, want);
                engine.bucketedMedian(x, m, perm, s, got);
                assertBits(want, got, 1, ctx + " s=" + s);
                // Independent check: the median of the bucket means, computed naively.
                int groups = (m + s - 1) / s;
                for (int j = 0; j < d; j++) {
                    double[] means = new double[groups];
                    for (int g = 0; g < groups; g++) {
                        double sum = 0;
                        int count = 0;
                        for (int r = g * s; r < Math.min(m, (g + 1) * s); r++, count++) {
                            sum += x.get(perm[r], j);
                        }
                        means[g] = (float) (sum / count);
                    }
                    Arrays.sort(means);
                    double med = groups % 2 == 1 ? means[groups / 2] : (means[groups / 2 - 1] + means[groups / 2]) / 2;
                    assertClose(med, got.get(0, j), Math.abs(med), ctx + " s=" + s + " coordinate " + j);
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void trimmedMean(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 6);
            for (int t : new int[] {0, Math.min(1, (m - 1) / 2), (m - 1) / 2}) {
                Batch want = Batch.allocate(1, d);
                Batch got = Batch.allocate(1, d);
                REFERENCE.trimmedMean(x, m, t, want);
                engine.trimmedMean(x, m, t, got);
                assertBits(want, got, 1, ctx + " t=" + t);
                for (int j = 0; j < d; j++) {
                    double[] col = column(x, m, j);
                    double sum = 0;
                    double scale = 0;
                    for (int r = t; r < m - t; r++) {
                        sum += col[r];
                        scale = Math.max(scale, Math.abs(col[r]));
                    }
                    assertClose(sum / (m - 2 * t), got.get(0, j), scale, ctx + " t=" + t + " coordinate " + j);
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void pairwiseSquaredDistances(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 7);
            double[] want = new double[m * m];
            double[] got = new double[m * m];
            REFERENCE.pairwiseSquaredDistances(x, m, want);
            engine.pairwiseSquaredDistances(x, m, got);
            assertBits(want, got, ctx);
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < m; k++) {
                    double naive = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = (double) x.get(i, j) - x.get(k, j);
                        naive += diff * diff;
                    }
                    assertClose(naive, got[i * m + k], naive, ctx + " pair " + i + "," + k);
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void rfa(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 8);
            for (int iterations : new int[] {0, 1, 8}) {
                for (double nu : new double[] {0.1, 1e-6}) {
                    Batch want = Batch.allocate(1, d);
                    Batch got = Batch.allocate(1, d);
                    REFERENCE.rfa(x, m, iterations, nu, want);
                    engine.rfa(x, m, iterations, nu, got);
                    String c = ctx + " T=" + iterations + " nu=" + nu;
                    assertBits(want, got, 1, c);
                    double[] z = naiveRfa(x, m, iterations, nu);
                    double scale = 0;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < d; j++) {
                            scale = Math.max(scale, Math.abs(x.get(i, j)));
                        }
                    }
                    for (int j = 0; j < d; j++) {
                        assertClose(z[j], got.get(0, j), scale, c + " coordinate " + j);
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void meanAroundMedian(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 10);
            SplitMix64 rng = new SplitMix64(m * 131L + d);
            for (int variant = 0; variant < 3; variant++) {
                // 0: all rows; 1: a shuffled subset (Bulyan's selection); 2: rows drawn with repeats.
                int[] rows = null;
                int count = m;
                if (variant == 1) {
                    rows = new int[m];
                    for (int i = 0; i < m; i++) {
                        rows[i] = i;
                    }
                    rng.shuffle(rows);
                    count = Math.max(1, m - rng.nextBounded(m / 2 + 1));
                } else if (variant == 2) {
                    count = 1 + rng.nextBounded(m + 3);
                    rows = new int[count + 2];  // longer than count: the tail is never read
                    for (int r = 0; r < rows.length; r++) {
                        rows[r] = r < count ? rng.nextBounded(m) : -1;
                    }
                }
                for (int keep : new int[] {1, count, (count + 1) / 2, count - 2 * (count / 4)}) {
                    Batch want = Batch.allocate(1, d);
                    Batch got = Batch.allocate(1, d);
                    REFERENCE.meanAroundMedian(x, m, rows, count, keep, want);
                    engine.meanAroundMedian(x, m, rows, count, keep, got);
                    String c = ctx + " rows=" + variant + " count=" + count + " keep=" + keep;
                    assertBits(want, got, 1, c);
                    for (int j = 0; j < d; j++) {
                        assertTrue(Float.isFinite(got.get(0, j)), c + ": output must be finite");
                    }
                    for (int j : spotCoordinates(d)) {
                        double naive = NaiveKernels.meanAroundMedian(x, rows, count, keep, j);
                        assertClose(naive, got.get(0, j), NaiveKernels.columnScale(x, rows, count, j), c + " coordinate " + j);
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void centeredClip(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 11);
            double[] center = (m + d) % 3 == 0 ? new double[d] : TestBatches.vector(kind, d, 11);
            double[] dist = new double[m];
            REFERENCE.squaredDistancesTo(x, m, center, dist);
            Arrays.sort(dist);
            double mid = Math.sqrt(dist[m / 2]) > 0 ? Math.sqrt(dist[m / 2]) : 1.0;
            double scale = 0;
            for (int j = 0; j < d; j++) {
                scale = Math.max(scale, Math.abs(center[j]));
                for (int i = 0; i < m; i++) {
                    scale = Math.max(scale, Math.abs(x.get(i, j)));
                }
            }
            for (double tau : new double[] {1e-3 * mid, mid, 1e6 * mid + 1}) {
                for (int iterations : new int[] {1, 3}) {
                    Batch want = Batch.allocate(1, d);
                    Batch got = Batch.allocate(1, d);
                    REFERENCE.centeredClip(x, m, center, tau, iterations, want);
                    engine.centeredClip(x, m, center, tau, iterations, got);
                    String c = ctx + " tau=" + tau + " L=" + iterations;
                    assertBits(want, got, 1, c);
                    double[] v = NaiveKernels.centeredClip(x, m, center, tau, iterations);
                    for (int j = 0; j < d; j++) {
                        assertClose(v[j], got.get(0, j), scale, c + " coordinate " + j);
                        assertTrue(Float.isFinite(got.get(0, j)), c + ": output must be finite");
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void dotProductsAndDistances(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 12);
            double[] r = TestBatches.vector(kind, d, 12);
            for (boolean dot : new boolean[] {true, false}) {
                double[] want = new double[m];
                double[] got = new double[m + 1];
                got[m] = -7;
                if (dot) {
                    REFERENCE.dotProducts(x, m, r, want);
                    engine.dotProducts(x, m, r, got);
                } else {
                    REFERENCE.squaredDistancesTo(x, m, r, want);
                    engine.squaredDistancesTo(x, m, r, got);
                }
                String c = ctx + (dot ? " dot" : " distance");
                assertBits(want, Arrays.copyOf(got, m), c);
                assertEquals(-7.0, got[m], c + ": wrote past m");
                for (int i = 0; i < m; i++) {
                    double naive = 0;
                    double scale = 0;
                    for (int j = 0; j < d; j++) {
                        double t = dot ? x.get(i, j) * r[j] : (x.get(i, j) - r[j]) * (x.get(i, j) - r[j]);
                        naive += t;
                        scale += Math.abs(t);
                    }
                    assertClose(naive, got[i], scale, c + " row " + i);
                    assertTrue(Double.isFinite(got[i]), c + ": output must be finite");
                }
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void weightedSum(Kernels engine) {
        sweep(FINITE, (kind, m, d, ctx) -> {
            Batch x = TestBatches.make(kind, m, d, 13);
            double[] w = TestBatches.vector(kind, m, 13);
            double[] want = new double[d];
            double[] got = new double[d + 1];
            got[d] = -7;
            REFERENCE.weightedSum(x, m, w, want);
            engine.weightedSum(x, m, w, got);
            assertBits(want, Arrays.copyOf(got, d), ctx);
            assertEquals(-7.0, got[d], ctx + ": wrote past d");
            for (int j = 0; j < d; j++) {
                double naive = 0;
                double scale = 0;
                for (int i = 0; i < m; i++) {
                    naive += w[i] * x.get(i, j);
                    scale += Math.abs(w[i] * x.get(i, j));
                }
                assertClose(naive, got[j], scale, ctx + " coordinate " + j);
                assertTrue(Double.isFinite(got[j]), ctx + ": output must be finite");
            }
        });
        double[] zeros = {5, 5, 5};
        engine.weightedSum(Batch.allocate(2, 3), 0, new double[0], zeros);
        assertTrue(Arrays.equals(new double[3], zeros), "m = 0 gives zeros");
    }

    /**
     * The native entry points on rows that are not 64-byte aligned: the batch packed with an odd
     * stride (ld = d + 1) starting one float past an aligned address, through {@link NativeLib}
     * directly, against the Java reference on an ordinary (aligned) copy.
     */
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void misalignedRows(Kernels engine) {
        if (!(engine instanceof NativeKernels)) {
            return;
        }
        int th = engine.threads();
        int simd = ((NativeKernels) engine).level().code;
        for (int d : new int[] {1, 7, 17, 33, 1000, 4097}) {
            for (int m : new int[] {1, 4, 17, 33}) {
                String ctx = "misaligned m=" + m + " d=" + d;
                Batch x = TestBatches.make(Kind.RANDOM, m, d, 14);
                long ld = d + 1;
                Batch packed = Batch.allocate(1, (int) (1 + m * ld));
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < d; j++) {
                        packed.set(0, (int) (1 + i * ld + j), x.get(i, j));
                    }
                }
                FloatPointer p = new FloatPointer(packed.buffer()).position(1);
                double[] r = TestBatches.vector(Kind.RANDOM, d, 14);
                double[] want = new double[Math.max(m, d)];
                double[] got = new double[Math.max(m, d)];
                REFERENCE.dotProducts(x, m, r, want);
                assertEquals(0, NativeLib.bm_dot_products(p, ld, m, d, r, got, th, simd));
                assertBits(want, got, ctx + " dot");
                REFERENCE.squaredDistancesTo(x, m, r, want);
                assertEquals(0, NativeLib.bm_sq_dists_to(p, ld, m, d, r, got, th, simd));
                assertBits(want, got, ctx + " distance");
                double[] w = TestBatches.vector(Kind.RANDOM, m, 15);
                REFERENCE.weightedSum(x, m, w, want);
                assertEquals(0, NativeLib.bm_weighted_sum(p, ld, m, d, w, got, th, simd));
                assertBits(want, got, ctx + " weighted sum");
                Batch wantRow = Batch.allocate(1, d);
                Batch gotRow = Batch.allocate(1, d);
                FloatPointer out = new FloatPointer(gotRow.buffer());
                REFERENCE.meanAroundMedian(x, m, null, m, (m + 1) / 2, wantRow);
                assertEquals(0, NativeLib.bm_mean_around_median(p, ld, m, d, null, m, (m + 1) / 2, out, th, simd));
                assertBits(wantRow, gotRow, 1, ctx + " meamed");
                int[] rows = {m - 1, 0, m / 2};
                REFERENCE.meanAroundMedian(x, m, rows, 3, 2, wantRow);
                assertEquals(0, NativeLib.bm_mean_around_median(p, ld, m, d, rows, 3, 2, out, th, simd));
                assertBits(wantRow, gotRow, 1, ctx + " meamed rows");
                REFERENCE.centeredClip(x, m, r, 0.5, 2, wantRow);
                assertEquals(0, NativeLib.bm_centered_clip(p, ld, m, d, r, 0.5, 2, out, th, simd));
                assertBits(wantRow, gotRow, 1, ctx + " cclip");
            }
        }
    }

    /** Coordinates for the slower naive spot checks: all of a short row, else every 7th and the tail. */
    static int[] spotCoordinates(int d) {
        return java.util.stream.IntStream.range(0, d).filter(j -> d <= 64 || j % 7 == 0 || j >= d - 17).toArray();
    }

    static double[] naiveRfa(Batch x, int m, int iterations, double nu) {
        int d = x.dim();
        double[] z = new double[d];
        for (int it = 0; it < iterations; it++) {
            double[] beta = new double[m];
            double total = 0;
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = z[j] - x.get(i, j);
                    s += diff * diff;
                }
                beta[i] = 1 / Math.max(nu, Math.sqrt(s));
                total += beta[i];
            }
            double[] next = new double[d];
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < m; i++) {
                    next[j] += beta[i] * x.get(i, j);
                }
                next[j] /= total;
            }
            z = next;
        }
        return z;
    }

    static double[] column(Batch x, int m, int j) {
        double[] col = new double[m];
        for (int i = 0; i < m; i++) {
            col[i] = x.get(i, j);
        }
        Arrays.sort(col);
        return col;
    }

    static void assertClose(double expected, double actual, double scale, String ctx) {
        double tol = REL_TOL * Math.max(Math.abs(scale), Float.MIN_NORMAL);
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(ctx + ": expected " + expected + " ± " + tol + " (naive), got " + actual);
        }
    }

    static void assertBits(double[] want, double[] got, String ctx) {
        for (int i = 0; i < want.length; i++) {
            boolean same = Double.doubleToLongBits(want[i]) == Double.doubleToLongBits(got[i]);
            if (!same) {
                fail(ctx + ": entry " + i + " differs from the reference: " + want[i] + " vs " + got[i]);
            }
        }
    }

    static void assertBits(float[] want, float[] got, String ctx) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                fail(ctx + ": entry " + i + " differs from the reference: " + want[i] + " vs " + got[i]);
            }
        }
    }

    static void assertBits(Batch want, Batch got, int rows, String ctx) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < want.dim(); j++) {
                if (Float.floatToIntBits(want.get(i, j)) != Float.floatToIntBits(got.get(i, j))) {
                    fail(ctx + ": (" + i + ", " + j + ") differs from the reference: " + want.get(i, j) + " vs " + got.get(i, j));
                }
            }
        }
    }
}
