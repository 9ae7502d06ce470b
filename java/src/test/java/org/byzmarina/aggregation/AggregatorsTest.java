package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each rule must compute, on small hand-checked inputs, for both backends. */
class AggregatorsTest {
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

    static float[] run(Aggregator a, Batch x) {
        Batch out = Batch.allocate(1, x.dim());
        a.aggregate(x, x.rows(), out, 7);
        return out.row(0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void medianTakesTheMiddleOrAveragesTheTwoMiddleValues(Kernels k) {
        MedianRule cm = new MedianRule(k);
        assertArrayEquals(new float[] {2.5f, -2.5f}, run(cm, rows(new double[] {4, -1}, new double[] {1, -4},
                new double[] {3, -2}, new double[] {2, -3})));
        assertArrayEquals(new float[] {3f, 0f}, run(cm, rows(new double[] {5, 0}, new double[] {3, 0},
                new double[] {-1e38, 0})));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trimmedMeanDropsTheExtremesAndSurvivesInfinity(Kernels k) {
        TrimmedMeanRule cwtm = new TrimmedMeanRule(k, ByzantineBudget.literal(1));
        assertArrayEquals(new float[] {2f}, run(cwtm, rows(new double[] {1}, new double[] {100}, new double[] {2},
                new double[] {-100}, new double[] {3})));
        // t larger than (m-1)/2 falls back to the median-like t = ⌊(m−1)/2⌋.
        TrimmedMeanRule big = new TrimmedMeanRule(k, ByzantineBudget.literal(5));
        assertArrayEquals(new float[] {2f}, run(big, rows(new double[] {1}, new double[] {2}, new double[] {9})));
        // Two +Inf vectors among five: the non-finite rule zeroes them, the result stays finite.
        Batch x = rows(new double[] {1, 1}, new double[] {Double.POSITIVE_INFINITY, 1}, new double[] {2, 2},
                new double[] {Double.NEGATIVE_INFINITY, Double.NaN}, new double[] {3, 3});
        assertEquals(2, NonFiniteRule.apply(k, x, 5));
        float[] y = run(new TrimmedMeanRule(k, ByzantineBudget.literal(2)), x);
        assertArrayEquals(new float[] {1f, 1f}, y);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void meanOfHugeVectorsStaysFinite(Kernels k) {
        float[] y = run(new MeanRule(k), rows(new double[] {3e38, -3e38}, new double[] {3e38, -3e38},
                new double[] {3e38, 1}));
        assertArrayEquals(new float[] {3e38f, (float) ((2.0 * -3e38f + 1) / 3)}, y);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void krumPicksAnInlierAndMultiKrumAveragesInliers(Kernels k) {
        Batch x = rows(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}, new double[] {1, 1},
                new double[] {0.5, 0.5}, new double[] {100, 100}, new double[] {-100, 50});
        KrumRule krum = KrumRule.krum(k, ByzantineBudget.literal(2));
        assertArrayEquals(new float[] {0.5f, 0.5f}, run(krum, x));
        assertArrayEquals(new int[] {4}, krum.lastSelection());
        KrumRule multi = KrumRule.multiKrum(k, ByzantineBudget.literal(2), KrumRule.SELECT_DEFAULT);
        run(multi, x);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, multi.lastSelection());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KrumRule.krum(k, ByzantineBudget.literal(3)).checkInputs(7));
        assertTrue(e.getMessage().contains("2f + 3 = 9"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rfaApproachesTheGeometricMedian(Kernels k) {
        // Collinear points 0, 1, 10: the geometric median is the middle point.
        float[] z = run(new RfaRule(k, 200, 1e-9), rows(new double[] {0}, new double[] {1}, new double[] {10}));
        assertEquals(1.0, z[0], 1e-3);
        // With huge ν every weight is 1/ν: one step gives the mean.
        float[] mean = run(new RfaRule(k, 1, 1e9), rows(new double[] {0}, new double[] {1}, new double[] {11}));
        assertEquals(4.0f, mean[0]);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void bucketingAveragesBucketsBeforeTheRule(Kernels k) {
        Batch x = rows(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4}, new double[] {100});
        // One bucket of everything: the rule sees the mean.
        assertArrayEquals(new float[] {22f}, run(new Bucketing(k, 5, new MedianRule(k)), x));
        // s = 2 over 5 inputs: 3 buckets, the last holds one input; CM of the 3 means.
        Bucketing b = new Bucketing(k, 2, new MedianRule(k));
        float[] y = run(b, x);
        int[] p = b.lastPermutation();
        double[] means = {(x.get(p[0], 0) + x.get(p[1], 0)) / 2.0, (x.get(p[2], 0) + x.get(p[3], 0)) / 2.0, x.get(p[4], 0)};
        java.util.Arrays.sort(means);
        assertEquals((float) means[1], y[0]);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nnmMixesEachInputWithItsNearestNeighbours(Kernels k) {
        Batch x = rows(new double[] {0}, new double[] {1}, new double[] {2}, new double[] {50});
        // f = 1: each input is averaged with its 2 nearest others (itself included: 3 of 4).
        // Mixed: {0,1,2}->1, {0,1,2}->1, {0,1,2}... for 2: neighbours 1 and 0 (50 is farther) -> 1; 50: 50,2,1 -> 53/3.
        float[] y = run(new NearestNeighbourMixing(k, ByzantineBudget.literal(1), new MedianRule(k)), x);
        assertEquals(1f, y[0]);
        float[] mean = run(new NearestNeighbourMixing(k, ByzantineBudget.literal(0), new MedianRule(k)), x);
        assertEquals(53f / 4, mean[0]);
    }

    /**
     * docs/algorithm.md "f and t inside the protocol": f = min(⌈(B/n)·m⌉, ⌊(m_in − 3)/2⌋) for Krum, Multi-Krum
     * and NNM, t = min(⌈(B/n)·m⌉, ⌊(m_in − 1)/2⌋) for CWTM, m the inputs before bucketing.
     */
    @org.junit.jupiter.api.Test
    void protocolBudgetsFollowTheSpec() {
        // n = 20, B = 5: after bucketing 4 sampled vectors with s = 2, m_in = 2.
        assertEquals(0, ByzantineBudget.of(5, 20).forInputs(4, 2, ByzantineBudget.minorityCap(2)));
        assertEquals(5, ByzantineBudget.of(5, 20).forInputs(20, 20, ByzantineBudget.minorityCap(20)));
        assertEquals(3, ByzantineBudget.of(5, 20).forInputs(11, 11, ByzantineBudget.krumCap(11))); // ⌈2.75⌉
        assertEquals(10, ByzantineBudget.of(5, 20).forInputs(40, 40, ByzantineBudget.krumCap(40)));
        assertEquals(2, ByzantineBudget.of(10, 20).forInputs(7, 7, ByzantineBudget.krumCap(7))); // capped at ⌊(7 − 3)/2⌋
        assertEquals(0, ByzantineBudget.of(5, 20).forInputs(3, 3, ByzantineBudget.krumCap(3)));
        assertEquals(1, ByzantineBudget.of(5, 20).forInputs(3, 5, ByzantineBudget.krumCap(5))); // ⌈0.75⌉
    }

    /**
     * With bucketing the budget is ⌈(B/n)·m⌉ of the m raw inputs (each Byzantine spoils at most one
     * bucket), not ⌊(B/n)·m_in⌋ of the bucket means: n = 20, B = 5, full participation (m = 20)
     * bucketed by 2 gives CWTM t = 5 of 10 buckets capped at 4, Krum f = 5 capped at ⌊(10 − 3)/2⌋ = 3
     * (the old rule gave 2 for both).
     */
    @ParameterizedTest
    @MethodSource("backends")
    void theBucketedBudgetCountsTheRawInputs(Kernels k) {
        assertEquals(4, ByzantineBudget.of(5, 20).forInputs(20, 10, ByzantineBudget.minorityCap(10))); // 5 capped at ⌊9/2⌋ = 4
        assertEquals(3, ByzantineBudget.of(5, 20).forInputs(20, 10, ByzantineBudget.krumCap(10)));
        assertEquals(1, ByzantineBudget.of(5, 20).forInputs(8, 4, ByzantineBudget.minorityCap(4))); // 2 capped at ⌊3/2⌋ = 1
        assertEquals(3, ByzantineBudget.ofFraction(0.25).forInputs(12, 7, ByzantineBudget.minorityCap(7)));
        assertEquals(3, ByzantineBudget.ofFraction(0.1).forInputs(30, 30, ByzantineBudget.krumCap(30))); // 0.1·30 rounds to 3.0000000000000004
        // Through the pipeline: CWTM∘Bucketing(2) over 20 rows trims 4 of the 10 bucket means per side.
        TrimmedMeanRule cwtm = new TrimmedMeanRule(k, ByzantineBudget.of(5, 20));
        assertEquals(4, cwtm.trimFor(10, 20));
        assertEquals(3, cwtm.trimFor(10, 10)); // 10 raw inputs: ⌈2.5⌉ = 3
    }
}
