package org.byzmarina.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Named bundles of run settings. {@code authors-code} reproduces the authors' scripts (docs/algorithm.md
 * "Reproducing the authors' code"): λ = clip·‖g^k‖ (--clip-mode code), a full round at each epoch's
 * first round (--coin epoch), attacks that see every good client (--omniscient) and one minibatch of
 * indices shared by every client each round (--shared-minibatches, what their --full-dataset does), and
 * BR-SGDm momenta that every good client steps every round (--momentum-every-round).
 * Settings given explicitly win over the preset; run.json lists what the preset set.
 */
public enum Preset {
    AUTHORS_CODE("authors-code", "clip-mode", "code", "coin", "epoch", "omniscient", true, "shared-minibatches", true,
            "momentum-every-round", true);

    public final String label;
    private final Map<String, Object> settings = new LinkedHashMap<>();

    /** @param keysAndValues key, value, key, value, … in the order run.json lists them */
    Preset(String label, Object... keysAndValues) {
        this.label = label;
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    /** The settings (run keys → values) this preset sets unless given explicitly. */
    public Map<String, Object> settings() {
        return java.util.Collections.unmodifiableMap(settings);
    }

    public boolean sets(String key) {
        return settings.containsKey(key);
    }

    public static Preset parse(String s) {
        for (Preset p : values()) {
            if (p.label.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown --preset '" + s + "' (expected authors-code)");
    }
}
