package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DnC against its steps written plainly (b × b covariance and plain power iteration per round). */
class DncRuleTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    /** The rows DnC averages, by the class comment's steps with the same coordinate draws. */
    static int[] naiveGoodSet(double[][] x, int f, DncRule.Options o, long seed) {
        int m = x.length;
        int d = x[0].length;
        int b = Math.min(d, o.subDimension());
        int removed = (int) Math.floor(o.filterFraction() * f);
        SplitMix64 rng = new SplitMix64(seed);
        int[] keptCount = new int[m];
        for (int round = 0; round < o.iterations(); round++) {
            int[] coords = b < d ? Sampling.floyd(rng, d, b) : Naive.range(d);
            double[][] sub = new double[m][b];
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < b; k++) {
                    sub[i][k] = x[i][coords[k]];
                }
            }
            double[] v = new double[b];
            Naive.topEigen(Naive.covariance(sub, Naive.range(m), null), v);
            double[] mu = Naive.mean(sub, Naive.range(m));
            Integer[] order = new Integer[m];
            double[] score = new double[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
                double p = 0;
                for (int k = 0; k < b; k++) {
                    p += (sub[i][k] - mu[k]) * v[k];
                }
                score[i] = p * p;
            }
            Arrays.sort(order, (p, q) -> score[p] != score[q] ? Double.compare(score[p], score[q]) : Integer.compare(p, q));
            for (int r = 0; r < m - removed; r++) {
                keptCount[order[r]]++;
            }
        }
        int most = Arrays.stream(keptCount).max().getAsInt();
        return java.util.stream.IntStream.range(0, m).filter(i -> keptCount[i] == most).toArray();
    }

    static Batch withOutliers(int m, int d, int f, long seed) {
        Batch x = SubsetRulesTest.clustered(m, d, 0, seed);
        for (int i = 0; i < f; i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = (j % (i + 2) == 0 ? 25.0 : -3.0) * (1 + i);
            }
            x.setRow(m - 1 - i, row);
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matchesThePlainStepsWithAndWithoutSubsampling(Kernels k) {
        DncRule.Options[] options = {DncRule.Options.DEFAULTS, new DncRule.Options(3, 4, 1.0), new DncRule.Options(6, 2, 0.5),
            new DncRule.Options(2, 5, 2.0)};
        for (int[] shape : new int[][] {{6, 3, 1}, {12, 9, 3}, {17, 20, 4}}) {
            int m = shape[0];
            int d = shape[1];
            int f = shape[2];
            Batch x = withOutliers(m, d, f, 7L * m + d);
            double[][] v = Naive.read(x, m);
            for (DncRule.Options o : options) {
                for (long seed : new long[] {1, 99}) {
                    DncRule rule = new DncRule(k, ByzantineBudget.literal(f), o);
                    Batch out = Batch.allocate(1, d);
                    rule.aggregate(x, m, out, seed);
                    int[] good = naiveGoodSet(v, f, o, seed);
                    String ctx = "m=" + m + " d=" + d + " f=" + f + " " + rule.describe() + " seed " + seed;
                    assertEquals(good.length, rule.lastCount(), ctx);
                    Naive.assertClose(Naive.mean(v, good), out.row(0), 1e-6, ctx);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void isReproducibleFromTheCallsSeedAndDropsOutliers(Kernels k) {
        Batch x = withOutliers(20, 300, 4, 5);
        DncRule rule = new DncRule(k, ByzantineBudget.literal(4), new DncRule.Options(5, 30, 1.0));
        Batch a = Batch.allocate(1, 300);
        Batch b = Batch.allocate(1, 300);
        rule.aggregate(x, 20, a, 123);
        rule.aggregate(x, 20, b, 123);
        assertArrayEquals(a.row(0), b.row(0));
        assertTrue(rule.lastCount() <= 16, "kept " + rule.lastCount());
        double[][] v = Naive.read(x, 20);
        Naive.assertClose(Naive.mean(v, naiveGoodSet(v, 4, rule.options(), 123)), a.row(0), 1e-6, "seed 123");
        // Another seed draws other coordinates (the good set may or may not change).
        SplitMix64 r1 = new SplitMix64(123);
        SplitMix64 r2 = new SplitMix64(124);
        assertNotEquals(Arrays.toString(Sampling.floyd(r1, 300, 30)), Arrays.toString(Sampling.floyd(r2, 300, 30)));
    }

    @Test
    void optionsAndBudgetChecksNameTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DncRule.Options(0, 10, 1));
        assertTrue(e.getMessage().contains("iterations must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DncRule.Options(5, -3, 1));
        assertTrue(e.getMessage().contains("sub-dimension must be >= 1, got -3"), e.getMessage());
        for (double c : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            e = assertThrows(IllegalArgumentException.class, () -> new DncRule.Options(5, 10, c));
            assertTrue(e.getMessage().contains("got " + c) && e.getMessage().contains("0 <= c < Infinity"), e.getMessage());
        }
        assertEquals(new DncRule.Options(5, 10_000, 1.0), DncRule.Options.DEFAULTS);
        Kernels k = Naive.backends().get(0);
        e = assertThrows(IllegalArgumentException.class,
                () -> new DncRule(k, ByzantineBudget.literal(4), new DncRule.Options(5, 10, 3.0)).checkInputs(10));
        assertTrue(e.getMessage().contains("f = 4") && e.getMessage().contains("floor(c*f) = 12") && e.getMessage().contains("m = 10"),
                e.getMessage());
        new DncRule(k, ByzantineBudget.literal(4), new DncRule.Options(5, 10, 2.0)).checkInputs(9);
    }
}
