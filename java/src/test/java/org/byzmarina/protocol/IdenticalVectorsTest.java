package org.byzmarina.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.problems.LogisticRegression;
import org.byzmarina.problems.Problem;
import org.byzmarina.problems.Splits;
import org.byzmarina.problems.SyntheticLogistic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Under shared minibatches on the full split every good client computes the same vector, and the
 * round computes it once (with client momentum, the minibatch gradient under the momentum once): the
 * trajectory and the oracle-call count must be bit for bit those of computing every client (the same problem behind a view that hides that its clients are identical).
 */
class IdenticalVectorsTest {
    @ParameterizedTest(name = "{0}, {1}, omniscient {2}")
    @CsvSource({"marina-pp, ipm, true", "marina-pp, shb, true", "marina-pp, bf, false", "marina-pp, lf, true",
        "marina-pp, alie, true", "sgd, ipm, true", "sgdm, alie, true", "sgdm, shb, true", "sgdm, lf, false",
        "sgdm, bf, true", "marina, mimic, true"})
    void computingOnceGivesTheSameTrajectory(String method, String attack, boolean omniscient) {
        int n = 20;
        int b = 5;
        SyntheticLogistic.Generated data = SyntheticLogistic.generate(n, 300, 30, 0.5, 3);
        LogisticRegression problem = new LogisticRegression("synthetic", data.data(), Splits.full(data.data().rows(), n), b, 0.01, 0, 32);
        assertTrue(problem.identicalClients());
        Simulation once = simulation(problem, method, attack, omniscient);
        Simulation every = simulation(new Distinct(problem), method, attack, omniscient);
        for (int k = 0; k < 300; k++) {
            once.round(k);
            every.round(k);
            assertArrayEquals(every.iterate(), once.iterate(), "round " + k);
        }
        assertEquals(every.snapshot(300).oracleCalls(), once.snapshot(300).oracleCalls());
    }

    private static Simulation simulation(Problem problem, String method, String attack, boolean omniscient) {
        int n = problem.clients();
        int b = problem.byzantine();
        Kernels k = KernelsProvider.create(KernelsProvider.Backend.JAVA, 1);
        Aggregator agg = org.byzmarina.registry.Registry.aggregator(new org.byzmarina.config.Values(java.util.Map.of("aggregator", "cm", "bucket-size", 2)),
                new org.byzmarina.aggregation.AggregationEnv(k, ByzantineBudget.of(b, n), org.byzmarina.aggregation.ServerSide.NONE));
        ProtocolSettings s = new ProtocolSettings(Method.parse(method), 4, n, 0.05, 0.1, 32, ClipRule.code(0.1), true,
                10, 0.9, 100_000, 11, omniscient, AttackSpace.FULL, true);
        Simulation sim = new Simulation(problem, s, k, agg, new MeanRule(k), Compressor.IDENTITY,
                org.byzmarina.registry.Registry.find(org.byzmarina.registry.Registry.ATTACKS, attack)
                        .create(org.byzmarina.config.Values.none(), new org.byzmarina.attacks.AttackEnv(k, n, b, 100)));
        sim.start();
        return sim;
    }

    /** The same problem, not telling that its clients hold the same data. */
    private record Distinct(Problem p) implements Problem {
        public int dim() { return p.dim(); }
        public int clients() { return p.clients(); }
        public int byzantine() { return p.byzantine(); }
        public int samples(int client) { return p.samples(client); }
        public boolean labelled() { return p.labelled(); }
        public void fullGradient(int c, double[] x, boolean flip, double[] out) { p.fullGradient(c, x, flip, out); }
        public void minibatchGradient(int c, int[] batch, int size, double[] x, boolean flip, double[] out) {
            p.minibatchGradient(c, batch, size, x, flip, out);
        }
        public void minibatchDifference(int c, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out) {
            p.minibatchDifference(c, batch, size, x1, x0, flip, out);
        }
        public double loss(double[] x, double[] gradOut) { return p.loss(x, gradOut); }
        public OptionalDouble optimum() { return p.optimum(); }
        public String describe() { return p.describe(); }
    }
}
