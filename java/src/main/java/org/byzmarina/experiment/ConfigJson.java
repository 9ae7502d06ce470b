package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byzmarina.protocol.ProtocolSettings;

/** The fully resolved configuration of a run, keyed like the `run` flags (without dashes). */
final class ConfigJson {
    private ConfigJson() {
    }

    static ObjectNode of(RunSpec s, ProtocolSettings p, int clients, int byzantine, double epochRounds, long evalEvery,
                         Double fStar) {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("dataset", s.dataset());
        c.put("test", s.test());
        c.put("dim", s.dim());
        c.put("samples-per-client", s.samplesPerClient());
        c.put("heterogeneity", s.heterogeneity());
        Experiment.putNumber(c, "fstar", fStar);
        c.put("grad-noise", s.gradNoise());
        c.put("rho", s.rho());
        c.put("method", s.method().label);
        c.put("clients", clients);
        c.put("byzantine", byzantine);
        c.put("sampled", p.sampled());
        c.put("big-cohort", p.bigCohort());
        c.put("p", p.p());
        c.put("attack", s.attack());
        c.put("omniscient", s.omniscient());
        c.put("attack-space", s.attackSpace().label());
        c.put("shared-minibatches", s.sharedMinibatches());
        c.put("shb-scale", s.shbScale());
        if (s.alieZ() != null) {
            c.put("alie-z", s.alieZ());
        } else {
            c.putNull("alie-z");
        }
        c.put("ipm-eps", s.ipmEps());
        c.put("noise-sigma", s.noiseSigma());
        c.put("momentum", s.momentum());
        c.put("aggregator", s.aggregator().label());
        if (s.assumedByzantine() != null) {
            double a = s.assumedByzantine();
            if (a >= 1) {
                c.put("assumed-byzantine", (long) a);
            } else {
                c.put("assumed-byzantine", a);
            }
        } else {
            c.put("assumed-byzantine", "auto");
        }
        c.put("select", s.select());
        c.put("iterations", s.iterations());
        if (s.nu().relative()) {
            c.put("nu", s.nu().label());
        } else {
            c.put("nu", s.nu().value());
        }
        c.put("bucket-size", s.bucketSize());
        c.put("nnm", s.nnm());
        c.put("compressor", s.compressor());
        if (s.k() != null) {
            c.put("k", s.k());
        } else {
            c.putNull("k");
        }
        if (s.clip() != null && p.clipping()) {
            c.put("clip", s.clip());
        } else {
            c.put("clip", "none");
        }
        c.put("clip-mode", s.clipCodeMode() ? "code" : "paper");
        c.put("coin", s.coinEpoch() ? "epoch" : "random");
        c.put("step", s.step());
        c.put("batch", s.batch());
        c.put("rounds", p.rounds());
        c.put("rounds-per-epoch", epochRounds);
        c.put("split", s.split());
        c.put("seed", s.seed());
        c.put("backend", s.backend().name().toLowerCase(java.util.Locale.ROOT));
        c.put("threads", s.threads());
        c.put("eval-every", evalEvery);
        c.put("preset", s.preset() == null ? "none" : s.preset().label);
        return c;
    }

    /** What the preset set (the settings it supplied that were not given explicitly), or null. */
    static com.fasterxml.jackson.databind.JsonNode preset(RunSpec s, com.fasterxml.jackson.databind.JsonNode config) {
        if (s.preset() == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode p = new ObjectMapper().createObjectNode();
        p.put("name", s.preset().label);
        ObjectNode set = p.putObject("set");
        for (String key : s.presetSet()) {
            set.set(key, config.get(key));
        }
        return p;
    }
}
