package org.byzmarina.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adaptive attacks against hand-checkable servers: min-max and min-sum stay inside their bound
 * with the largest γ the search can find, opt-ipm and opt-alie find the damage-maximising parameter
 * with 16 previews, mimic copies one good client chosen along the principal direction.
 */
class AdaptiveAttacksTest {
    static final int GOOD = 6;
    static final int BYZ = 2;
    static final int D = 20;

    static List<Kernels> engines() {
        return TestBatches.engines();
    }

    /** A batch of 6 good rows (random) and 2 Byzantine rows. */
    static Batch batch(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Batch b = Batch.allocate(GOOD + BYZ, D);
        for (int r = 0; r < GOOD; r++) {
            for (int j = 0; j < D; j++) {
                b.set(r, j, (float) (1 + rng.nextGaussian()));
            }
        }
        return b;
    }

    static double[][] stats(Batch b) {
        double[] mu = new double[D];
        double[] sd = new double[D];
        org.byzmarina.clients.Statistics.of(b, GOOD, mu, sd);
        return new double[][] {mu, sd};
    }

    static AttackContext context(Batch b, AttackContext.Server server, AttackContext.Peek peek, long round) {
        double[][] st = stats(b);
        return new AttackContext(3, round, AttackSpace.FULL, null, false, GOOD, new int[] {6, 7}, BYZ, st[0], st[1],
                new double[D], new double[D]).knowing(b, GOOD, null, server, peek);
    }

    static double sq(Batch b, int r, double[] u) {
        double s = 0;
        for (int j = 0; j < D; j++) {
            double e = b.get(r, j) - u[j];
            s += e * e;
        }
        return s;
    }

    static double[] row(Batch b, int r) {
        double[] v = new double[D];
        for (int j = 0; j < D; j++) {
            v[j] = b.get(r, j);
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void minMaxStaysWithinTheGoodDiameterWithTheLargestGamma(Kernels k) {
        Batch b = batch(1);
        MinMax attack = new MinMax(k, Perturbation.STD);
        attack.craft(context(b, null, null, 0), b);
        double diameter = 0;
        for (int i = 0; i < GOOD; i++) {
            for (int j = 0; j < GOOD; j++) {
                diameter = Math.max(diameter, sq(b, i, row(b, j)));
            }
        }
        double[] u = row(b, GOOD);
        assertArrayEquals(u, row(b, GOOD + 1), 0, "every Byzantine sends the same vector");
        double worst = 0;
        for (int i = 0; i < GOOD; i++) {
            worst = Math.max(worst, sq(b, i, u));
        }
        assertTrue(worst <= diameter * (1 + 1e-6), worst + " > " + diameter);
        assertTrue(attack.lastGamma() > 0);
        // 0.1 % more γ breaks the bound: the search found (almost) the largest γ.
        Batch b2 = batch(1);
        MinMax probe = new MinMax(k, Perturbation.STD);
        double[][] st = stats(b2);
        double[] bigger = new double[D];
        for (int j = 0; j < D; j++) {
            bigger[j] = st[0][j] - attack.lastGamma() * 1.001 * st[1][j];
        }
        double worstBigger = 0;
        for (int i = 0; i < GOOD; i++) {
            worstBigger = Math.max(worstBigger, sq(b2, i, bigger));
        }
        assertTrue(worstBigger > diameter, "γ is maximal: " + attack.lastGamma());
        assertEquals(new MinMaxOn(new JavaKernels(1)).gamma(), attack.lastGamma(), 0, "engines agree");
    }

    /** The reference γ on the Java engine. */
    record MinMaxOn(Kernels k) {
        double gamma() {
            Batch b = batch(1);
            MinMax a = new MinMax(k, Perturbation.STD);
            a.craft(context(b, null, null, 0), b);
            return a.lastGamma();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void minSumStaysWithinTheLargestSumOfDistances(Kernels k) {
        for (Perturbation p : Perturbation.values()) {
            Batch b = batch(2);
            MinSum attack = new MinSum(k, p);
            attack.craft(context(b, null, null, 0), b);
            double[] u = row(b, GOOD);
            double sum = 0;
            double bound = 0;
            for (int i = 0; i < GOOD; i++) {
                sum += sq(b, i, u);
                double s = 0;
                for (int j = 0; j < GOOD; j++) {
                    s += sq(b, i, row(b, j));
                }
                bound = Math.max(bound, s);
            }
            assertTrue(sum <= bound * (1 + 1e-6), p + ": " + sum + " > " + bound);
            assertTrue(attack.lastGamma() > 0, p.label());
        }
    }

    /** A server that takes the plain mean of all 8 rows (full vectors): damage grows with ε and z. */
    static final class MeanServer implements AttackContext.Server {
        int previews;

        @Override
        public void preview(Batch batch, double[] estimate) {
            previews++;
            java.util.Arrays.fill(estimate, 0);
            for (int r = 0; r < GOOD + BYZ; r++) {
                for (int j = 0; j < D; j++) {
                    estimate[j] += batch.get(r, j) / (GOOD + BYZ);
                }
            }
        }
    }

    /** A server that takes the coordinate-wise median: pushing too far stops paying. */
    static final class MedianServer implements AttackContext.Server {
        @Override
        public void preview(Batch batch, double[] estimate) {
            double[] col = new double[GOOD + BYZ];
            for (int j = 0; j < D; j++) {
                for (int r = 0; r < col.length; r++) {
                    col[r] = batch.get(r, j);
                }
                java.util.Arrays.sort(col);
                estimate[j] = (col[3] + col[4]) / 2;
            }
        }
    }

    @Test
    void optimisedAttacksMaximiseTheDamageWithSixteenPreviews() {
        Batch b = batch(3);
        MeanServer server = new MeanServer();
        OptimisedIpm ipm = new OptimisedIpm();
        ipm.craft(context(b, server, null, 0), b);
        assertEquals(16, server.previews);
        assertEquals(10.0, ipm.lastT(), 1e-9, "against the mean, more ε is always worse");
        double[][] st = stats(batch(3));
        assertEquals(-10 * st[0][0], b.get(GOOD, 0), 1e-5);

        MeanServer server2 = new MeanServer();
        OptimisedAlie alie = new OptimisedAlie();
        Batch b2 = batch(3);
        alie.craft(context(b2, server2, null, 0), b2);
        assertEquals(16, server2.previews);
        assertEquals(10.0, alie.lastT(), 1e-9);
    }

    /** Against the median the damage of IPM peaks inside (0, 10): the search lands on a better t than the grid's. */
    @Test
    void optimisedIpmBeatsEveryGridPointAgainstTheMedian() {
        Batch b = batch(4);
        OptimisedIpm ipm = new OptimisedIpm();
        MedianServer median = new MedianServer();
        ipm.craft(context(b, median, null, 0), b);
        double chosen = damage(b, median, ipm.lastT());
        for (int i = 0; i <= 8; i++) {
            assertTrue(chosen >= damage(batch(4), median, i * 1.25) - 1e-12, "grid point " + i * 1.25);
        }
    }

    static double damage(Batch b, AttackContext.Server server, double eps) {
        double[][] st = stats(b);
        for (int r = GOOD; r < GOOD + BYZ; r++) {
            for (int j = 0; j < D; j++) {
                b.set(r, j, (float) (-eps * st[0][j]));
            }
        }
        double[] est = new double[D];
        server.preview(b, est);
        double s = 0;
        for (int j = 0; j < D; j++) {
            s += (est[j] - st[0][j]) * (est[j] - st[0][j]);
        }
        return s;
    }

    /**
     * Mimic: warm-up of 3 rounds (−1, 0, 1) copies the lowest good id; then the good client furthest
     * along the principal direction. Row 4 (client 4) is made the outlier of a one-dimensional spread.
     */
    @Test
    void mimicCopiesTheGoodClientFurthestAlongThePrincipalDirection() {
        Mimic mimic = new Mimic(3);
        AttackContext.Peek peek = (client, out) -> java.util.Arrays.fill(out, 100 + client);
        for (long round = -1; round <= 3; round++) {
            Batch b = Batch.allocate(GOOD + BYZ, D);
            for (int r = 0; r < GOOD; r++) {
                for (int j = 0; j < D; j++) {
                    b.set(r, j, (float) ((r == 4 ? 5 : r * 0.1) * (j == 0 ? 1 : 0.01)));
                }
            }
            mimic.craft(context(b, null, peek, round), b);
            float expected = round < 2 ? 100 : 104;
            assertEquals(expected, b.get(GOOD, 3), "round " + round);
            assertEquals(expected, b.get(GOOD + 1, 7), "round " + round);
        }
        assertEquals(4, mimic.target());
    }
}
