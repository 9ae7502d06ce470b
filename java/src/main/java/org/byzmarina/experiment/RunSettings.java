package org.byzmarina.experiment;

import java.util.List;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.kernels.KernelsProvider;

/**
 * The settings of a run that belong to no single component (the paper's n, B, C, γ, b, α, p, the
 * run's length and output), each declared once with its group, type, default and doc. Component
 * settings (a rule's τ, an attack's ε, a problem's d) live in the component's class; the selectors
 * (--method, --dataset, --aggregator, --attack, --compressor) in the registry.
 */
public final class RunSettings {
    private RunSettings() {
    }

    // Problem
    public static final Setting<Double> FSTAR = Setting.derived("fstar", Group.PROBLEM,
            SettingType.number(Double.NEGATIVE_INFINITY, false), "computed (Newton's method)", "f*, the optimal value");

    // Protocol (Algorithm 1)
    public static final Setting<Integer> CLIENTS = Setting.of("clients", Group.PROTOCOL,
            SettingType.integer(1, Integer.MAX_VALUE), 20, "n, the clients");
    public static final Setting<Integer> BYZANTINE = Setting.of("byzantine", Group.PROTOCOL,
            SettingType.integer(0, Integer.MAX_VALUE), 5, "B, the Byzantine clients (the last B ids)");
    public static final Setting<Integer> SAMPLED = Setting.of("sampled", Group.PROTOCOL,
            SettingType.integer(1, Integer.MAX_VALUE), 4, "C, the clients sampled in a c_k = 0 round (SGD family: every round)");
    public static final Setting<Integer> BIG_COHORT = Setting.derived("big-cohort", Group.PROTOCOL,
            SettingType.integer(1, Integer.MAX_VALUE), "n", "Ĉ, the clients sampled in a c_k = 1 round");
    public static final Setting<Double> P = Setting.derived("p", Group.PROTOCOL, SettingType.range(0, 1, true),
            "min(C/Ĉ, b/m, K/d)", "probability of a full-gradient round");
    /** γ; NaN stands for "theory" (γ = 1/(L + √A), {@link org.byzmarina.theory.Theory}). */
    public static final Setting<Double> STEP = Setting.of("step", Group.PROTOCOL, SettingType.custom(
            "a positive number or theory", RunSettings::step, RunSettings::showTheory), 0.1,
            "γ, the step size, or theory (1/(L + √A) of --theorem)");
    public static final Setting<Integer> BATCH = Setting.of("batch", Group.PROTOCOL, SettingType.integer(1, Integer.MAX_VALUE),
            32, "b, the minibatch size");
    public static final Setting<Double> EPOCHS = Setting.of("epochs", Group.PROTOCOL, SettingType.number(0, true), 20.0,
            "length in epochs (m/b rounds each; R rounds under --coin epoch)");
    public static final Setting<Long> ROUNDS = Setting.derived("rounds", Group.PROTOCOL, SettingType.longInteger(0),
            "from --epochs", "length in rounds (instead of --epochs)");
    /** α; +∞ stands for "none" and NaN for "theory" (2·max_i L_i, or D_Q·max_{i,j} L_{i,j} under Thm 4.2). */
    public static final Setting<Double> CLIP = Setting.of("clip", Group.PROTOCOL, SettingType.custom(
            "a positive number, none or theory", RunSettings::clip,
            c -> Double.isNaN(c) ? "theory" : Double.isFinite(c) ? (Object) c : "none"), 1.0,
            "clipping multiplier α (λ = α γ ‖g‖), none, or theory (α of --theorem)");
    public static final Setting<String> CLIP_MODE = Setting.of("clip-mode", Group.PROTOCOL,
            SettingType.choice(List.of("paper", "code")), "paper", "paper: λ = α γ ‖g^k‖ | code: λ = α ‖g^k‖ (the authors' scripts)");
    public static final Setting<String> COIN = Setting.of("coin", Group.PROTOCOL, SettingType.choice(List.of("random", "epoch")),
            "random", "random: c_k ~ Bernoulli(p) | epoch: a full round at each epoch's start (the authors' scripts)");
    public static final Setting<Long> SEED = Setting.of("seed", Group.PROTOCOL, SettingType.longInteger(Long.MIN_VALUE), 0L,
            "the root seed of every random stream");
    public static final Setting<Boolean> SHARED_MINIBATCHES = Setting.flag("shared-minibatches", Group.PROTOCOL,
            "every client draws the same minibatch indices each round (the authors' code; needs --split full)", true);
    public static final Setting<String> PRESET = Setting.of("preset", Group.PROTOCOL,
            SettingType.choice(List.of("none", "authors-code")), "none",
            "authors-code: --clip-mode code --coin epoch --omniscient --shared-minibatches --momentum-every-round"
                    + " (explicit settings win)");

    // Aggregation
    public static final Setting<Double> ASSUMED_BYZANTINE = Setting.derived("assumed-byzantine", Group.AGGREGATION,
            SettingType.custom("a count of clients or a fraction in [0, 1)", RunSettings::nonNegative, RunSettings::count),
            "B", "replaces B (a count) or B/n (a fraction) in the rules' budget f = min(⌈(B/n)·m⌉, cap)");

    // Attack
    public static final Setting<Boolean> OMNISCIENT = Setting.flag("omniscient", Group.ATTACK,
            "attacks see every good client's vector, not only the sampled ones'", true);
    public static final Setting<AttackSpace> ATTACK_SPACE = Setting.of("attack-space", Group.ATTACK,
            SettingType.custom("full or difference", AttackSpace::parse, AttackSpace::label), AttackSpace.FULL,
            "full: Byzantines form full vectors u, the server receives u − g^k in difference rounds | difference: ablation");

    // Output
    public static final Setting<Long> EVAL_EVERY = Setting.derived("eval-every", Group.OUTPUT, SettingType.longInteger(1),
            "a quarter epoch", "rounds between metrics rows");
    public static final Setting<String> BACKEND = Setting.of("backend", Group.OUTPUT,
            SettingType.choice(List.of("auto", "java", "native")), "auto", "kernel engine: auto | java | native");
    public static final Setting<Integer> THREADS = Setting.derived("threads", Group.OUTPUT,
            SettingType.integer(1, Integer.MAX_VALUE), "all cores", "kernel threads");
    public static final Setting<Boolean> DRY_RUN = Setting.flag("dry-run", Group.OUTPUT,
            "print the resolved configuration and the memory estimate; run nothing", false);
    public static final Setting<Boolean> QUIET = Setting.flag("quiet", Group.OUTPUT, "no progress output and no log lines", false);

    /** Every core setting, by group. */
    public static final List<Setting<?>> ALL = List.of(FSTAR, CLIENTS, BYZANTINE, SAMPLED, BIG_COHORT, P, STEP, BATCH, EPOCHS,
            ROUNDS, CLIP, CLIP_MODE, COIN, SEED, SHARED_MINIBATCHES, PRESET, ASSUMED_BYZANTINE, OMNISCIENT, ATTACK_SPACE,
            EVAL_EVERY, BACKEND, THREADS, DRY_RUN, QUIET);

    /** The value that stands for "theory" in --step and --clip. */
    public static boolean isTheory(double v) {
        return Double.isNaN(v);
    }

    /** --step: a positive finite number, or theory (NaN). */
    static Double step(String s) {
        if (s.equalsIgnoreCase("theory")) {
            return Double.NaN;
        }
        double v = Double.parseDouble(s);
        return v > 0 && Double.isFinite(v) ? v : null;
    }

    static Object showTheory(Double v) {
        return Double.isNaN(v) ? "theory" : (Object) v;
    }

    /** --clip: a positive number, none (+Inf) or theory (NaN). */
    static Double clip(String s) {
        if (s.equalsIgnoreCase("none")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("theory")) {
            return Double.NaN;
        }
        double v = Double.parseDouble(s);
        return v > 0 && Double.isFinite(v) ? v : null;
    }

    static Double nonNegative(String s) {
        double v = Double.parseDouble(s);
        return v >= 0 && Double.isFinite(v) ? v : null;
    }

    static Object count(Double a) {
        return a >= 1 && a == Math.rint(a) ? (Object) (long) (double) a : a;
    }

    /** The default number of kernel threads (property, environment, else cores). */
    static int defaultThreads() {
        return KernelsProvider.defaultThreads();
    }
}
