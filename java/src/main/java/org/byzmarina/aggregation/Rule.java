package org.byzmarina.aggregation;

import java.util.Locale;

/** The aggregation rules of SPEC.md, by their CLI names. */
public enum Rule {
    MEAN, CM, CWTM, RFA, KRUM, MULTIKRUM;

    public static Rule parse(String s) {
        for (Rule r : values()) {
            if (r.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown aggregation rule " + org.byzmarina.io.UserText.quote(s)
                + " (expected mean, cm, cwtm, rfa, krum or multikrum)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
