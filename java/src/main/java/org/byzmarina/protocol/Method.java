package org.byzmarina.protocol;

import java.util.Locale;

/** The named variants of SPEC.md, all configurations of the one loop in {@link Simulation}. */
public enum Method {
    /** Byz-VR-MARINA-PP (the paper's Algorithm 1): partial participation, clipped differences. */
    MARINA_PP("marina-pp"),
    /** Byz-VR-MARINA (Gorbunov et al. 2023): every client every round, full vectors, no clipping. */
    MARINA("marina"),
    /** Byz-VR-MARINA-PP+: plain mean of the clipped differences in c_k = 0 rounds. */
    MARINA_PP_PLUS("marina-pp-plus"),
    /** BR-SGDm: client momentum + robust aggregation; with clipping, the heuristic of eq. (10). */
    SGDM("sgdm"),
    /** Parallel SGD with a robust aggregator; with clipping, the heuristic of eq. (10). */
    SGD("sgd");

    public final String label;

    Method(String label) {
        this.label = label;
    }

    public static Method parse(String s) {
        for (Method m : values()) {
            if (m.label.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + s + "' (expected marina-pp, marina, marina-pp-plus, sgdm or sgd)");
    }

    /** Whether the method keeps a variance-reduced estimator with a coin (the MARINA family). */
    public boolean marinaFamily() {
        return this == MARINA_PP || this == MARINA || this == MARINA_PP_PLUS;
    }
}
