package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.byzmarina.io.UserText;

/**
 * A sweep file expanded into runs. The file has a {@code base} object (run settings), a {@code grid}
 * object whose list values expand into their cartesian product (a list may mix numbers and words,
 * e.g. {@code "clip": [1.0, "none"]}; a list of objects is a list of named bundles of settings,
 * e.g. variants {@code {"name": "pp-clip", "method": "marina-pp", "clip": 1}}), and a top-level
 * {@code seeds} list. Runs are ordered grid-major in the file's key order, seeds last; each has a
 * stable, readable id made of the values that vary.
 *
 * <p>The number of runs is counted exactly (no int or long can overflow) and refused above a limit
 * before anything is expanded; the runs are then expanded lazily, one at a time, so a large allowed
 * grid costs memory for its file only.
 */
public final class SweepPlan {
    /** Default limit on the number of runs of one sweep (the sweep command's --max-runs). */
    public static final long DEFAULT_MAX_RUNS = 100_000;
    /** The highest limit there can be (the runs of a sweep are indexed by an int). */
    public static final long MAX_RUNS_LIMIT = Integer.MAX_VALUE - 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: its id, the values of the varying keys (grid keys then "seed"), its full settings. */
    public record Point(String id, Map<String, String> varying, ObjectNode settings) {
    }

    private final ObjectNode base;
    private final ObjectNode grid;
    private final List<String> keys;
    private final int[] sizes;
    private final List<Long> seeds;
    private final int runs;
    /** The grid positions kept when the file excludes some combinations (null: all). */
    private final int[] kept;
    private final JsonNode exclude;

    private SweepPlan(ObjectNode base, ObjectNode grid, List<Long> seeds, int runs, JsonNode exclude) {
        this.base = base;
        this.grid = grid;
        this.keys = new ArrayList<>();
        grid.fieldNames().forEachRemaining(keys::add);
        this.sizes = keys.stream().mapToInt(k -> grid.get(k).size()).toArray();
        this.seeds = seeds;
        this.exclude = exclude;
        if (exclude == null) {
            this.kept = null;
            this.runs = runs;
        } else {
            int[] all = new int[runs];
            int n = 0;
            for (int i = 0; i < runs; i++) {
                if (!excluded(choice(i / seeds.size()), exclude)) {
                    all[n++] = i;
                }
            }
            this.kept = java.util.Arrays.copyOf(all, n);
            this.runs = n;
        }
    }

    /** The grid value index of each key for combination {@code combo}. */
    private int[] choice(int combo) {
        int[] choice = new int[keys.size()];
        int rest = combo;
        for (int i = keys.size() - 1; i >= 0; i--) {
            choice[i] = rest % sizes[i];
            rest /= sizes[i];
        }
        return choice;
    }

    /** Whether the combination matches one of the exclude objects (every key's label listed there). */
    private boolean excluded(int[] choice, JsonNode exclude) {
        for (JsonNode rule : exclude) {
            boolean all = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext() && all; ) {
                Map.Entry<String, JsonNode> e = it.next();
                int k = keys.indexOf(e.getKey());
                String label = label(e.getKey(), grid.get(e.getKey()).get(choice[k]), choice[k]);
                boolean match = false;
                for (JsonNode v : e.getValue().isArray() ? e.getValue() : JSON.createArrayNode().add(e.getValue())) {
                    match |= v.asText().equals(label);
                }
                all = match;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** {@link #parse(JsonNode, String, List, long)} with the default limit of {@value #DEFAULT_MAX_RUNS} runs. */
    public static SweepPlan parse(JsonNode file, String source, List<Long> seedsOverride) {
        return parse(file, source, seedsOverride, DEFAULT_MAX_RUNS);
    }

    /**
     * Parses a sweep file's JSON.
     *
     * @param seedsOverride seeds from the command line (replace the file's), or null
     * @param maxRuns       more runs than this are refused, before any is expanded
     * @throws IllegalArgumentException naming the problem
     */
    public static SweepPlan parse(JsonNode file, String source, List<Long> seedsOverride, long maxRuns) {
        if (file == null || !file.isObject()) {
            throw new IllegalArgumentException(source + ": a sweep file must be a JSON object with base, grid and seeds");
        }
        for (Iterator<String> it = file.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("base") && !key.equals("grid") && !key.equals("seeds") && !key.equals("exclude")) {
                throw new IllegalArgumentException(source + ": unknown top-level key " + UserText.quote(key)
                        + " (allowed: base, grid, seeds, exclude)");
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
        BigInteger combos = BigInteger.ONE;
        StringBuilder shape = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode values = e.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException(source + ": grid key " + UserText.quote(e.getKey()) + " must be a non-empty list, got "
                        + UserText.json(values));
            }
            checkValues(source, e.getKey(), values);
            combos = combos.multiply(BigInteger.valueOf(values.size()));
            shape.append(values.size()).append(" x ");
        }
        List<Long> seeds = seedsOverride;
        if (seeds == null) {
            seeds = new ArrayList<>();
            JsonNode s = file.get("seeds");
            if (s == null) {
                seeds.add(0L);
            } else if (!s.isArray() || s.isEmpty()) {
                throw new IllegalArgumentException(source + ": \"seeds\" must be a non-empty list of integers, got " + UserText.json(s));
            } else {
                for (JsonNode v : s) {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        throw new IllegalArgumentException(source + ": seeds must be integers in [" + Long.MIN_VALUE + ", "
                                + Long.MAX_VALUE + "], got " + UserText.json(v));
                    }
                    seeds.add(v.longValue());
                }
            }
        }
        Set<Long> distinct = new HashSet<>();
        for (long seed : seeds) {
            if (!distinct.add(seed)) {
                throw new IllegalArgumentException(source + ": the seed " + seed + " is listed twice");
            }
        }
        BigInteger total = combos.multiply(BigInteger.valueOf(seeds.size()));
        long limit = Math.min(maxRuns, MAX_RUNS_LIMIT);
        if (total.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw new IllegalArgumentException(source + ": the sweep has " + total + " runs (" + shape + seeds.size()
                    + (seeds.size() == 1 ? " seed" : " seeds") + "), more than the limit of " + limit
                    + "; split it into several sweeps or raise the limit with --max-runs");
        }
        JsonNode exclude = file.get("exclude");
        if (exclude != null) {
            if (!exclude.isArray()) {
                throw new IllegalArgumentException(source + ": \"exclude\" must be a list of objects of grid keys, got "
                        + UserText.json(exclude));
            }
            for (JsonNode rule : exclude) {
                if (!rule.isObject() || rule.isEmpty()) {
                    throw new IllegalArgumentException(source + ": each \"exclude\" entry must be an object of grid keys and values,"
                            + " got " + UserText.json(rule));
                }
                for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!grid.has(key)) {
                        throw new IllegalArgumentException(source + ": \"exclude\" names " + UserText.quote(key)
                                + ", which is not a grid key");
                    }
                }
            }
        }
        return new SweepPlan(base, grid, List.copyOf(seeds), total.intValueExact(), exclude);
    }

    /** Values must be numbers, words, booleans or objects, and give distinct labels in run ids. */
    private static void checkValues(String source, String key, JsonNode values) {
        Map<String, JsonNode> labels = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (v.isArray() || v.isNull()) {
                throw new IllegalArgumentException(source + ": grid key " + UserText.quote(key)
                        + ": values must be numbers, words, booleans or objects, got " + UserText.json(v));
            }
            String part = idPart(label(key, v, i));
            JsonNode other = labels.put(part, v);
            if (other != null) {
                throw new IllegalArgumentException(source + ": grid key " + UserText.quote(key) + ": the values " + UserText.json(other)
                        + " and " + UserText.json(v) + " give runs the same id (" + key + "-" + UserText.quote(part)
                        + "); make the grid values distinct (give bundles distinct names)");
            }
        }
    }

    private static ObjectNode objectOrEmpty(JsonNode n, String source, String key) {
        if (n == null) {
            return JSON.createObjectNode();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be an object, got " + UserText.json(n));
        }
        return (ObjectNode) n;
    }

    /** The sweep's identity (base and grid; seeds may be extended on a rerun). */
    public ObjectNode identity() {
        ObjectNode id = JSON.createObjectNode();
        id.set("base", base);
        id.set("grid", grid);
        if (exclude != null) {
            id.set("exclude", exclude);
        }
        return id;
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** The varying keys in index order: the grid keys, then "seed". */
    public List<String> varyingKeys() {
        List<String> v = new ArrayList<>(keys);
        v.add("seed");
        return v;
    }

    /** Keys whose values the grid sets for every run: the grid keys and the keys of its bundles. */
    public static Set<String> gridSetKeys(JsonNode file) {
        Set<String> set = new LinkedHashSet<>();
        JsonNode grid = file == null ? null : file.get("grid");
        if (grid != null && grid.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                set.add(e.getKey());
                for (JsonNode v : e.getValue()) {
                    if (v.isObject()) {
                        v.fieldNames().forEachRemaining(k -> {
                            if (!k.equals("name")) {
                                set.add(k);
                            }
                        });
                    }
                }
            }
        }
        return set;
    }

    /** Every run, expanded on demand (grid-major in key order, seeds last). */
    public List<Point> points() {
        return new AbstractList<>() {
            @Override
            public Point get(int index) {
                return point(index);
            }

            @Override
            public int size() {
                return runs;
            }
        };
    }

    /** The points of shard {@code index} (1-based) of {@code count}: every count-th point, expanded on demand. */
    public List<Point> shard(int index, int count) {
        int size = runs < index ? 0 : (runs - index) / count + 1;
        return new AbstractList<>() {
            @Override
            public Point get(int i) {
                if (i < 0 || i >= size) {
                    throw new IndexOutOfBoundsException(i);
                }
                return point(index - 1 + i * count);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private Point point(int position) {
        if (position < 0 || position >= runs) {
            throw new IndexOutOfBoundsException(position);
        }
        int index = kept == null ? position : kept[position];
        long seed = seeds.get(index % seeds.size());
        int[] choice = choice(index / seeds.size());
        ObjectNode settings = base.deepCopy();
        Map<String, String> varying = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode v = grid.get(keys.get(i)).get(choice[i]);
            apply(settings, keys.get(i), v);
            varying.put(keys.get(i), label(keys.get(i), v, choice[i]));
        }
        settings.put("seed", seed);
        varying.put("seed", Long.toString(seed));
        return new Point(id(varying), varying, settings);
    }

    /** Puts a grid value (a bundle's settings, or one value) into the settings. */
    private static void apply(ObjectNode settings, String key, JsonNode v) {
        if (v.isObject()) {
            v.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("name")) {
                    settings.set(e.getKey(), e.getValue());
                }
            });
        } else {
            settings.set(key, v);
        }
    }

    /** A grid value's label in ids and the index: a bundle's name (or key + position), or the value's text. */
    private static String label(String key, JsonNode v, int index) {
        if (v.isObject()) {
            JsonNode name = v.get("name");
            return name != null ? name.asText() : key + index;
        }
        return v.asText();
    }

    private static String idPart(String label) {
        return label.replaceAll("[^A-Za-z0-9.+-]", "-");
    }

    static String id(Map<String, String> varying) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : varying.entrySet()) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(e.getKey()).append('-').append(idPart(e.getValue()));
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
