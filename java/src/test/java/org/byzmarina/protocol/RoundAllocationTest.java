package org.byzmarina.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.KrumRule;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.aggregation.RfaSmoothing;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.problems.LogisticRegression;
import org.byzmarina.problems.SyntheticLogistic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No per-round allocation on the hot path: after warm-up, rounds of the paper's setting (synthetic
 * logistic problem, n = 20, B = 5, C = 4, CM∘Bucketing(2), clipping, shift-back or IPM) allocate no
 * Java heap memory on the simulating thread. Counted with the JVM's per-thread allocation counter
 * (a byte count, independent of timing); the bound of 64 bytes per round leaves room for nothing but
 * rounding in the counter's TLAB accounting. The native engine is the hot path; the plain-Java
 * reference kernels allocate their scratch per call by design (simple, obviously correct loops).
 */
class RoundAllocationTest {
    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource({"marina-pp, shb, native", "marina-pp, ipm, native", "marina-pp, bf, native", "sgdm, alie, native",
        "marina-pp-plus, noise, native"})
    void roundsAllocateNothingInTheSteadyState(String method, String attack, String backend) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 20;
        int b = 5;
        SyntheticLogistic.Generated data = SyntheticLogistic.generate(n, 200, 30, 0.5, 3);
        LogisticRegression problem = new LogisticRegression("synthetic", data.data(), data.splits(), b, 0.01, 0, 32);
        Kernels k = KernelsProvider.create(KernelsProvider.Backend.valueOf(backend.toUpperCase(java.util.Locale.ROOT)), 1);
        Aggregator agg = org.byzmarina.registry.Registry.aggregator(new org.byzmarina.config.Values(java.util.Map.of("aggregator", "cm", "bucket-size", 2)), new org.byzmarina.aggregation.AggregationEnv(k, ByzantineBudget.of(b, n), org.byzmarina.aggregation.ServerSide.NONE));
        ProtocolSettings s = new ProtocolSettings(Method.parse(method), 4, n, 0.05, 0.1, 32, ClipRule.paper(1.0), false,
                7, 0.9, 100_000, 11, false, AttackSpace.FULL, false);
        Simulation sim = new Simulation(problem, s, k, agg, new MeanRule(k), Compressor.IDENTITY,
                org.byzmarina.registry.Registry.find(org.byzmarina.registry.Registry.ATTACKS, attack).create(org.byzmarina.config.Values.none(), new org.byzmarina.attacks.AttackEnv(k, n, b, 100)));
        sim.start();
        for (int r = 0; r < 3000; r++) {
            sim.round(r); // warm-up: every client sampled, every buffer at its largest
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        int rounds = 2000;
        for (int r = 3000; r < 3000 + rounds; r++) {
            sim.round(r);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated <= 64L * rounds, method + "/" + attack + ": " + allocated + " bytes in " + rounds + " rounds");
    }
}
