package org.byzmarina.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.byzmarina.aggregation.AggregationEnv;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackEnv;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.compression.CompressionEnv;
import org.byzmarina.compression.Compressor;
import org.byzmarina.config.Component;
import org.byzmarina.config.Values;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.byzmarina.problems.ProblemEnv;
import org.byzmarina.problems.ProblemInstance;
import org.byzmarina.protocol.Method;
import org.byzmarina.registry.Registry;

/**
 * One run's configuration, resolved from the settings a user gave (and a preset), grouped the way
 * the paper and the code think of them, each group checked as it is built (messages name the bad
 * value). The components' own settings stay in {@link #values()} for their factories to read.
 */
public record RunConfig(Values values, Preset preset, List<String> presetSet, ProblemOptions problem,
                        ProtocolOptions protocol, AggregationOptions aggregation, AttackOptions attack,
                        CompressionOptions compression, OutputOptions output) {

    /** The problem: which one and f*. */
    public record ProblemOptions(String dataset, Component<ProblemInstance, ProblemEnv> component, Double fstar) {
        /** The generated problems (synthetic, quadratic): no data file, no split, no test set. */
        public boolean builtIn() {
            return component == org.byzmarina.problems.SyntheticLogistic.COMPONENT
                    || component == org.byzmarina.problems.Quadratic.COMPONENT;
        }
    }

    /**
     * Algorithm 1's parameters.
     *
     * @param clip +Inf = no clipping
     */
    public record ProtocolOptions(Component<Method, Void> methodComponent, Method method, int clients, int byzantine,
                                  int sampled, Integer bigCohort, Double p, double step, int batch, Double epochs,
                                  Long rounds, double clip, boolean clipCodeMode, boolean coinEpoch, long seed,
                                  boolean sharedMinibatches, double momentum, boolean momentumEveryRound) {
    }

    /** The rule, the pre-aggregators that are on, and the Byzantine share the budget assumes. */
    public record AggregationOptions(Component<Aggregator, AggregationEnv> rule, Double assumedByzantine) {
    }

    public record AttackOptions(Component<Attack, AttackEnv> component, boolean omniscient, AttackSpace space) {
        /** The na attack removes the Byzantine clients. */
        public boolean removesByzantines() {
            return component.name().equals("na");
        }
    }

    public record CompressionOptions(Component<Compressor, CompressionEnv> component) {
    }

    public record OutputOptions(Path out, Long evalEvery, Backend backend, int threads, boolean dryRun, boolean quiet) {
    }

    /**
     * Resolves and checks the settings.
     *
     * @param out the output folder
     * @throws IllegalArgumentException naming the bad value
     */
    public static RunConfig of(Values given, Path out) {
        String presetName = given.get(RunSettings.PRESET);
        Preset preset = presetName.equals("none") ? null : Preset.parse(presetName);
        List<String> presetSet = new ArrayList<>();
        Values v = given;
        if (preset != null) {
            Map<String, Object> set = new LinkedHashMap<>();
            preset.settings().forEach((key, value) -> {
                if (!given.asMap().containsKey(key)) {
                    set.put(key, value);
                    presetSet.add(key);
                }
            });
            v = given.withDefaults(set);
        }
        ProtocolOptions protocol = protocol(v);
        String dataset = v.get(Registry.DATASET);
        ProblemOptions problem = new ProblemOptions(dataset, Registry.problem(dataset, v), v.get(RunSettings.FSTAR));
        AggregationOptions aggregation = new AggregationOptions(Registry.find(Registry.AGGREGATORS, v.get(Registry.AGGREGATOR)),
                v.get(RunSettings.ASSUMED_BYZANTINE));
        AttackOptions attack = new AttackOptions(Registry.find(Registry.ATTACKS, v.get(Registry.ATTACK)),
                v.get(RunSettings.OMNISCIENT), v.get(RunSettings.ATTACK_SPACE));
        CompressionOptions compression = new CompressionOptions(Registry.find(Registry.COMPRESSORS, v.get(Registry.COMPRESSOR)));
        OutputOptions output = new OutputOptions(out, v.get(RunSettings.EVAL_EVERY), Backend.parse(v.get(RunSettings.BACKEND)),
                v.get(RunSettings.THREADS, RunSettings.defaultThreads()), v.get(RunSettings.DRY_RUN), v.get(RunSettings.QUIET));
        RunConfig c = new RunConfig(v, preset, List.copyOf(presetSet), problem, protocol, aggregation, attack, compression, output);
        c.validate();
        return c;
    }

    private static ProtocolOptions protocol(Values v) {
        Component<Method, Void> method = Registry.find(Registry.METHODS, v.get(Registry.METHOD));
        Double epochs = v.given(RunSettings.EPOCHS) || !v.given(RunSettings.ROUNDS) ? v.get(RunSettings.EPOCHS) : null;
        return new ProtocolOptions(method, method.create(v, null), v.get(RunSettings.CLIENTS), v.get(RunSettings.BYZANTINE),
                v.get(RunSettings.SAMPLED), v.get(RunSettings.BIG_COHORT), v.get(RunSettings.P), v.get(RunSettings.STEP),
                v.get(RunSettings.BATCH), epochs, v.get(RunSettings.ROUNDS), v.get(RunSettings.CLIP),
                v.get(RunSettings.CLIP_MODE).equals("code"), v.get(RunSettings.COIN).equals("epoch"), v.get(RunSettings.SEED),
                v.get(RunSettings.SHARED_MINIBATCHES), v.get(Method.MOMENTUM),
                v.get(Method.MOMENTUM_EVERY_ROUND));
    }

    /** Checks what does not need the data; throws IllegalArgumentException naming the value. */
    void validate() {
        ProtocolOptions p = protocol;
        require(p.byzantine() < p.clients(), "--byzantine must be in [0, n) = [0, " + p.clients() + "), got " + p.byzantine());
        require(p.sampled() <= p.clients(), "--sampled C must be in [1, n] = [1, " + p.clients() + "], got " + p.sampled());
        if (p.bigCohort() != null) {
            require(p.bigCohort() >= p.sampled() && p.bigCohort() <= p.clients(),
                    "--big-cohort must satisfy C <= big cohort <= n (" + p.sampled() + " <= x <= " + p.clients() + "), got "
                            + p.bigCohort());
        }
        require(!(values.given(RunSettings.EPOCHS) && values.given(RunSettings.ROUNDS)), "give --epochs or --rounds, not both");
        if (p.method() == Method.MARINA && values.given(RunSettings.CLIP) && p.clip() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("--method marina never clips (Byz-VR-MARINA aggregates full vectors), but --clip "
                    + RunSettings.CLIP.type().show(p.clip()) + " was given; drop --clip (or give --clip none), or use --method "
                    + "marina-pp --sampled N for full participation with clipping");
        }
        boolean stepTheory = RunSettings.isTheory(p.step());
        boolean clipTheory = RunSettings.isTheory(p.clip());
        require(!(stepTheory || clipTheory) || p.method().marinaFamily(), (stepTheory ? "--step" : "--clip")
                + " theory follows Thms 4.1/4.2 of Byz-VR-MARINA-PP; --method " + p.methodComponent().name()
                + " has no such value: give a number");
        require(!clipTheory || !p.clipCodeMode(), "--clip theory gives the paper's α (λ = α γ ‖g‖); it does not combine with "
                + "--clip-mode code");
        if (aggregation.assumedByzantine() != null) {
            double a = aggregation.assumedByzantine();
            require(a < 1 || a == Math.rint(a) && a < p.clients(),
                    "--assumed-byzantine must be a count in [0, n) = [0, " + p.clients() + ") or a fraction in [0, 1), got "
                            + (a == Math.rint(a) && Math.abs(a) < 1e15 ? Long.toString((long) a) : Double.toString(a)));
        }
        require(!problem.component().name().equals("quadratic") || !attack.component().name().equals("lf"),
                "the lf attack needs labelled data; the quadratic has none");
        require(!problem.builtIn() || !values.given(org.byzmarina.problems.LibsvmLogistic.TEST),
                "--test needs a LIBSVM --dataset");
        String split = values.get(org.byzmarina.problems.LibsvmLogistic.SPLIT);
        require(!p.sharedMinibatches() || split.equals("full"),
                "--shared-minibatches needs --split full (every client must hold the same data), got --split " + split);
        require(split.equals("full") || !problem.builtIn(),
                "--split " + split + " applies to a LIBSVM --dataset (the synthetic problems give every client its own data)");
        require(values.given(org.byzmarina.compression.RandK.K) == false || compression.component().name().equals("randk"),
                "--k is only used with --compressor randk");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The components this run uses (method, problem, pre-aggregators, rule, attack, compressor). */
    public List<Component<?, ?>> components() {
        List<Component<?, ?>> list = new ArrayList<>();
        list.add(protocol.methodComponent());
        list.add(problem.component());
        list.addAll(Registry.PRE_AGGREGATORS);
        list.add(aggregation.rule());
        list.add(attack.component());
        list.add(compression.component());
        return list;
    }
}
