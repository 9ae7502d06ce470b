package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.kernels.TestBatches.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MeaMed against a plain per-coordinate computation; its budget and refusals. */
class MeaMedRuleTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    /** Per coordinate: the keep values nearest the median (ties: lower value), summed ascending. */
    static float[] naive(double[][] x, int[] rows, int keep) {
        int d = x[0].length;
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            double[] col = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                col[r] = x[rows[r]][j];
            }
            Arrays.sort(col);
            int n = col.length;
            double med = n % 2 == 1 ? col[n / 2] : (col[n / 2 - 1] + col[n / 2]) * 0.5;
            Double[] byDistance = Arrays.stream(col).boxed().toArray(Double[]::new);
            Arrays.sort(byDistance, (a, b) -> {
                int c = Double.compare(Math.abs(a - med), Math.abs(b - med));
                return c != 0 ? c : Double.compare(a, b);
            });
            double[] chosen = new double[keep];
            for (int r = 0; r < keep; r++) {
                chosen[r] = byDistance[r];
            }
            Arrays.sort(chosen);
            double s = 0;
            for (double v : chosen) {
                s += v;
            }
            out[j] = (float) (s / keep) + 0.0f;
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matchesThePlainComputationBitForBit(Kernels k) {
        for (int m : new int[] {1, 2, 5, 8, 13}) {
            Batch x = TestBatches.make(Kind.RANDOM, m, 19, m);
            double[][] v = Naive.read(x, m);
            for (int f = 0; f < m; f++) {
                float[] got = Naive.run(new MeaMedRule(k, ByzantineBudget.literal(f)), x);
                float[] want = naive(v, Naive.range(m), m - f);
                for (int j = 0; j < 19; j++) {
                    assertEquals(Float.floatToIntBits(want[j]), Float.floatToIntBits(got[j]), "m=" + m + " f=" + f + " j=" + j);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keepsTheValuesNearTheMedianAndTheLowerOnATie(Kernels k) {
        // Median 2; f = 2 keeps 3 values: 2, then 1 and 3 (distance 1 each); 100 and -50 dropped.
        assertEquals(2f, Naive.run(new MeaMedRule(k, ByzantineBudget.literal(2)),
                Naive.rows(new double[] {100}, new double[] {1}, new double[] {2}, new double[] {3}, new double[] {-50}))[0]);
        // Even m: median 2.5, keep 1 of {2, 3} at equal distance: the lower value.
        assertEquals(2f, Naive.run(new MeaMedRule(k, ByzantineBudget.literal(3)),
                Naive.rows(new double[] {2}, new double[] {3}, new double[] {-9}, new double[] {9}))[0]);
    }

    @Test
    void theProtocolBudgetIsCappedAtAStrictMinority() {
        Kernels k = Naive.backends().get(0);
        MeaMedRule rule = new MeaMedRule(k, ByzantineBudget.of(5, 10));
        assertEquals(2, rule.budgetFor(5, 5));   // ⌈2.5⌉ = 3 capped at ⌊(5 − 1)/2⌋ = 2
        assertEquals(2, rule.budgetFor(5, 10));  // 5 raw inputs' worth capped too
        assertEquals(1, rule.budgetFor(3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeaMedRule(k, ByzantineBudget.literal(5)).checkInputs(5));
        assertTrue(e.getMessage().contains("f = 5") && e.getMessage().contains("f <= m - 1 = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeaMedRule(k, ByzantineBudget.literal(0)).checkInputs(0));
    }
}
