package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CAF against the filter written plainly in R^d (d × d covariance, plain power iteration). */
class CafRuleTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    /** The class comment's steps, in R^d. */
    static double[] naive(double[][] x, int f) {
        int m = x.length;
        int d = x[0].length;
        double[] c = new double[m];
        java.util.Arrays.fill(c, 1.0);
        double bestLambda = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (int round = 0; round < m; round++) {
            int n = 0;
            for (double ci : c) {
                n += ci > 0 ? 1 : 0;
            }
            int[] active = new int[n];
            double[] w = new double[n];
            n = 0;
            for (int i = 0; i < m; i++) {
                if (c[i] > 0) {
                    w[n] = c[i];
                    active[n++] = i;
                }
            }
            double total = 0;
            for (double wi : w) {
                total += wi;
            }
            double[] mu = new double[d];
            for (int a = 0; a < n; a++) {
                for (int j = 0; j < d; j++) {
                    mu[j] += w[a] / total * x[active[a]][j];
                }
            }
            double[] v = new double[d];
            double lambda = Naive.topEigen(Naive.covariance(x, active, w), v);
            if (lambda < bestLambda) {
                bestLambda = lambda;
                best = mu;
            }
            double[] tau = new double[n];
            double max = 0;
            for (int a = 0; a < n; a++) {
                double p = 0;
                for (int j = 0; j < d; j++) {
                    p += (x[active[a]][j] - mu[j]) * v[j];
                }
                tau[a] = p * p;
                max = Math.max(max, tau[a]);
            }
            if (max == 0) {
                break;
            }
            double sum = 0;
            for (int a = 0; a < n; a++) {
                c[active[a]] *= 1 - tau[a] / max;
            }
            for (double ci : c) {
                sum += ci;
            }
            if (sum <= m - 2 * f) {
                break;
            }
        }
        return best;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matchesTheFilterWrittenInTheInputSpace(Kernels k) {
        for (int[] shape : new int[][] {{5, 2, 1}, {10, 3, 3}, {13, 4, 4}, {20, 6, 6}, {9, 1, 2}}) {
            int m = shape[0];
            int d = shape[1];
            int f = shape[2];
            // Outliers along different directions and at different distances, so each round's top
            // direction is well separated (the two power iterations then agree closely).
            Batch x = SubsetRulesTest.clustered(m, d, 0, 100L * m + d);
            for (int i = 0; i < f; i++) {
                double[] row = new double[d];
                row[i % d] = 30.0 * (i + 1);
                x.setRow(m - 1 - i, row);
            }
            double[][] v = Naive.read(x, m);
            CafRule rule = new CafRule(k, ByzantineBudget.literal(f));
            Naive.assertClose(naive(v, f), Naive.run(rule, x), 1e-6, "m=" + m + " d=" + d + " f=" + f);
            assertTrue(rule.lastRounds() <= 2 * f + 1, "rounds: " + rule.lastRounds());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void removesAFarOutlierAndWithoutBudgetIsTheMean(Kernels k) {
        Batch x = Naive.rows(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}, new double[] {1, 1},
                new double[] {1000, -1000});
        // Round 1 zeroes the outlier (and shaves the others a little: they project on v too), so the
        // remembered mean is the square's centre up to those small weight differences.
        float[] y = Naive.run(new CafRule(k, ByzantineBudget.literal(1)), x);
        assertEquals(0.5, y[0], 1e-3);
        assertEquals(0.5, y[1], 1e-3);
        float[] mean = Naive.run(new CafRule(k, ByzantineBudget.literal(0)), x);
        assertEquals(200.4, mean[0], 1e-3);
        assertEquals(-199.6, mean[1], 1e-3);
        // Identical inputs: λ = 0 at once, the mean is the input.
        float[] same = Naive.run(new CafRule(k, ByzantineBudget.literal(2)), Naive.rows(new double[] {3, -4},
                new double[] {3, -4}, new double[] {3, -4}, new double[] {3, -4}, new double[] {3, -4}));
        assertEquals(3f, same[0]);
        assertEquals(-4f, same[1]);
    }

    @Test
    void needsTwoFBelowM() {
        Kernels k = Naive.backends().get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CafRule(k, ByzantineBudget.literal(5)).checkInputs(10));
        assertTrue(e.getMessage().contains("f = 5") && e.getMessage().contains("2f < m") && e.getMessage().contains("f <= 4"),
                e.getMessage());
        assertDoesNotThrow(() -> new CafRule(k, ByzantineBudget.literal(4)).checkInputs(9));
        assertThrows(IllegalArgumentException.class, () -> new CafRule(k, ByzantineBudget.literal(Integer.MAX_VALUE)).checkInputs(9));
        assertEquals(4, new CafRule(k, ByzantineBudget.of(1, 2)).budgetFor(9, 9)); // capped at ⌊(9 − 1)/2⌋
    }
}
