package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.byzmarina.problems.Problem;
import org.byzmarina.problems.Quadratic;
import org.byzmarina.protocol.Method;
import org.byzmarina.protocol.ProtocolSettings;
import org.byzmarina.protocol.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole Byz-VR-MARINA-PP rounds (docs/algorithm.md), CM∘Bucketing(2) with clipping (α = 1):
 * <ul>
 *   <li>{@code paper}: a9a (from the folder $BYZMARINA_DATA), n = 20, B = 5, C = 4,
 *       shift-back attack, b = 32, p = min(C/n, b/m) (0.1 % full-gradient rounds): the average round;</li>
 *   <li>{@code paper-preset}: the same under {@code --preset authors-code} (code-mode clipping λ = 0.1,
 *       {@code --coin epoch}, omniscient attack, shared minibatches), the setting of the Fig. 1 grid;</li>
 *   <li>{@code large-diff} / {@code large-full}: the quadratic with n = 10⁶, B = 10⁵, d = 10⁴,
 *       C = 1000 and Ĉ = 10⁴, sampled-only IPM attack, forced into difference rounds (p = 0) or
 *       full-gradient rounds of Ĉ clients (p = 1). A run with p = C/Ĉ = 0.1 costs
 *       0.9·diff + 0.1·full per round. With {@code -p dim=100000}, C = 100 and Ĉ = 1000 (the same
 *       400 MB of client vectors per full round).</li>
 * </ul>
 * Each trial checks that the iterate stayed finite and moved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class RoundBenchmark {
    @Param({"paper", "paper-preset", "large-diff", "large-full"})
    public String setting;

    @Param({"java", "native"})
    public String backend;

    /** d of the large settings; at d = 10⁵, C and Ĉ are 10× smaller (the same bytes per round). */
    @Param({"10000"})
    public int dim;

    Simulation sim;
    long k;
    double[] start;

    @Setup(Level.Trial)
    public void setUp() {
        NativeLoading.loadCommon(); // all native loading under one lock; see NativeLoading
        int threads = Integer.getInteger("byzmarina.threads", 2);
        Kernels kernels = KernelsProvider.create(Backend.parse(backend), threads);
        Problem problem;
        ProtocolSettings settings;
        Aggregator agg;
        if (setting.startsWith("paper")) {
            org.byzmarina.problems.LogisticRegression lr = PaperData.a9a("RoundBenchmark 'paper'");
            lr.useNativeEngine("native".equals(kernels.backend())); // as a run does: the native twins on the native engine
            problem = lr;
            double p = Math.min(4.0 / 20, 32.0 / problem.samples(0));
            boolean preset = setting.equals("paper-preset");
            // --preset authors-code: code-mode clipping (λ = 0.1), --coin epoch (R = ⌈m/b⌉ = 1018), omniscient, shared minibatches
            settings = preset
                    ? new ProtocolSettings(Method.MARINA_PP, 4, 20, p, 0.1, 32, org.byzmarina.protocol.ClipRule.code(0.1), true, 1018, 0.9, Long.MAX_VALUE, 1, true,
                            org.byzmarina.attacks.AttackSpace.FULL, true)
                    : new ProtocolSettings(Method.MARINA_PP, 4, 20, p, 0.1, 32, org.byzmarina.protocol.ClipRule.paper(1.0), false, 1018, 0.9, Long.MAX_VALUE, 1, false,
                            org.byzmarina.attacks.AttackSpace.FULL, false);
            agg = org.byzmarina.registry.Registry.aggregator(new org.byzmarina.config.Values(java.util.Map.of("aggregator", "cm", "bucket-size", 2)), new org.byzmarina.aggregation.AggregationEnv(kernels, ByzantineBudget.of(5, 20), org.byzmarina.aggregation.ServerSide.NONE));
        } else {
            int n = 1_000_000;
            int byz = 100_000;
            int scale = dim / 10_000;
            problem = new Quadratic(n, byz, dim, 1000, 1.0, 1.0, 1);
            double p = setting.equals("large-full") ? 1 : 0;
            settings = new ProtocolSettings(Method.MARINA_PP, 1000 / scale, 10_000 / scale, p, 0.1, 32, org.byzmarina.protocol.ClipRule.paper(1.0), false, 32, 0.9, Long.MAX_VALUE, 1, false,
                    org.byzmarina.attacks.AttackSpace.FULL, false);
            agg = org.byzmarina.registry.Registry.aggregator(new org.byzmarina.config.Values(java.util.Map.of("aggregator", "cm", "bucket-size", 2)), new org.byzmarina.aggregation.AggregationEnv(kernels, ByzantineBudget.of(byz, n), org.byzmarina.aggregation.ServerSide.NONE));
        }
        String attack = setting.startsWith("paper") ? "shb" : "ipm";
        sim = new Simulation(problem, settings, kernels, agg, new MeanRule(kernels), Compressor.IDENTITY,
                org.byzmarina.registry.Registry.find(org.byzmarina.registry.Registry.ATTACKS, attack).create(org.byzmarina.config.Values.none(), new org.byzmarina.attacks.AttackEnv(kernels, problem.clients(), problem.byzantine(), 100)));
        sim.start();
        start = sim.iterate().clone();
    }

    @Benchmark
    public double[] round() {
        sim.round(k++);
        return sim.iterate();
    }

    @TearDown(Level.Trial)
    public void check() {
        double moved = 0;
        for (int j = 0; j < start.length; j++) {
            double v = sim.iterate()[j];
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("the iterate became non-finite");
            }
            moved += Math.abs(v - start[j]);
        }
        if (!(moved > 0) || sim.diverged()) {
            throw new IllegalStateException("the simulation did not progress (moved " + moved + ")");
        }
    }
}
