package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.logging.Logger;
import org.byzmarina.compression.Compressor;
import org.byzmarina.problems.Problem;
import org.byzmarina.problems.Smoothness;
import org.byzmarina.registry.Registry;
import org.byzmarina.theory.Theory;

/**
 * The theory's constants for one run (docs/algorithm.md "Theory"): computed from the resolved
 * configuration and the problem, written as the `theory` command's JSON and as run.json's
 * {@code theory} object when --step theory or --clip theory uses them.
 */
final class TheoryJson {
    private static final Logger LOG = Logger.getLogger(TheoryJson.class.getName());

    private TheoryJson() {
    }

    /**
     * @param measured    the problem's constants before --lipschitz-scale
     * @param faGiven     whether F_A was given (else the default is an assumption)
     */
    record Computed(Theory.Report report, Smoothness measured, double scale, String theorem, boolean faGiven,
                    boolean cGiven, int dim, double pRecommended, String availability, Double majorityAvailable) {
        Theory.Block block() {
            return report.block(theorem);
        }

        /**
         * With the run's availability: the exact Byzantine-majority probability of a round's sample of C
         * under bernoulli or (stationary) markov availability, a binomial mixture of hypergeometrics
         * (for n up to 10⁴; the sum costs O(n·B·C) otherwise). The theorems themselves assume uniform
         * sampling from every client.
         */
        Computed withAvailability(RunConfig c, org.byzmarina.protocol.Participation participation) {
            org.byzmarina.protocol.Participation.Availability a = c.values().get(org.byzmarina.protocol.Participation.AVAILABILITY);
            boolean always = c.values().get(org.byzmarina.protocol.Participation.BYZANTINE_AVAILABILITY).equals("always");
            Theory.Inputs in = report.inputs();
            Double majority = null;
            boolean random = a.kind() == org.byzmarina.protocol.Participation.Kind.BERNOULLI
                    || a.kind() == org.byzmarina.protocol.Participation.Kind.MARKOV;
            if (random && in.clients() <= 10_000) {
                majority = Theory.majorityUnderAvailability(in.clients(), in.byzantine(), in.sampled(), a.onlineShare(), always);
            }
            String label = a.label() + (always ? ", Byzantines always online" : "");
            return new Computed(report, measured, scale, theorem, faGiven, cGiven, dim, pRecommended, label, majority);
        }
    }

    static Computed compute(RunConfig c, Problem problem, int clients, int byzantine, int sampled, int bigCohort, double p,
                            double pRecommended, Compressor compressor) {
        long t0 = System.nanoTime();
        Smoothness measured = problem.smoothness();
        LOG.info(() -> String.format(java.util.Locale.ROOT, "smoothness: L = %.10g, max L_i = %.10g, max L_ij = %.10g "
                        + "(%d power iterations, %.2f s)", measured.l(), measured.maxClient(), measured.maxSample(),
                measured.iterations(), (System.nanoTime() - t0) / 1e9));
        double scale = c.values().get(Theory.LIPSCHITZ_SCALE);
        int d = problem.dim();
        Double fa = c.values().get(Theory.AGG_FA);
        String rule = c.values().get(Registry.AGGREGATOR);
        double faValue = fa != null ? fa : Theory.defaultFa(rule, d);
        Theory.Inputs in = new Theory.Inputs(clients, byzantine, sampled, bigCohort, p, compressor.omega(d), compressor.bound(d),
                measured.scaled(scale), c.values().get(Theory.AGG_C), faValue);
        return new Computed(Theory.of(in), measured, scale, c.values().get(Theory.THEOREM), fa != null,
                c.values().given(Theory.AGG_C), d, pRecommended, "always", null);
    }

    static ObjectNode of(Computed t, RunConfig config) {
        Theory.Report r = t.report();
        Theory.Inputs in = r.inputs();
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("n", in.clients());
        o.put("B", in.byzantine());
        o.put("C", in.sampled());
        o.put("big_cohort", in.bigCohort());
        o.put("delta", r.delta());
        o.put("t0", r.t0());
        o.put("p_g", r.pG());
        o.put("P_g_sampled", r.pGSampled());
        ArrayNode byz = o.putArray("byzantines_in_sample");
        for (double v : r.byzantinesInSample()) {
            byz.add(v);
        }
        o.put("byzantine_majority", r.majority());
        o.put("availability", t.availability());
        if (t.majorityAvailable() != null) {
            o.put("byzantine_majority_available", t.majorityAvailable());
        } else {
            o.putNull("byzantine_majority_available");
        }
        o.put("omega", in.omega());
        o.put("D_Q", in.bound());
        o.put("lipschitz_scale", t.scale());
        o.put("L", in.smoothness().l());
        o.put("L_max_client", in.smoothness().maxClient());
        o.put("L_max_sample", in.smoothness().maxSample());
        o.put("power_iterations", t.measured().iterations());
        o.put("agg_c", in.c());
        o.put("agg_fa", in.fa());
        o.put("assumptions", (t.cGiven() ? "c = " + in.c() + " (given)" : "c = 1 (assumed: --agg-c)") + "; "
                + (t.faGiven() ? "F_A = " + in.fa() + " (given)" : "F_A = " + describeFa(config, t.dim()) + " (assumed: --agg-fa)"));
        o.put("p", in.p());
        o.put("p_recommended", t.pRecommended());
        o.put("A", r.thm41().a());
        o.put("step", r.thm41().step());
        o.put("clip_alpha", r.thm41().clipAlpha());
        ObjectNode thm42 = o.putObject("thm42");
        thm42.put("A", r.thm42().a());
        thm42.put("step", r.thm42().step());
        thm42.put("clip_alpha", r.thm42().clipAlpha());
        o.put("theorem", t.theorem());
        o.put("uses_step", RunSettings.isTheory(config.protocol().step()));
        o.put("uses_clip", RunSettings.isTheory(config.protocol().clip()));
        return o;
    }

    private static String describeFa(RunConfig c, int d) {
        String rule = c.values().get(Registry.AGGREGATOR);
        return rule.equals("cm") || rule.equals("cwtm") ? "√d = " + Math.sqrt(d) + " for " + rule : "1 for " + rule;
    }
}
