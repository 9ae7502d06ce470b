package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.byzmarina.config.Component;
import org.byzmarina.config.Setting;
import org.byzmarina.protocol.ProtocolSettings;
import org.byzmarina.registry.Registry;

/**
 * The fully resolved configuration of a run, keyed like the `run` flags (without dashes), in the
 * registry's order: the selectors and core settings, then the settings of the components the run
 * uses; derived defaults (n after na, Ĉ, p, rounds, the evaluation period, f*, threads) as resolved.
 */
final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    static ObjectNode of(RunConfig c, ProtocolSettings p, int clients, int byzantine, double epochRounds, long evalEvery,
                         Double fStar, int threads) {
        Set<String> used = new HashSet<>();
        for (Setting<?> s : RunSettings.ALL) {
            used.add(s.key());
        }
        for (Setting<?> s : new Setting<?>[] {Registry.METHOD, Registry.DATASET, Registry.AGGREGATOR, Registry.ATTACK,
            Registry.COMPRESSOR}) {
            used.add(s.key());
        }
        for (Component<?, ?> component : c.components()) {
            for (Setting<?> s : component.settings()) {
                used.add(s.key());
            }
        }
        for (Setting<?> s : org.byzmarina.protocol.Participation.SETTINGS) {
            used.add(s.key());
        }
        if (RunSettings.isTheory(c.protocol().step()) || RunSettings.isTheory(c.protocol().clip())) {
            for (Setting<?> s : org.byzmarina.theory.Theory.SETTINGS) {
                used.add(s.key());
            }
        }
        used.remove(RunSettings.DRY_RUN.key());
        used.remove(RunSettings.QUIET.key());
        ObjectNode o = JSON.createObjectNode();
        for (Setting<?> s : Registry.settings()) {
            if (used.contains(s.key())) {
                o.set(s.key(), value(s, c));
            }
        }
        Experiment.putNumber(o, "fstar", fStar);
        o.put("clients", clients);
        o.put("byzantine", byzantine);
        o.put("sampled", p.sampled());
        o.put("big-cohort", p.bigCohort());
        o.put("p", p.p());
        o.put("step", p.step()); // resolved (--step theory gives a number)
        if (p.clip().clips()) {
            o.put("clip", p.clip().multiplier());
        } else {
            o.put("clip", "none");
        }
        o.put("rounds", p.rounds());
        o.put("rounds-per-epoch", epochRounds);
        o.put("eval-every", evalEvery);
        o.put("threads", threads);
        if (c.aggregation().assumedByzantine() == null) {
            o.put("assumed-byzantine", "auto");
        }
        return o;
    }

    private static <T> JsonNode value(Setting<T> s, RunConfig c) {
        String own = c.problem().component().defaults().get(s.key());
        if (own != null && !c.values().given(s)) {
            return node(own); // the problem's own default of a shared setting (a network's split)
        }
        T v = c.values().get(s);
        return v == null ? NullNode.getInstance() : node(s.type().show(v));
    }

    /**
     * The JSON node of a shown value: the scalar nodes directly (what valueToTree makes of them, without
     * its serialisation round trip, which costs a short run a tenth of its run.json), anything else
     * through valueToTree.
     */
    static JsonNode node(Object v) {
        if (v instanceof String) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf((String) v);
        } else if (v instanceof Boolean) {
            return com.fasterxml.jackson.databind.node.BooleanNode.valueOf((Boolean) v);
        } else if (v instanceof Integer) {
            return com.fasterxml.jackson.databind.node.IntNode.valueOf((Integer) v);
        } else if (v instanceof Long) {
            return com.fasterxml.jackson.databind.node.LongNode.valueOf((Long) v);
        } else if (v instanceof Double) {
            return com.fasterxml.jackson.databind.node.DoubleNode.valueOf((Double) v);
        }
        return v == null ? NullNode.getInstance() : JSON.valueToTree(v);
    }

    /** What the preset set (the settings it supplied that were not given explicitly), or null. */
    static JsonNode preset(RunConfig c, JsonNode config) {
        if (c.preset() == null) {
            return NullNode.getInstance();
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("name", c.preset().label);
        ObjectNode set = p.putObject("set");
        for (String key : c.presetSet()) {
            if (config.has(key)) { // a component's setting (BR-SGDm's momentum-every-round) only where it applies
                set.set(key, config.get(key));
            }
        }
        return p;
    }
}
