package org.byzmarina.protocol;

import java.util.List;
import java.util.Locale;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

/** The named variants of docs/algorithm.md, all configurations of the one loop in {@link Simulation}. */
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

    /** β of BR-SGDm's client momentum. */
    public static final Setting<Double> MOMENTUM = Setting.of("momentum", Group.PROTOCOL, SettingType.range(0, 1, false), 0.9,
            "β of BR-SGDm's client momentum m_i = β m_i + ∇f_{i,J}(x)");

    /** Whether every good client steps its momentum every round (the authors' code) or only when sampled. */
    public static final Setting<Boolean> MOMENTUM_EVERY_ROUND = Setting.flag("momentum-every-round", Group.PROTOCOL,
            "every good client steps its momentum every round, sampled or not (the authors' code; n gradients a round)", true);

    /** The methods as components (each a configuration of the one server loop in {@link Simulation}). */
    public static final List<Component<Method, Void>> COMPONENTS = List.of(
            Component.<Method, Void>of(Kind.METHOD, "marina-pp",
                    "Byz-VR-MARINA-PP (Algorithm 1): partial participation, clipped gradient differences",
                    "Malinovsky, Richtárik, Horváth, Gorbunov, NeurIPS 2024", List.of(), (v, e) -> MARINA_PP),
            Component.<Method, Void>of(Kind.METHOD, "marina",
                    "Byz-VR-MARINA: every client every round, full vectors g^k + Q(Δ_i), no clipping",
                    "Gorbunov, Horváth, Richtárik, Gidel, ICLR 2023", List.of(), (v, e) -> MARINA),
            Component.<Method, Void>of(Kind.METHOD, "marina-pp-plus",
                    "Byz-VR-MARINA-PP+: as PP, with the plain mean of the clipped differences in c_k = 0 rounds",
                    "Malinovsky, Richtárik, Horváth, Gorbunov, NeurIPS 2024", List.of(), (v, e) -> MARINA_PP_PLUS),
            Component.<Method, Void>of(Kind.METHOD, "sgdm",
                    "BR-SGDm: client momentum and robust aggregation; with clipping, the heuristic of eq. (10)",
                    "Karimireddy, He, Jaggi, ICML 2021", List.of(MOMENTUM, MOMENTUM_EVERY_ROUND), (v, e) -> SGDM)
                    .withMemory((v, s) -> org.byzmarina.io.MemoryCheck.product(8, s.clients(), s.dim())),
            Component.<Method, Void>of(Kind.METHOD, "sgd",
                    "parallel SGD with robust aggregation; with clipping, the heuristic of eq. (10)", "", List.of(),
                    (v, e) -> SGD));

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
