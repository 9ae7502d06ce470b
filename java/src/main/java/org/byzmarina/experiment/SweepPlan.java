package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file expanded into runs. The file has a {@code base} object (run settings), a {@code grid}
 * object whose list values expand into their cartesian product (a list may mix numbers and words,
 * e.g. {@code "clip": [1.0, "none"]}; a list of objects is a list of named bundles of settings,
 * e.g. variants {@code {"name": "pp-clip", "method": "marina-pp", "clip": 1}}), and a top-level
 * {@code seeds} list. Runs are ordered grid-major in the file's key order, seeds last; each has a
 * stable, readable id made of the values that vary.
 */
public final class SweepPlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: its id, the values of the varying keys (grid keys then "seed"), its full settings. */
    public record Point(String id, Map<String, String> varying, ObjectNode settings) {
    }

    private final ObjectNode base;
    private final ObjectNode grid;
    private final List<Long> seeds;
    private final List<Point> points;

    private SweepPlan(ObjectNode base, ObjectNode grid, List<Long> seeds) {
        this.base = base;
        this.grid = grid;
        this.seeds = seeds;
        this.points = expand();
    }

    /**
     * Parses a sweep file's JSON.
     *
     * @param seedsOverride seeds from the command line (replace the file's), or null
     * @throws IllegalArgumentException naming the problem
     */
    public static SweepPlan parse(JsonNode file, String source, List<Long> seedsOverride) {
        if (file == null || !file.isObject()) {
            throw new IllegalArgumentException(source + ": a sweep file must be a JSON object with base, grid and seeds");
        }
        for (Iterator<String> it = file.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("base") && !key.equals("grid") && !key.equals("seeds")) {
                throw new IllegalArgumentException(source + ": unknown top-level key '" + key + "' (allowed: base, grid, seeds)");
            }
        }
        ObjectNode base = objectOrEmpty(file.get("base"), source, "base");
        ObjectNode grid = objectOrEmpty(file.get("grid"), source, "grid");
        for (String forbidden : new String[] {"seed", "out", "config"}) {
            if (base.has(forbidden) || grid.has(forbidden)) {
                throw new IllegalArgumentException(source + ": '" + forbidden + "' cannot be a base or grid key"
                        + (forbidden.equals("seed") ? " (list the seeds in the top-level \"seeds\")" : ""));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new IllegalArgumentException(source + ": grid key '" + e.getKey() + "' must be a non-empty list, got " + e.getValue());
            }
        }
        List<Long> seeds = seedsOverride;
        if (seeds == null) {
            seeds = new ArrayList<>();
            JsonNode s = file.get("seeds");
            if (s == null) {
                seeds.add(0L);
            } else if (!s.isArray() || s.isEmpty()) {
                throw new IllegalArgumentException(source + ": \"seeds\" must be a non-empty list of integers, got " + s);
            } else {
                for (JsonNode v : s) {
                    if (!v.isIntegralNumber()) {
                        throw new IllegalArgumentException(source + ": seeds must be integers, got " + v);
                    }
                    seeds.add(v.longValue());
                }
            }
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException(source + ": the seeds repeat: " + seeds);
        }
        return new SweepPlan(base, grid, List.copyOf(seeds));
    }

    private static ObjectNode objectOrEmpty(JsonNode n, String source, String key) {
        if (n == null) {
            return JSON.createObjectNode();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be an object, got " + n);
        }
        return (ObjectNode) n;
    }

    /** The sweep's identity (base and grid; seeds may be extended on a rerun). */
    public ObjectNode identity() {
        ObjectNode id = JSON.createObjectNode();
        id.set("base", base);
        id.set("grid", grid);
        return id;
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** The varying keys in index order: the grid keys, then "seed". */
    public List<String> varyingKeys() {
        return varyingKeys(grid);
    }

    static List<String> varyingKeys(ObjectNode grid) {
        List<String> keys = new ArrayList<>();
        grid.fieldNames().forEachRemaining(keys::add);
        keys.add("seed");
        return keys;
    }

    public List<Point> points() {
        return points;
    }

    /** The points of shard {@code index} (1-based) of {@code count}: every count-th point. */
    public List<Point> shard(int index, int count) {
        List<Point> mine = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (i % count == index - 1) {
                mine.add(points.get(i));
            }
        }
        return mine;
    }

    private List<Point> expand() {
        List<String> keys = new ArrayList<>();
        grid.fieldNames().forEachRemaining(keys::add);
        List<Point> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int combos = 1;
        for (String k : keys) {
            combos = Math.multiplyExact(combos, grid.get(k).size());
        }
        for (int c = 0; c < combos; c++) {
            ObjectNode settings = base.deepCopy();
            Map<String, String> varying = new LinkedHashMap<>();
            int rest = c;
            int[] choice = new int[keys.size()];
            for (int i = keys.size() - 1; i >= 0; i--) {
                int size = grid.get(keys.get(i)).size();
                choice[i] = rest % size;
                rest /= size;
            }
            for (int i = 0; i < keys.size(); i++) {
                JsonNode v = grid.get(keys.get(i)).get(choice[i]);
                varying.put(keys.get(i), apply(settings, keys.get(i), v, choice[i]));
            }
            for (long seed : seeds) {
                ObjectNode s = settings.deepCopy();
                s.put("seed", seed);
                Map<String, String> vary = new LinkedHashMap<>(varying);
                vary.put("seed", Long.toString(seed));
                String id = id(vary);
                if (!ids.add(id)) {
                    throw new IllegalArgumentException("two runs of the sweep get the same id '" + id
                            + "'; make the grid values distinct (give bundles distinct names)");
                }
                out.add(new Point(id, vary, s));
            }
        }
        return out;
    }

    /** Puts a grid value into the settings; returns its label in ids and the index. */
    private static String apply(ObjectNode settings, String key, JsonNode v, int index) {
        if (v.isObject()) {
            ObjectNode bundle = ((ObjectNode) v).deepCopy();
            JsonNode name = bundle.remove("name");
            bundle.fields().forEachRemaining(e -> settings.set(e.getKey(), e.getValue()));
            return name != null ? name.asText() : key + index;
        }
        if (v.isArray() || v.isNull()) {
            throw new IllegalArgumentException("grid key '" + key + "': values must be numbers, words, booleans or objects, got " + v);
        }
        settings.set(key, v);
        return v.asText();
    }

    static String id(Map<String, String> varying) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : varying.entrySet()) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(e.getKey()).append('-').append(e.getValue().replaceAll("[^A-Za-z0-9.+-]", "-"));
        }
        return sb.toString();
    }

    /** The sweep file's seeds list as JSON (for sweep.json). */
    ArrayNode seedsJson() {
        ArrayNode a = JSON.createArrayNode();
        seeds.forEach(a::add);
        return a;
    }
}
