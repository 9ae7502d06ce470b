package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** FLTrust and MoNNA, the rules that trust the server's reference vector r. */
class TrustedReferenceRulesTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    /** Σ s_i (‖r‖/‖x_i‖) x_i / Σ s_i, s_i = max(0, cos(x_i, r)), 0 for a zero x_i or r. */
    static double[] naiveFlTrust(double[][] x, double[] r) {
        int d = r.length;
        double rn = Math.sqrt(Naive.dot(r, r));
        double[] sum = new double[d];
        double total = 0;
        for (double[] xi : x) {
            double xn = Math.sqrt(Naive.dot(xi, xi));
            double s = xn == 0 || rn == 0 ? 0 : Math.max(0, Naive.dot(xi, r) / (xn * rn));
            total += s;
            for (int j = 0; j < d && s > 0; j++) {
                sum[j] += s * rn / xn * xi[j];
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] = total == 0 ? 0 : sum[j] / total;
        }
        return sum;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void flTrustMatchesItsFormula(Kernels k) {
        for (int[] shape : new int[][] {{1, 3}, {6, 17}, {13, 100}}) {
            Batch x = TestBatches.make(Kind.RANDOM, shape[0], shape[1], shape[0]);
            x.fillRow(0, 0f); // a zero input has trust 0
            double[] r = TestBatches.vector(Kind.RANDOM, shape[1], 3);
            FlTrustRule rule = new FlTrustRule(k, ServerSide.of(null, r));
            float[] got = Naive.run(rule, x);
            Naive.assertClose(naiveFlTrust(Naive.read(x, shape[0]), r), got, 1e-5, "m=" + shape[0]);
            assertEquals(0.0, rule.lastTrust()[0]);
        }
        // Two inputs: one along r (trust 1, rescaled to ‖r‖), one against it (trust 0).
        Batch x = Naive.rows(new double[] {10, 0}, new double[] {-1, 0}, new double[] {0, 7});
        FlTrustRule rule = new FlTrustRule(k, ServerSide.of(null, new double[] {2, 0}));
        assertArrayEquals(new float[] {2, 0}, Naive.run(rule, x));
        assertArrayEquals(new double[] {1, 0, 0}, rule.lastTrust());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void flTrustGivesZeroWhenNothingIsTrusted(Kernels k) {
        Batch x = Naive.rows(new double[] {-1, 0}, new double[] {0, 3});
        assertArrayEquals(new float[] {0, 0}, Naive.run(new FlTrustRule(k, ServerSide.of(null, new double[] {1, 0})), x));
        assertArrayEquals(new float[] {0, 0}, Naive.run(new FlTrustRule(k, ServerSide.of(null, new double[] {0, 0})), x));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void flTrustStaysFiniteWithAHugeReference(Kernels k) {
        // Only (1, 0) is trusted and is rescaled to ‖r‖ = 3e38·√2, beyond float32: the output
        // saturates at Float.MAX_VALUE instead of overflowing to +Inf.
        Batch x = Naive.rows(new double[] {1, 0}, new double[] {-3e38, -3e38});
        float[] y = Naive.run(new FlTrustRule(k, ServerSide.of(null, new double[] {3e38, 3e38})), x);
        assertTrue(Float.isFinite(y[0]) && Float.isFinite(y[1]), Arrays.toString(y));
        assertEquals(Float.MAX_VALUE, y[0]);
        assertEquals(0f, y[1]);
    }

    @Test
    void aMissingOrMisshapenReferenceIsAnError() {
        Kernels k = Naive.backends().get(0);
        Batch x = Naive.rows(new double[] {1, 2}, new double[] {3, 4});
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Naive.run(new FlTrustRule(k, ServerSide.NONE), x));
        assertTrue(missing.getMessage().contains("--reference"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Naive.run(new MonnaRule(k, ByzantineBudget.literal(0), ServerSide.NONE), x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Naive.run(new FlTrustRule(k, ServerSide.of(null, new double[3])), x));
        assertTrue(e.getMessage().contains("3 entries") && e.getMessage().contains("d = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Naive.run(new MonnaRule(k, ByzantineBudget.literal(0), ServerSide.of(null, new double[1])), x));
        assertTrue(e.getMessage().contains("1 entries") && e.getMessage().contains("d = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Naive.run(new FlTrustRule(k, ServerSide.of(null, new double[] {Double.NaN, 1})), x));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MonnaRule(k, ByzantineBudget.literal(2), ServerSide.NONE).checkInputs(2));
        assertTrue(e.getMessage().contains("f = 2") && e.getMessage().contains("f <= m - 1 = 1"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void monnaAveragesTheInputsNearestToTheReference(Kernels k) {
        Batch x = TestBatches.make(Kind.RANDOM, 11, 9, 4);
        double[] r = TestBatches.vector(Kind.RANDOM, 9, 8);
        double[][] v = Naive.read(x, 11);
        for (int f = 0; f <= 5; f++) {
            MonnaRule rule = new MonnaRule(k, ByzantineBudget.literal(f), ServerSide.of(null, r));
            float[] got = Naive.run(rule, x);
            Integer[] order = new Integer[11];
            for (int i = 0; i < 11; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(Naive.dist2(v[a], r), Naive.dist2(v[b], r)));
            int[] want = Arrays.stream(order).limit(11 - f).mapToInt(Integer::intValue).sorted().toArray();
            assertArrayEquals(want, rule.lastSelection(), "f=" + f);
            Naive.assertClose(Naive.mean(v, want), got, 1e-6, "f=" + f);
        }
        // Ties in distance: the lower index is nearer. Rows 1 and 2 are both at distance 1 from r = 0.
        MonnaRule tie = new MonnaRule(k, ByzantineBudget.literal(2), ServerSide.of(null, new double[] {0}));
        assertEquals(0.5f, Naive.run(tie, Naive.rows(new double[] {5}, new double[] {1}, new double[] {-1}, new double[] {0}))[0]);
        assertArrayEquals(new int[] {1, 3}, tie.lastSelection());
    }
}
