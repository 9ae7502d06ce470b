package org.byzmarina.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a user gave (on the command line, in a config file, through a preset), typed. A
 * setting not given reads as its default. Immutable once built.
 */
public final class Values {
    private final Map<String, Object> given;

    public Values(Map<String, Object> given) {
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    public static Values none() {
        return new Values(Map.of());
    }

    /** The value given for the setting, else its default (null where the default is derived). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> s) {
        Object v = given.get(s.key());
        return v != null ? (T) v : s.defaultValue();
    }

    /** The value given, else {@code fallback} (a component's own default for a shared setting). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> s, T fallback) {
        Object v = given.get(s.key());
        return v != null ? (T) v : fallback;
    }

    public boolean given(Setting<?> s) {
        return given.containsKey(s.key());
    }

    /** The given values by key, in the order they were given. */
    public Map<String, Object> asMap() {
        return given;
    }

    /** These values with {@code more} added where not already given (a preset's settings). */
    public Values withDefaults(Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>(given);
        more.forEach(m::putIfAbsent);
        return new Values(m);
    }
}
