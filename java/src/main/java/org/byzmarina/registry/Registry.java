package org.byzmarina.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.byzmarina.aggregation.AdaptiveRobustClipping;
import org.byzmarina.aggregation.AggregationEnv;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.Bucketing;
import org.byzmarina.aggregation.BulyanRule;
import org.byzmarina.aggregation.CafRule;
import org.byzmarina.aggregation.CenteredClipRule;
import org.byzmarina.aggregation.DncRule;
import org.byzmarina.aggregation.FlTrustRule;
import org.byzmarina.aggregation.KrumRule;
import org.byzmarina.aggregation.MdaRule;
import org.byzmarina.aggregation.MeaMedRule;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.aggregation.MedianRule;
import org.byzmarina.aggregation.MonnaRule;
import org.byzmarina.aggregation.NearestNeighbourMixing;
import org.byzmarina.aggregation.PreAggregator;
import org.byzmarina.aggregation.RfaRule;
import org.byzmarina.aggregation.SmeaRule;
import org.byzmarina.aggregation.StaticClipping;
import org.byzmarina.aggregation.TrimmedMeanRule;
import org.byzmarina.attacks.ALittleIsEnough;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackEnv;
import org.byzmarina.attacks.BitFlip;
import org.byzmarina.attacks.GaussianNoise;
import org.byzmarina.attacks.HostileVectors;
import org.byzmarina.attacks.InnerProductManipulation;
import org.byzmarina.attacks.LabelFlip;
import org.byzmarina.attacks.Mimic;
import org.byzmarina.attacks.MinMax;
import org.byzmarina.attacks.MinSum;
import org.byzmarina.attacks.NoAttack;
import org.byzmarina.attacks.OptimisedAlie;
import org.byzmarina.attacks.OptimisedIpm;
import org.byzmarina.attacks.ShiftBack;
import org.byzmarina.compression.CompressionEnv;
import org.byzmarina.compression.Compressor;
import org.byzmarina.compression.L2Quantizer;
import org.byzmarina.compression.NoCompression;
import org.byzmarina.compression.RandK;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.config.Values;
import org.byzmarina.experiment.RunSettings;
import org.byzmarina.io.UserText;
import org.byzmarina.problems.LibsvmLogistic;
import org.byzmarina.problems.ProblemEnv;
import org.byzmarina.problems.ProblemInstance;
import org.byzmarina.problems.Quadratic;
import org.byzmarina.problems.SyntheticLogistic;
import org.byzmarina.protocol.Method;

/**
 * Every component byzmarina has, in one place. To add one, write its class (with its COMPONENT) and
 * list it here; its name, settings (flags and JSON keys), help, run.json entries, `list` line and
 * memory estimate follow.
 */
public final class Registry {
    private Registry() {
    }

    /** Components from other jars on the class path (see {@link ComponentProvider}); none in this module's jar. */
    private static final List<ComponentProvider> PROVIDERS = ComponentProvider.installed();

    public static final List<Component<Method, Void>> METHODS = Method.COMPONENTS;

    public static final List<Component<ProblemInstance, ProblemEnv>> PROBLEMS = provided(List.of(SyntheticLogistic.COMPONENT,
            Quadratic.COMPONENT, LibsvmLogistic.COMPONENT));

    public static final List<Component<Aggregator, AggregationEnv>> AGGREGATORS = List.of(MeanRule.COMPONENT,
            MedianRule.COMPONENT, TrimmedMeanRule.COMPONENT, RfaRule.COMPONENT, KrumRule.KRUM, KrumRule.MULTI_KRUM,
            CenteredClipRule.COMPONENT, MeaMedRule.COMPONENT, BulyanRule.COMPONENT, MdaRule.COMPONENT, SmeaRule.COMPONENT,
            CafRule.COMPONENT, DncRule.COMPONENT, FlTrustRule.COMPONENT, MonnaRule.COMPONENT);

    /** Applied outermost first: static clipping or ARC, then NNM, then bucketing, then the rule. */
    public static final List<Component<PreAggregator, AggregationEnv>> PRE_AGGREGATORS = List.of(
            StaticClipping.COMPONENT, AdaptiveRobustClipping.COMPONENT, NearestNeighbourMixing.COMPONENT, Bucketing.COMPONENT);

    public static final List<Component<Attack, AttackEnv>> ATTACKS = List.of(NoAttack.COMPONENT, BitFlip.COMPONENT,
            LabelFlip.COMPONENT, InnerProductManipulation.COMPONENT, ALittleIsEnough.COMPONENT, ShiftBack.COMPONENT,
            GaussianNoise.COMPONENT, HostileVectors.NAN, HostileVectors.INF, HostileVectors.BIG, Mimic.COMPONENT,
            OptimisedIpm.COMPONENT, OptimisedAlie.COMPONENT, MinMax.COMPONENT, MinSum.COMPONENT);

    public static final List<Component<Compressor, CompressionEnv>> COMPRESSORS = List.of(NoCompression.COMPONENT,
            RandK.COMPONENT, L2Quantizer.COMPONENT);

    // The settings that select a component.
    public static final Setting<String> METHOD = selector(Kind.METHOD, "marina-pp", METHODS, "the method");
    public static final Setting<String> DATASET = Setting.of("dataset", Group.PROBLEM, SettingType.TEXT, "synthetic",
            "synthetic | quadratic | PATH to a LIBSVM file | DIR with MNIST's IDX files (nn/target/byzmarina-nn.jar)");
    public static final Setting<String> AGGREGATOR = selector(Kind.AGGREGATOR, "cm", AGGREGATORS, "the robust aggregation rule");
    public static final Setting<String> ATTACK = selector(Kind.ATTACK, "shb", ATTACKS, "what the Byzantine clients send");
    public static final Setting<String> COMPRESSOR = selector(Kind.COMPRESSOR, "none", COMPRESSORS, "the unbiased compressor Q");

    private static final List<Setting<?>> SETTINGS = collect();

    private static <T, E> Setting<String> selector(Kind kind, String dflt, List<Component<T, E>> list, String doc) {
        List<String> names = new ArrayList<>();
        for (Component<T, E> c : list) {
            names.add(c.name());
        }
        return Setting.of(kind.selector, kind.group, SettingType.choice(names), dflt, doc + ": " + String.join(" | ", names));
    }

    /** Every component, by kind. */
    public static List<Component<?, ?>> components() {
        List<Component<?, ?>> all = new ArrayList<>();
        all.addAll(METHODS);
        all.addAll(PROBLEMS);
        all.addAll(AGGREGATORS);
        all.addAll(PRE_AGGREGATORS);
        all.addAll(ATTACKS);
        all.addAll(COMPRESSORS);
        return all;
    }

    /** Every run setting, by group: selectors and core settings, then those of the components (each once). */
    public static List<Setting<?>> settings() {
        return SETTINGS;
    }

    private static List<Setting<?>> collect() {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        List<Setting<?>> ordered = new ArrayList<>(List.of(METHOD, DATASET, AGGREGATOR, ATTACK, COMPRESSOR));
        ordered.addAll(RunSettings.ALL);
        ordered.addAll(org.byzmarina.protocol.Participation.SETTINGS);
        ordered.addAll(org.byzmarina.theory.Theory.SETTINGS);
        for (Component<?, ?> c : components()) {
            ordered.addAll(c.settings());
        }
        for (Setting<?> s : ordered) {
            Setting<?> before = byKey.putIfAbsent(s.key(), s);
            if (before != null && before != s) {
                throw new IllegalStateException("two settings are keyed '" + s.key() + "' (declare it once and share it)");
            }
        }
        List<Setting<?>> out = new ArrayList<>();
        for (Group g : Group.values()) {
            for (Setting<?> s : byKey.values()) {
                if (s.group() == g) {
                    out.add(s);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The setting keyed {@code key}, or null. */
    public static Setting<?> setting(String key) {
        for (Setting<?> s : SETTINGS) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** The component of the list named {@code name}. @throws IllegalArgumentException listing the names */
    public static <T, E> Component<T, E> find(List<Component<T, E>> list, String name) {
        List<String> names = new ArrayList<>();
        for (Component<T, E> c : list) {
            if (c.name().equals(name)) {
                return c;
            }
            names.add(c.name());
        }
        String kind = list.isEmpty() ? "component" : list.get(0).kind().label;
        throw new IllegalArgumentException("unknown " + kind + " " + UserText.quote(name) + " (expected " + String.join(", ", names) + ")");
    }

    /** The rule --aggregator names, wrapped in the pre-aggregators that are on (outermost listed first). */
    public static Aggregator aggregator(Values values, AggregationEnv env) {
        Aggregator a = find(AGGREGATORS, values.get(AGGREGATOR)).create(values, env);
        for (int i = PRE_AGGREGATORS.size() - 1; i >= 0; i--) {
            PreAggregator step = PRE_AGGREGATORS.get(i).create(values, env);
            if (step != null) {
                a = step.wrap(a);
            }
        }
        return a;
    }

    /** The problem a --dataset value selects: a built-in by name, else a LIBSVM file. */
    public static Component<ProblemInstance, ProblemEnv> problem(String dataset) {
        return problem(dataset, Values.none());
    }

    /**
     * The problem a --dataset value selects, given the other settings: the first provider's claim
     * ({@link ComponentProvider#problemFor}: a provider claims a run that gives one of its own settings,
     * or data it recognises), else a built-in by name, else a LIBSVM file.
     */
    public static Component<ProblemInstance, ProblemEnv> problem(String dataset, Values values) {
        for (ComponentProvider p : PROVIDERS) {
            Component<ProblemInstance, ProblemEnv> c = p.problemFor(dataset, values);
            if (c != null) {
                return c;
            }
        }
        for (Component<ProblemInstance, ProblemEnv> c : PROBLEMS) {
            if (c != LibsvmLogistic.COMPONENT && c.name().equals(dataset)) {
                return c;
            }
        }
        return LibsvmLogistic.COMPONENT;
    }

    /** This module's problems followed by the providers'. */
    private static List<Component<ProblemInstance, ProblemEnv>> provided(List<Component<ProblemInstance, ProblemEnv>> own) {
        List<Component<ProblemInstance, ProblemEnv>> all = new ArrayList<>(own);
        for (ComponentProvider p : PROVIDERS) {
            all.addAll(p.problems());
        }
        return List.copyOf(all);
    }
}
