package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.kernels.TestBatches.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Static clipping and ARC: what the inner aggregator receives, and the caller's batch left alone. */
class ClippingPreAggregatorsTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    static double[] clipped(double[] v, double tau) {
        double n = Math.sqrt(Naive.dot(v, v));
        double[] out = v.clone();
        for (int j = 0; j < v.length && n > tau; j++) {
            out[j] = v[j] * (tau / n);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void staticClippingClipsEveryInputToTau(Kernels k) {
        Batch x = TestBatches.make(Kind.RANDOM, 9, 21, 2);
        Batch copy = TestBatches.copy(x);
        double[][] v = Naive.read(x, 9);
        Naive.Recorder inner = new Naive.Recorder(k);
        StaticClipping rule = new StaticClipping(k, new StaticClipping.Options(0.8), inner);
        rule.aggregate(x, 9, 20, Batch.allocate(1, 21), 5);
        assertEquals(20, inner.seenBefore, "before is passed through");
        for (int i = 0; i < 9; i++) {
            Naive.assertClose(clipped(v[i], 0.8), toFloat(inner.seen[i]), 1e-6, "row " + i);
            assertArrayEquals(copy.row(i), x.row(i), "the caller's row " + i + " changed");
        }
        assertEquals("recorder∘static-clip(0.8)", rule.describe());
    }

    @Test
    void staticClippingsTauMustBePositiveAndFinite() {
        for (double tau : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StaticClipping.Options(tau));
            assertTrue(e.getMessage().contains("got " + tau) && e.getMessage().contains("0 < tau < Infinity"), e.getMessage());
        }
    }

    @Test
    void arcClipsFloorOfTwoFTimesMMinusFOverMInputs() {
        assertEquals(4, AdaptiveRobustClipping.clippedCount(10, 3)); // 42/10
        assertEquals(7, AdaptiveRobustClipping.clippedCount(20, 5)); // 150/20 = 7.5
        assertEquals(1, AdaptiveRobustClipping.clippedCount(4, 1));  // 6/4
        assertEquals(1, AdaptiveRobustClipping.clippedCount(3, 1));  // 4/3
        assertEquals(0, AdaptiveRobustClipping.clippedCount(7, 0));
        assertEquals(0, AdaptiveRobustClipping.clippedCount(1, 0));
        long m = Integer.MAX_VALUE;
        long f = (m - 1) / 2; // 2f(m − f) overflows an int (and nearly a long's 63 bits: it does not)
        long want = BigInteger.valueOf(2).multiply(BigInteger.valueOf(f)).multiply(BigInteger.valueOf(m - f))
                .divide(BigInteger.valueOf(m)).longValueExact();
        assertEquals(want, AdaptiveRobustClipping.clippedCount(m, f));
        Kernels k = Naive.backends().get(0);
        // The protocol's f: 5 of 20 Byzantine, 8 raw inputs: f = 2, k = ⌊2·2·6/8⌋ = 3.
        AdaptiveRobustClipping arc = new AdaptiveRobustClipping(k, ByzantineBudget.of(5, 20), new MeanRule(k));
        assertEquals(2, arc.budgetFor(8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveRobustClipping(k, ByzantineBudget.literal(9), new MeanRule(k)).checkInputs(8));
        assertTrue(e.getMessage().contains("f = 9") && e.getMessage().contains("f <= m = 8"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void arcClipsTheLargestToTheNextNorm(Kernels k) {
        int m = 10;
        int f = 3;
        Batch x = TestBatches.make(Kind.RANDOM, m, 13, 8);
        Batch copy = TestBatches.copy(x);
        double[][] v = Naive.read(x, m);
        Naive.Recorder inner = new Naive.Recorder(k);
        AdaptiveRobustClipping arc = new AdaptiveRobustClipping(k, ByzantineBudget.literal(f), inner);
        arc.aggregate(x, m, 17, Batch.allocate(1, 13), 1);
        assertEquals(17, inner.seenBefore);
        int kk = 4;
        assertEquals(kk, arc.lastClipped());
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Naive.dot(v[b], v[b]), Naive.dot(v[a], v[a])));
        double level = Math.sqrt(Naive.dot(v[order[kk]], v[order[kk]]));
        assertEquals(level, arc.lastLevel(), 1e-12 * level);
        for (int r = 0; r < m; r++) {
            int i = order[r];
            double[] want = r < kk ? clipped(v[i], level) : v[i];
            Naive.assertClose(want, toFloat(inner.seen[i]), 1e-6, "rank " + r + " row " + i);
            assertArrayEquals(copy.row(i), x.row(i), "the caller's row " + i + " changed");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void arcTiesCountTheLowerIndexAsLarger(Kernels k) {
        // Norms 5, 5, 5, 1, 1 with f = 2: k = ⌊2·2·3/5⌋ = 2; rows 0 and 1 rank above row 2 and are
        // clipped to its norm, 5: nothing changes. With norms 5, 6, 5, 1, 1 row 1 ranks first, row 0
        // second (the lower of the tied fives), and row 2 sets the level: row 1 becomes norm 5.
        Naive.Recorder inner = new Naive.Recorder(k);
        AdaptiveRobustClipping arc = new AdaptiveRobustClipping(k, ByzantineBudget.literal(2), inner);
        Batch x = Naive.rows(new double[] {3, 4}, new double[] {0, 6}, new double[] {-4, 3}, new double[] {1, 0},
                new double[] {0, -1});
        arc.aggregate(x, 5, Batch.allocate(1, 2), 0);
        assertEquals(2, arc.lastClipped());
        assertEquals(5.0, arc.lastLevel());
        assertArrayEquals(new double[] {3, 4}, inner.seen[0]);
        assertArrayEquals(new double[] {0, 5}, inner.seen[1]);
        assertArrayEquals(new double[] {-4, 3}, inner.seen[2]);
        // Without a budget ARC clips nothing and hands the caller's batch on unchanged.
        AdaptiveRobustClipping none = new AdaptiveRobustClipping(k, ByzantineBudget.literal(0), inner);
        none.aggregate(x, 5, Batch.allocate(1, 2), 0);
        assertEquals(0, none.lastClipped());
        assertArrayEquals(new double[] {0, 6}, inner.seen[1]);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            f[j] = (float) v[j];
        }
        return f;
    }
}
