package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bulyan's selection against a plain re-implementation of docs/algorithm.md's steps; its size checks. */
class BulyanRuleTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    /** θ = m − 2f Krum winners of the remaining set, in selection order. */
    static int[] naiveSelection(double[][] x, int f) {
        int m = x.length;
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            remaining.add(i);
        }
        int[] chosen = new int[m - 2 * f];
        for (int step = 0; step < chosen.length; step++) {
            int k = Math.min(Math.max(1, remaining.size() - f - 2), remaining.size() - 1);
            int winner = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i : remaining) {
                List<Double> d = new ArrayList<>();
                for (int j : remaining) {
                    if (j != i) {
                        d.add(Naive.dist2(x[i], x[j]));
                    }
                }
                d.sort(null);
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += d.get(r);
                }
                if (winner < 0 || s < best) {
                    winner = i;
                    best = s;
                }
            }
            chosen[step] = winner;
            remaining.remove(Integer.valueOf(winner));
        }
        return chosen;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void selectsKrumWinnersThenTakesTheMeanAroundTheirMedian(Kernels k) {
        for (int[] mf : new int[][] {{3, 0}, {7, 1}, {11, 2}, {16, 3}, {19, 4}}) {
            int m = mf[0];
            int f = mf[1];
            Batch x = SubsetRulesTest.clustered(m, 23, 0, m);
            for (int i = 0; i < f; i++) {
                x.fillRow(m - 1 - i, (i % 2 == 0 ? 1 : -1) * 200f * (i + 1)); // f outliers, far from each other too
            }
            double[][] v = Naive.read(x, m);
            BulyanRule rule = new BulyanRule(k, ByzantineBudget.literal(f));
            float[] got = Naive.run(rule, x);
            int[] want = naiveSelection(v, f);
            assertArrayEquals(want, rule.lastSelection(), "m=" + m + " f=" + f);
            for (int i = 0; i < f; i++) {
                int outlier = m - 1 - i;
                assertTrue(Arrays.stream(want).noneMatch(s -> s == outlier), "an outlier was selected");
            }
            int[] sorted = want.clone();
            Arrays.sort(sorted);
            float[] expected = MeaMedRuleTest.naive(v, sorted, want.length - 2 * f);
            for (int j = 0; j < 23; j++) {
                assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(got[j]), "m=" + m + " f=" + f + " j=" + j);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void equalScoresGoToTheLowestIndex(Kernels k) {
        double[][] same = new double[7][];
        for (int i = 0; i < 7; i++) {
            same[i] = new double[] {1, 2};
        }
        BulyanRule rule = new BulyanRule(k, ByzantineBudget.literal(1));
        assertArrayEquals(new float[] {1, 2}, Naive.run(rule, Naive.rows(same)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, rule.lastSelection());
    }

    @Test
    void needsFourFPlusThreeInputsInSixtyFourBits() {
        Kernels k = Naive.backends().get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BulyanRule(k, ByzantineBudget.literal(3)).checkInputs(14));
        assertTrue(e.getMessage().contains("f = 3") && e.getMessage().contains("4f + 3 = 15") && e.getMessage().contains("got 14"),
                e.getMessage());
        assertDoesNotThrow(() -> new BulyanRule(k, ByzantineBudget.literal(3)).checkInputs(15));
        for (int f : new int[] {536_870_911, 1_073_741_823, Integer.MAX_VALUE}) { // 4f + 3 wraps an int
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> new BulyanRule(k, ByzantineBudget.literal(f)).checkInputs(20));
            assertTrue(big.getMessage().contains("4f + 3 = " + (4L * f + 3)), big.getMessage());
        }
        // The protocol's budget stops at ⌊(m − 3)/4⌋: 5 of 20 Byzantine, 10 inputs give f = 1.
        BulyanRule protocol = new BulyanRule(k, ByzantineBudget.of(5, 20));
        assertEquals(1, protocol.budgetFor(10, 10));
        assertEquals(0, protocol.budgetFor(4, 8));
        assertDoesNotThrow(() -> protocol.checkInputs(3));
        assertThrows(IllegalArgumentException.class, () -> protocol.checkInputs(2));
        assertThrows(IllegalArgumentException.class, () -> new BulyanRule(k, ByzantineBudget.literal(0)).checkInputs(KrumRule.MAX_INPUTS + 1));
    }
}
