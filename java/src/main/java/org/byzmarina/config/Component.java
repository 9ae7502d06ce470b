package org.byzmarina.config;

import java.util.List;

/**
 * A pluggable part of a run (a method, problem, aggregation rule, pre-aggregator, attack or
 * compressor): its name, kind, one-line summary, paper reference, the settings it reads, a factory
 * and its memory estimate. Each component class declares one (a static COMPONENT field) and the
 * registry lists them in one place; flags, JSON keys, help, run.json, `list` and the memory estimate
 * are all derived from these.
 *
 * @param <T> what the factory builds
 * @param <E> what the factory needs besides the settings (an environment record of the component's layer)
 */
public record Component<T, E>(Kind kind, String name, String summary, String reference, List<Setting<?>> settings,
                              Factory<T, E> factory, MemoryModel memory, java.util.Map<String, String> defaults) {

    /** Builds the component from the run's settings. */
    @FunctionalInterface
    public interface Factory<T, E> {
        T create(Values values, E env);
    }

    /** Bytes the component needs beyond the batch of client vectors. */
    @FunctionalInterface
    public interface MemoryModel {
        long bytes(Values values, Sizes sizes);

        MemoryModel NONE = (v, s) -> 0;
    }

    /**
     * The sizes a memory estimate depends on.
     *
     * @param rows    vectors per round (the batch's rows)
     * @param dim     d
     * @param good    good clients
     * @param clients n
     */
    public record Sizes(long rows, int dim, long good, long clients) {
    }

    public Component {
        settings = List.copyOf(settings);
        defaults = java.util.Map.copyOf(defaults);
    }

    public static <T, E> Component<T, E> of(Kind kind, String name, String summary, String reference,
                                            List<Setting<?>> settings, Factory<T, E> factory) {
        return new Component<>(kind, name, summary, reference, settings, factory, MemoryModel.NONE, java.util.Map.of());
    }

    public Component<T, E> withMemory(MemoryModel model) {
        return new Component<>(kind, name, summary, reference, settings, factory, model, defaults);
    }

    /** This component's own default of a setting it shares with others (e.g. CClip's 3 iterations). */
    public Component<T, E> withDefault(Setting<?> setting, String text) {
        java.util.Map<String, String> m = new java.util.HashMap<>(defaults);
        m.put(setting.key(), text);
        return new Component<>(kind, name, summary, reference, settings, factory, memory, m);
    }

    /** How help shows this component's default of {@code s}. */
    public String defaultText(Setting<?> s) {
        return defaults.getOrDefault(s.key(), s.defaultText());
    }

    public T create(Values values, E env) {
        return factory.create(values, env);
    }
}
