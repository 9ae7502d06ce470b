package org.byzmarina.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.OptionalDouble;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.compression.Compressor;
import org.byzmarina.problems.Problem;
import org.junit.jupiter.api.Test;

/**
 * A problem's own x⁰ ({@link Problem#initialPoint}, a network's seeded initialisation) is where the
 * run starts and what g⁰ is computed at; problems that do not say start from zero.
 */
class InitialPointTest {
    static final double[] START = {1.5, -0.5};

    /** The fake problem of {@link AlgorithmOneTest}, starting at {@link #START}. */
    static final class Started implements Problem {
        final Problem p = new AlgorithmOneTest.Fake(0);

        @Override
        public void initialPoint(double[] x) {
            System.arraycopy(START, 0, x, 0, x.length);
        }

        public int dim() {
            return p.dim();
        }

        public int clients() {
            return p.clients();
        }

        public int byzantine() {
            return p.byzantine();
        }

        public int samples(int client) {
            return p.samples(client);
        }

        public boolean labelled() {
            return false;
        }

        public void fullGradient(int client, double[] x, boolean flip, double[] out) {
            p.fullGradient(client, x, flip, out);
        }

        public void minibatchGradient(int client, int[] batch, int size, double[] x, boolean flip, double[] out) {
            p.minibatchGradient(client, batch, size, x, flip, out);
        }

        public void minibatchDifference(int client, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out) {
            p.minibatchDifference(client, batch, size, x1, x0, flip, out);
        }

        public double loss(double[] x, double[] gradOut) {
            return p.loss(x, gradOut);
        }

        public OptionalDouble optimum() {
            return OptionalDouble.empty();
        }

        public String describe() {
            return "fake, started at (1.5, -0.5)";
        }
    }

    @Test
    void theRunStartsAtTheProblemsInitialPoint() {
        Simulation sim = new Simulation(new Started(), AlgorithmOneTest.settings(Method.MARINA_PP, ClipRule.NONE, 3, -1),
                AlgorithmOneTest.K, new MeanRule(AlgorithmOneTest.K), new MeanRule(AlgorithmOneTest.K), Compressor.IDENTITY, null);
        assertArrayEquals(START, sim.iterate(), 0);
        sim.start();
        double[] g0 = AlgorithmOneTest.mean(AlgorithmOneTest.grad(0, START), AlgorithmOneTest.grad(1, START),
                AlgorithmOneTest.grad(2, START));
        assertArrayEquals(g0, sim.estimator(), AlgorithmOneTest.TOL, "g⁰ is computed at the problem's x⁰");
        sim.round(0);
        double[] x1 = AlgorithmOneTest.plus(START, AlgorithmOneTest.times(-AlgorithmOneTest.GAMMA, g0));
        assertArrayEquals(x1, sim.iterate(), AlgorithmOneTest.TOL);
    }

    @Test
    void problemsThatDoNotSayStartAtZero() {
        Simulation sim = new Simulation(new AlgorithmOneTest.Fake(0), AlgorithmOneTest.settings(Method.SGD, ClipRule.NONE, 3, -1),
                AlgorithmOneTest.K, new MeanRule(AlgorithmOneTest.K), new MeanRule(AlgorithmOneTest.K), Compressor.IDENTITY, null);
        assertArrayEquals(new double[2], sim.iterate(), 0);
    }
}
