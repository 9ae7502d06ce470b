package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.kernels.TestBatches.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MDA and SMEA against brute force over every subset (plain double arithmetic); their size limit. */
class SubsetRulesTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    static double diameter(double[][] x, int[] s) {
        double max = 0;
        for (int a : s) {
            for (int b : s) {
                max = Math.max(max, Math.sqrt(Naive.dist2(x[a], x[b])));
            }
        }
        return max;
    }

    /** λ_max of the d × d covariance of S (d = 2: the closed form; otherwise plain power iteration). */
    static double lambda(double[][] x, int[] s) {
        double[][] c = Naive.covariance(x, s, null);
        if (c.length == 2) {
            double half = (c[0][0] - c[1][1]) / 2;
            return (c[0][0] + c[1][1]) / 2 + Math.sqrt(half * half + c[0][1] * c[0][1]);
        }
        return Naive.topEigen(c, null);
    }

    interface Objective {
        double of(double[][] x, int[] s);
    }

    /** The lexicographically first subset of m − f rows with the smallest objective (relative ties 1e-12). */
    static int[] bruteForce(double[][] x, int f, Objective objective) {
        List<int[]> all = Naive.subsets(x.length, x.length - f);
        int[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int[] s : all) {
            double v = objective.of(x, s);
            if (v < bestValue * (1 - 1e-12)) {
                bestValue = v;
                best = s;
            }
        }
        return best;
    }

    static Batch clustered(int m, int d, int outliers, long seed) {
        Batch x = TestBatches.make(Kind.RANDOM, m, d, seed);
        org.byzmarina.random.SplitMix64 rng = new org.byzmarina.random.SplitMix64(seed);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, (float) (rng.nextGaussian() * (1 + j) + (i >= m - outliers ? 8 : 0)));
            }
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void mdaPicksTheSubsetOfSmallestDiameter(Kernels k) {
        for (int[] mf : new int[][] {{4, 1}, {6, 1}, {7, 2}, {9, 3}, {10, 4}}) {
            for (int d : new int[] {1, 2, 5}) {
                Batch x = clustered(mf[0], d, mf[1] / 2, 31L * mf[0] + d);
                double[][] v = Naive.read(x, mf[0]);
                MdaRule rule = new MdaRule(k, ByzantineBudget.literal(mf[1]));
                float[] got = Naive.run(rule, x);
                int[] want = bruteForce(v, mf[1], SubsetRulesTest::diameter);
                String ctx = "m=" + mf[0] + " f=" + mf[1] + " d=" + d;
                assertArrayEquals(want, rule.lastSelection(), ctx);
                Naive.assertClose(Naive.mean(v, want), got, 1e-6, ctx);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void smeaPicksTheSubsetOfSmallestTopEigenvalue(Kernels k) {
        for (int[] mf : new int[][] {{4, 1}, {6, 1}, {7, 2}, {9, 3}, {10, 4}, {12, 3}}) {
            for (int d : new int[] {1, 2, 4}) {
                Batch x = clustered(mf[0], d, mf[1] / 2, 17L * mf[0] + d);
                double[][] v = Naive.read(x, mf[0]);
                SmeaRule rule = new SmeaRule(k, ByzantineBudget.literal(mf[1]));
                float[] got = Naive.run(rule, x);
                int[] want = bruteForce(v, mf[1], SubsetRulesTest::lambda);
                String ctx = "m=" + mf[0] + " f=" + mf[1] + " d=" + d;
                assertArrayEquals(want, rule.lastSelection(), ctx);
                assertEquals(lambda(v, want), rule.lastEigenvalue(), 1e-9 * lambda(v, want), ctx + ": λ_max");
                Naive.assertClose(Naive.mean(v, want), got, 1e-6, ctx);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void tiesGoToTheLexicographicallyFirstSubset(Kernels k) {
        // 0, 1, 2, 3 on a line, f = 1: {0,1,2} and {1,2,3} tie in diameter and in covariance.
        Batch line = Naive.rows(new double[] {0}, new double[] {1}, new double[] {2}, new double[] {3});
        MdaRule mda = new MdaRule(k, ByzantineBudget.literal(1));
        assertEquals(1f, Naive.run(mda, line)[0]);
        assertArrayEquals(new int[] {0, 1, 2}, mda.lastSelection());
        SmeaRule smea = new SmeaRule(k, ByzantineBudget.literal(1));
        assertEquals(1f, Naive.run(smea, line)[0]);
        assertArrayEquals(new int[] {0, 1, 2}, smea.lastSelection());
        // 3, 0, 1, 2: the tie is now between {0,2,3} and {1,2,3} (values {3,1,2} and {0,1,2}).
        Batch shuffled = Naive.rows(new double[] {3}, new double[] {0}, new double[] {1}, new double[] {2});
        assertEquals(2f, Naive.run(mda, shuffled)[0]);
        assertArrayEquals(new int[] {0, 2, 3}, mda.lastSelection());
        assertEquals(2f, Naive.run(smea, shuffled)[0]);
        assertArrayEquals(new int[] {0, 2, 3}, smea.lastSelection());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void tiesAtZeroSpreadGoToTheLexicographicallyFirstSubsetToo(Kernels k) {
        // Four copies of one point and an outlier, f = 2: every 3 of the copies has diameter 0 and
        // covariance 0; the first such subset is {0, 1, 2}.
        Batch x = Naive.rows(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2},
                new double[] {7, 7});
        MdaRule mda = new MdaRule(k, ByzantineBudget.literal(2));
        assertArrayEquals(new float[] {1, 2}, Naive.run(mda, x));
        assertArrayEquals(new int[] {0, 1, 2}, mda.lastSelection());
        SmeaRule smea = new SmeaRule(k, ByzantineBudget.literal(2));
        assertArrayEquals(new float[] {1, 2}, Naive.run(smea, x));
        assertArrayEquals(new int[] {0, 1, 2}, smea.lastSelection());
        assertEquals(0.0, smea.lastEigenvalue(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void withoutAByzantineBudgetBothAreTheMean(Kernels k) {
        Batch x = Naive.rows(new double[] {1, 5}, new double[] {2, 7}, new double[] {6, -3});
        assertArrayEquals(new float[] {3, 3}, Naive.run(new MdaRule(k, ByzantineBudget.literal(0)), x));
        assertArrayEquals(new float[] {3, 3}, Naive.run(new SmeaRule(k, ByzantineBudget.literal(0)), x));
    }

    @Test
    void refuseMoreThanAMillionSubsets() {
        Kernels k = Naive.backends().get(0);
        assertEquals(1_000_000L, Subsets.MAX_SUBSETS);
        for (String name : new String[] {"MDA", "SMEA"}) {
            for (int[] mf : new int[][] {{40, 10}, {100, 4}, {2_000_000, 1}, {60, 30}}) {
                Aggregator rule = name.equals("MDA") ? new MdaRule(k, ByzantineBudget.literal(mf[1]))
                        : new SmeaRule(k, ByzantineBudget.literal(mf[1]));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule.checkInputs(mf[0]));
                assertTrue(e.getMessage().startsWith(name) && e.getMessage().contains("C(" + mf[0] + ", " + mf[1] + ")")
                        && e.getMessage().contains("1000000"), e.getMessage());
            }
            // C(20, 5) = 15 504 and C(25, 6) = 177 100 are fine; C(m, 0) = 1 at any m.
            for (int[] mf : new int[][] {{20, 5}, {25, 6}, {1_000_000, 0}}) {
                Aggregator rule = name.equals("MDA") ? new MdaRule(k, ByzantineBudget.literal(mf[1]))
                        : new SmeaRule(k, ByzantineBudget.literal(mf[1]));
                assertDoesNotThrow(() -> rule.checkInputs(mf[0]));
            }
            Aggregator all = name.equals("MDA") ? new MdaRule(k, ByzantineBudget.literal(5)) : new SmeaRule(k, ByzantineBudget.literal(5));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.checkInputs(5));
            assertTrue(e.getMessage().contains("f = 5") && e.getMessage().contains("f <= m - 1 = 4"), e.getMessage());
        }
        assertEquals(184_756L, Subsets.binomialCapped(20, 10, 1_000_000));
        assertEquals(1_000_001L, Subsets.binomialCapped(Integer.MAX_VALUE, 2, 1_000_000));
        assertEquals(1_000_001L, Subsets.binomialCapped(Integer.MAX_VALUE, Integer.MAX_VALUE / 2, 1_000_000));
        assertEquals(Integer.MAX_VALUE, Subsets.binomialCapped(Integer.MAX_VALUE, 1, Long.MAX_VALUE / 4));
        // The protocol's budget is capped at ⌊(m − 1)/2⌋.
        assertEquals(4, new MdaRule(k, ByzantineBudget.of(1, 2)).budgetFor(9, 9));
    }
}
