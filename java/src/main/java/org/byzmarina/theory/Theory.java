package org.byzmarina.theory;

import java.util.List;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.problems.Smoothness;

/**
 * The constants of the paper's convergence theorems (Malinovsky et al. 2024, Thms 4.1 and 4.2), as
 * docs/algorithm.md "Theory" states them. With n clients, B Byzantine, G = n − B, δ = B/n, a sample
 * of C, t₀ = ⌈(1 − δ)C⌉ and N the good clients in a uniform sample of C without replacement
 * (hypergeometric):
 * <ul>
 *   <li>p_G = P(N ≥ t₀) = Σ_{t=t₀}^{C} C(G,t)·C(B,C−t)/C(n,C);</li>
 *   <li>P_{G_C^k} = (C/(n·p_G))·Σ_{t=t₀}^{C} C(G−1,t−1)·C(B,C−t)/C(n−1,C−1);</li>
 *   <li>Thm 4.1: A = 32·p_G·G·P_{G_C^k}·(30ω + 11)(1 + 2cδ)/(p²(1 − δ)C) + 16(1 − p_G)(1 + 4F_A²)/p²,
 *       γ = 1/(L + √A), α = 2·max_i L_i;</li>
 *   <li>Thm 4.2 (bounded compressors, ‖Q(v)‖ ≤ D_Q‖v‖): A = (4·p_G·G·P_{G_C^k}/(p(1 − δ)C))·((3ω + 2)/((1 − δ)C)
 *       + 8(5ω + 4)cδ/p) + 8(1 − p_G)(2 + F_A²D_Q²)/p², γ = 1/(L + √A), α = D_Q·max_{i,j} L_{i,j}.</li>
 * </ul>
 * c and F_A, the aggregator's robustness constants, are not known in closed form for most rules:
 * they are assumptions ({@link #AGG_C}, {@link #AGG_FA}), stated in the output. Every L is
 * multiplied by {@link #LIPSCHITZ_SCALE} first (a deliberately misestimated constant).
 *
 * <p>Probabilities are computed in log space by the ratio recursions of the hypergeometric and
 * binomial laws, so n = 10⁶ neither overflows nor costs more than O(n + C) operations.
 */
public final class Theory {
    public static final Setting<Double> LIPSCHITZ_SCALE = Setting.of("lipschitz-scale", Group.PROTOCOL,
            SettingType.number(0, true), 1.0, "S: every smoothness constant the theory uses is multiplied by S (misestimated L)");
    public static final Setting<Double> AGG_C = Setting.of("agg-c", Group.PROTOCOL, SettingType.number(0, false), 1.0,
            "c of the (δ, c)-robust aggregator the theory assumes");
    public static final Setting<Double> AGG_FA = Setting.derived("agg-fa", Group.PROTOCOL, SettingType.number(0, false),
            "1, or √d for cm and cwtm", "F_A of the aggregator the theory assumes");
    public static final Setting<String> THEOREM = Setting.of("theorem", Group.PROTOCOL, SettingType.choice(List.of("4.1", "4.2")),
            "4.1", "which theorem --step theory and --clip theory follow (4.2: bounded compressors)");

    /** The theory's settings (the registry lists them with the run's). */
    public static final List<Setting<?>> SETTINGS = List.of(LIPSCHITZ_SCALE, AGG_C, AGG_FA, THEOREM);

    private Theory() {
    }

    /** F_A's default for the rule named {@code rule}: √d for the coordinate-wise rules, else 1 (an assumption). */
    public static double defaultFa(String rule, int dim) {
        return rule.equals("cm") || rule.equals("cwtm") ? Math.sqrt(dim) : 1;
    }

    /**
     * What the constants are computed from.
     *
     * @param clients    n
     * @param byzantine  B (0 under the na attack)
     * @param sampled    C
     * @param bigCohort  Ĉ
     * @param p          the run's probability of a full round
     * @param omega      ω of the compressor
     * @param bound      D_Q of the compressor
     * @param smoothness the problem's constants, already scaled
     * @param c          the aggregator's c
     * @param fa         the aggregator's F_A
     */
    public record Inputs(int clients, int byzantine, int sampled, int bigCohort, double p, double omega, double bound,
                         Smoothness smoothness, double c, double fa) {
    }

    /** One theorem's A, step γ = 1/(L + √A) and clip multiplier α. */
    public record Block(double a, double step, double clipAlpha) {
    }

    /**
     * @param byzantinesInSample P(j Byzantines in a uniform sample of C), j = 0 … C
     * @param majority           P(a strict Byzantine majority in a uniform sample of C)
     */
    public record Report(Inputs inputs, double delta, int t0, double pG, double pGSampled, double[] byzantinesInSample,
                         double majority, Block thm41, Block thm42) {
        /** The block of the theorem {@code --theorem} names. */
        public Block block(String theorem) {
            return theorem.equals("4.2") ? thm42 : thm41;
        }
    }

    public static Report of(Inputs in) {
        int n = in.clients();
        int b = in.byzantine();
        int g = n - b;
        int c = in.sampled();
        double delta = (double) b / n;
        int t0 = (int) (((long) g * c + n - 1) / n); // ⌈(1 − δ)C⌉ = ⌈(n − B)C/n⌉, exactly
        double[] byz = hypergeometric(n, b, c); // Byzantines in the sample
        double pG = 0;
        double majority = 0;
        for (int j = 0; j <= c; j++) {
            if (c - j >= t0) {
                pG += byz[j];
            }
            if (2 * j > c) {
                majority += byz[j];
            }
        }
        // P_{G_C^k}: the same law one client smaller (a fixed good client in the sample), N' ≥ t₀ − 1.
        double pGSampled;
        if (b == 0) {
            pGSampled = (double) c / n;
        } else {
            double[] byzOthers = c >= 1 && n >= 2 ? hypergeometric(n - 1, b, c - 1) : new double[] {1};
            double s = 0;
            for (int j = 0; j < byzOthers.length; j++) {
                if (c - 1 - j >= t0 - 1) {
                    s += byzOthers[j];
                }
            }
            pGSampled = (double) c / (n * pG) * s;
        }
        double p = in.p();
        double w = in.omega();
        double cAgg = in.c();
        double fa = in.fa();
        Smoothness sm = in.smoothness();
        // Thm 4.1.
        double a41 = 32 * pG * g * pGSampled * (30 * w + 11) * (1 + 2 * cAgg * delta) / (p * p * (1 - delta) * c)
                + 16 * (1 - pG) * (1 + 4 * fa * fa) / (p * p);
        // Thm 4.2 (bounded compressors).
        double dq = in.bound();
        double a42 = 4 * pG * g * pGSampled / (p * (1 - delta) * c)
                * ((3 * w + 2) / ((1 - delta) * c) + 8 * (5 * w + 4) * cAgg * delta / p)
                + 8 * (1 - pG) * (2 + fa * fa * dq * dq) / (p * p);
        Block thm41 = new Block(a41, 1 / (sm.l() + Math.sqrt(a41)), 2 * sm.maxClient());
        Block thm42 = new Block(a42, 1 / (sm.l() + Math.sqrt(a42)), dq * sm.maxSample());
        return new Report(in, delta, t0, pG, pGSampled, byz, majority, thm41, thm42);
    }

    /**
     * P(X = j), j = 0 … draws, for X the successes in {@code draws} draws without replacement from a
     * population with {@code successes} successes (0 outside X's support). Log-space recursion
     * P(x+1)/P(x) = (K − x)(c − x)/((x + 1)(N − K − c + x + 1)) from the smallest x, then normalised.
     */
    public static double[] hypergeometric(int population, int successes, int draws) {
        if (draws < 0 || draws > population || successes < 0 || successes > population) {
            throw new IllegalArgumentException("no hypergeometric law for " + draws + " draws from " + population
                    + " with " + successes + " successes");
        }
        double[] out = new double[draws + 1];
        int lo = Math.max(0, draws - (population - successes));
        int hi = Math.min(draws, successes);
        double[] log = new double[hi - lo + 1];
        double max = 0;
        for (int x = lo; x < hi; x++) {
            double ratio = (double) (successes - x) * (draws - x) / ((double) (x + 1) * (population - successes - draws + x + 1));
            log[x - lo + 1] = log[x - lo] + Math.log(ratio);
            max = Math.max(max, log[x - lo + 1]);
        }
        double sum = 0;
        for (int x = lo; x <= hi; x++) {
            sum += Math.exp(log[x - lo] - max);
        }
        for (int x = lo; x <= hi; x++) {
            out[x] = Math.exp(log[x - lo] - max) / sum;
        }
        return out;
    }

    /**
     * P(Binomial(trials, q) = k), k = 0 … trials, by the log-space recursion
     * P(k+1)/P(k) = ((trials − k)/(k + 1))·(q/(1 − q)), normalised.
     */
    public static double[] binomial(int trials, double q) {
        double[] out = new double[trials + 1];
        if (q <= 0) {
            out[0] = 1;
            return out;
        }
        if (q >= 1) {
            out[trials] = 1;
            return out;
        }
        double[] log = new double[trials + 1];
        double odds = Math.log(q) - Math.log1p(-q);
        double max = 0;
        for (int k = 0; k < trials; k++) {
            log[k + 1] = log[k] + Math.log((double) (trials - k) / (k + 1)) + odds;
            max = Math.max(max, log[k + 1]);
        }
        double sum = 0;
        for (int k = 0; k <= trials; k++) {
            sum += Math.exp(log[k] - max);
        }
        for (int k = 0; k <= trials; k++) {
            out[k] = Math.exp(log[k] - max) / sum;
        }
        return out;
    }

    /**
     * The probability that a round's sample has a strict Byzantine majority when each good client is
     * online independently with probability q, and each Byzantine too ({@code byzantinesAlways} false)
     * or always: a binomial mixture of hypergeometrics. With g good and b Byzantine clients online, the
     * round samples min(C, g + b) of them uniformly; a short round (g + b ≤ C) takes all of them; a
     * round with nobody online is skipped and is no majority. The stationary law of the Markov pattern
     * is the same (independent clients, each online with probability UP/(UP + DOWN)).
     */
    public static double majorityUnderAvailability(int clients, int byzantine, int sampled, double q, boolean byzantinesAlways) {
        int good = clients - byzantine;
        double[] goodOnline = binomial(good, q);
        double[] byzOnline = byzantinesAlways ? null : binomial(byzantine, q);
        double total = 0;
        for (int gOn = 0; gOn <= good; gOn++) {
            if (goodOnline[gOn] < 1e-18) {
                continue; // below what the sum can see
            }
            double inner = 0;
            for (int bOn = 0; bOn <= byzantine; bOn++) {
                double weight = byzantinesAlways ? (bOn == byzantine ? 1 : 0) : byzOnline[bOn];
                if (weight < 1e-18) {
                    continue;
                }
                int online = gOn + bOn;
                double pMajority;
                if (online == 0) {
                    pMajority = 0;
                } else if (online <= sampled) {
                    pMajority = 2 * bOn > online ? 1 : 0;
                } else {
                    double[] h = hypergeometric(online, bOn, sampled);
                    pMajority = 0;
                    for (int j = 0; j <= sampled; j++) {
                        if (2 * j > sampled) {
                            pMajority += h[j];
                        }
                    }
                }
                inner += weight * pMajority;
            }
            total += goodOnline[gOn] * inner;
        }
        return total;
    }
}
