package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.kernels.TestBatches.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CClip against a plain double loop of its definition; its options and centre checks. */
class CenteredClipRuleTest {
    static java.util.List<Kernels> backends() {
        return Naive.backends();
    }

    static double[] naive(double[][] x, double[] v0, double tau, int iterations) {
        int d = x[0].length;
        double[] v = v0 == null ? new double[d] : v0.clone();
        for (int it = 0; it < iterations; it++) {
            double[] step = new double[d];
            for (double[] xi : x) {
                double norm = Math.sqrt(Naive.dist2(xi, v));
                double scale = norm > tau ? tau / norm : 1.0;
                for (int j = 0; j < d; j++) {
                    step[j] += scale * (xi[j] - v[j]);
                }
            }
            for (int j = 0; j < d; j++) {
                v[j] += step[j] / x.length;
            }
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void matchesTheNaiveIterationFromZeroAndFromTheServersCentre(Kernels k) {
        Batch x = TestBatches.make(Kind.RANDOM, 9, 37, 3);
        x.fillRow(8, 40f); // an outlier far outside τ
        double[][] v = Naive.read(x, 9);
        double[] center = TestBatches.vector(Kind.RANDOM, 37, 4);
        for (double[] c : new double[][] {null, center}) {
            for (CenteredClipRule.Options o : new CenteredClipRule.Options[] {CenteredClipRule.Options.DEFAULTS,
                new CenteredClipRule.Options(0.3, 7)}) {
                CenteredClipRule rule = new CenteredClipRule(k, ServerSide.of(c, null), o);
                Naive.assertClose(naive(v, c, o.tau(), o.iterations()), Naive.run(rule, x), 1e-5, rule.describe());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aHugeRadiusAndOneIterationGiveTheMean(Kernels k) {
        Batch x = Naive.rows(new double[] {1, 2}, new double[] {3, -2}, new double[] {5, 6});
        float[] y = Naive.run(new CenteredClipRule(k, ServerSide.NONE, new CenteredClipRule.Options(1e30, 1)), x);
        assertEquals(3f, y[0]);
        assertEquals(2f, y[1]);
    }

    @Test
    void optionsNameTheBadValueAndTheRange() {
        for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CenteredClipRule.Options(tau, 3));
            assertTrue(e.getMessage().contains("got " + tau) && e.getMessage().contains("0 < tau < Infinity"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CenteredClipRule.Options(1, 0));
        assertTrue(e.getMessage().contains(">= 1, got 0"), e.getMessage());
        assertEquals(new CenteredClipRule.Options(1.0, 3), CenteredClipRule.Options.DEFAULTS);
    }

    @Test
    void aCentreOfTheWrongLengthIsRefused() {
        Kernels k = Naive.backends().get(0);
        CenteredClipRule rule = new CenteredClipRule(k, ServerSide.of(new double[3], null), CenteredClipRule.Options.DEFAULTS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Naive.run(rule, Naive.rows(new double[] {1, 2}, new double[] {3, 4})));
        assertTrue(e.getMessage().contains("3 entries") && e.getMessage().contains("d = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rule.checkInputs(0));
    }
}
