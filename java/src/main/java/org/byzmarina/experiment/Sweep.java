package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.byzmarina.io.AtomicFiles;
import org.byzmarina.kernels.NativeLoading;

/**
 * Runs a {@link SweepPlan} into one folder: {@code DIR/sweep.json} (the plan), one folder per run
 * ({@code DIR/<id>/metrics.csv, run.json}) and {@code DIR/index.csv}.
 * <ul>
 *   <li>Resumable: a run whose folder exists is complete (runs write into a temporary folder that is
 *       renamed at the end) and is skipped; leftovers of interrupted runs are removed and redone.</li>
 *   <li>Parallel: N runs at a time, each single-threaded unless its settings say otherwise.</li>
 *   <li>Shardable: a deterministic 1/N of the points; shard folders merge by copying into one DIR,
 *       and {@link #rebuildIndex} rebuilds index.csv from whatever run folders are there.</li>
 * </ul>
 */
public final class Sweep {
    private static final Logger LOG = Logger.getLogger(Sweep.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String[] SUMMARY = {"final_loss", "final_gap", "bits", "wall_s", "status"};

    /** Told about each run as the sweep progresses. */
    public interface Listener {
        default void started(int toRun, int alreadyDone) {
        }

        default void finished(SweepPlan.Point point, Experiment.Result result, Exception failure) {
        }
    }

    /** What one invocation did. */
    public record Outcome(int ran, int skipped, List<String> failures, double wallSeconds) {
    }

    private Sweep() {
    }

    /**
     * Runs the given points (all of the plan, or one shard) into dir.
     *
     * @param specs turns a point's settings and its output folder into a RunSpec
     */
    public static Outcome run(SweepPlan plan, List<SweepPlan.Point> points, Path dir, int parallel,
                              BiFunction<ObjectNode, Path, RunSpec> specs, Listener listener) throws IOException {
        long start = System.nanoTime();
        List<RunSpec> runSpecs = new ArrayList<>();
        for (SweepPlan.Point p : points) {
            ObjectNode s = p.settings().deepCopy();
            if (!s.has("threads")) {
                s.put("threads", 1);
            }
            RunSpec spec;
            try {
                spec = specs.apply(s, dir.resolve(p.id()));
                spec.validate();
            } catch (RuntimeException e) { // bad settings: IllegalArgumentException or the CLI parser's exceptions
                throw new IllegalArgumentException("run " + p.id() + ": " + e.getMessage());
            }
            runSpecs.add(spec);
        }
        Files.createDirectories(dir);
        writePlan(plan, dir);
        removeLeftovers(dir);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (!Files.exists(dir.resolve(points.get(i).id()).resolve("run.json"))) {
                todo.add(i);
            }
        }
        int skipped = points.size() - todo.size();
        listener.started(todo.size(), skipped);
        List<String> failures = new ArrayList<>();
        NativeLoading.loadCommon(); // before the runs' threads start; see NativeLoading
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "byzmarina-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : todo) {
                SweepPlan.Point p = points.get(i);
                RunSpec spec = runSpecs.get(i);
                futures.add(pool.submit(() -> {
                    try {
                        Experiment.Result r = Experiment.run(spec);
                        listener.finished(p, r, null);
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(p.id() + ": " + e.getMessage());
                        }
                        listener.finished(p, null, e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        rebuildIndex(dir);
        return new Outcome(todo.size() - failures.size(), skipped, failures, (System.nanoTime() - start) / 1e9);
    }

    /** Writes DIR/sweep.json, or checks that the folder belongs to the same sweep (seeds are merged). */
    private static void writePlan(SweepPlan plan, Path dir) throws IOException {
        Path file = dir.resolve("sweep.json");
        Set<Long> seeds = new LinkedHashSet<>();
        if (Files.exists(file)) {
            JsonNode existing = readJson(file);
            ObjectNode identity = JSON.createObjectNode();
            identity.set("base", existing.get("base"));
            identity.set("grid", existing.get("grid"));
            if (!identity.equals(plan.identity())) {
                throw new IllegalArgumentException("output folder " + dir + " belongs to a different sweep (its sweep.json has other"
                        + " base or grid settings); choose another --out");
            }
            if (existing.get("seeds") != null) {
                existing.get("seeds").forEach(s -> seeds.add(s.longValue()));
            }
        }
        seeds.addAll(plan.seeds());
        ObjectNode out = plan.identity().deepCopy();
        ArrayNode s = out.putArray("seeds");
        seeds.forEach(s::add);
        AtomicFiles.write(file, o -> o.write(JSON.writeValueAsBytes(out)));
    }

    /** Deletes the temporary folders of runs that were interrupted. */
    private static void removeLeftovers(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.contains(".tmp-")) {
                    LOG.info(() -> "removing the leftovers of an interrupted run: " + name);
                    AtomicFiles.deleteTree(p);
                }
            }
        }
    }

    /**
     * Rebuilds DIR/index.csv from DIR/sweep.json and the complete run folders: one header line, one
     * line per finished run in plan order with its varying values and summary.
     */
    public static int rebuildIndex(Path dir) throws IOException {
        Path planFile = dir.resolve("sweep.json");
        if (!Files.exists(planFile)) {
            throw new IllegalArgumentException(dir + " is not a sweep folder (no sweep.json)");
        }
        JsonNode node = readJson(planFile);
        List<Long> seeds = new ArrayList<>();
        if (node.get("seeds") != null) {
            node.get("seeds").forEach(s -> seeds.add(s.longValue()));
        }
        SweepPlan plan = SweepPlan.parse(node, planFile.toString(), seeds.isEmpty() ? null : seeds);
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(plan.varyingKeys());
        header.add("id");
        header.addAll(List.of(SUMMARY));
        csv.append(String.join(",", header)).append('\n');
        int rows = 0;
        for (SweepPlan.Point p : plan.points()) {
            Path runJson = dir.resolve(p.id()).resolve("run.json");
            if (!Files.exists(runJson)) {
                continue;
            }
            JsonNode r = readJson(runJson);
            List<String> cells = new ArrayList<>();
            for (String v : p.varying().values()) {
                cells.add(csvCell(v));
            }
            cells.add(p.id());
            cells.add(number(r.path("final").path("loss")));
            cells.add(number(r.path("final").path("gap")));
            cells.add(number(r.path("counts").path("bits")));
            cells.add(number(r.path("wall_s")));
            cells.add(r.path("status").asText());
            csv.append(String.join(",", cells)).append('\n');
            rows++;
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("index.csv"), o -> o.write(bytes));
        return rows;
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? n.asText() : "";
    }

    private static String csvCell(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
