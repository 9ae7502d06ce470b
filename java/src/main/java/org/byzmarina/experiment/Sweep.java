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
import org.byzmarina.io.Csv;
import org.byzmarina.io.JsonFiles;
import org.byzmarina.kernels.NativeLoading;

/**
 * Runs a {@link SweepPlan} into one folder: {@code DIR/sweep.json} (the plan), one folder per run
 * ({@code DIR/<id>/metrics.csv, run.json}) and {@code DIR/index.csv}.
 * <ul>
 *   <li>Resumable: a run whose folder exists is complete (runs write into a temporary folder that is
 *       renamed at the end) and is skipped; leftovers of interrupted runs are removed and redone.</li>
 *   <li>Parallel: N runs at a time, each single-threaded unless its settings say otherwise.</li>
 *   <li>Shardable: shard I of N holds the points I-1, I-1+N, I-1+2N, ... of the plan (interleaved,
 *       so runs that differ in length spread evenly); {@link SweepMerge} joins shard folders into
 *       one, and {@link #rebuildIndex} rebuilds index.csv from whatever run folders are there.</li>
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
     * @param specs turns a point's settings and its output folder into a checked RunConfig
     */
    public static Outcome run(SweepPlan plan, List<SweepPlan.Point> points, Path dir, int parallel,
                              BiFunction<ObjectNode, Path, RunConfig> specs, Listener listener) throws IOException {
        long start = System.nanoTime();
        // Every run's settings are checked before anything is written (a bad value leaves no folder);
        // the specs are made again when each run starts, so a large sweep holds none of them meanwhile.
        for (SweepPlan.Point p : points) {
            spec(p, dir, specs);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(dir, e);
        }
        writePlan(plan, dir);
        removeLeftovers(dir);
        List<Integer> todo = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < points.size(); i++) {
            Path runDir = dir.resolve(points.get(i).id());
            if (!Files.exists(runDir) || isEmptyFolder(runDir)) {
                todo.add(i);
            } else if (isComplete(runDir)) {
                skipped++;
            } else {
                failures.add(points.get(i).id() + ": its folder exists but is incomplete (no run.json or an empty metrics.csv);"
                        + " remove it to run it again");
            }
        }
        int incomplete = failures.size();
        listener.started(todo.size(), skipped);
        // Before the runs' threads start (see NativeLoading); OpenBLAS too, as a run on a pool thread
        // must find it loaded rather than load it there
        NativeLoading.loadCommon();
        NativeLoading.loadOpenBlas();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "byzmarina-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            // N workers take the next run in plan order; a run is expanded only when it starts.
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.max(1, parallel); w++) {
                workers.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < todo.size(); k = next.getAndIncrement()) {
                        SweepPlan.Point p = points.get(todo.get(k));
                        try {
                            Experiment.Result r = Experiment.run(spec(p, dir, specs));
                            listener.finished(p, r, null);
                        } catch (Exception e) {
                            synchronized (failures) {
                                failures.add(p.id() + ": " + e.getMessage());
                            }
                            listener.finished(p, null, e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
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
        return new Outcome(todo.size() - (failures.size() - incomplete), skipped, failures, (System.nanoTime() - start) / 1e9);
    }

    /** A point's RunConfig (single-threaded unless its settings say otherwise), validated. */
    private static RunConfig spec(SweepPlan.Point p, Path dir, BiFunction<ObjectNode, Path, RunConfig> specs) {
        ObjectNode s = p.settings();
        if (!s.has("threads")) {
            s.put("threads", 1);
        }
        try {
            return specs.apply(s, dir.resolve(p.id()));
        } catch (RuntimeException e) { // bad settings: IllegalArgumentException or the CLI parser's exceptions
            throw new IllegalArgumentException("run " + p.id() + ": " + e.getMessage());
        }
    }

    /**
     * A run folder is complete when its run.json parses and its metrics.csv has its header and at
     * least one row (a run writes both before its folder appears; a damaged copy may not have them).
     */
    static boolean isComplete(Path runDir) {
        try {
            if (!JsonFiles.read(runDir.resolve("run.json")).path("status").isTextual()) {
                return false;
            }
            byte[] head = new byte[1 << 14];
            int n;
            try (java.io.InputStream in = Files.newInputStream(runDir.resolve("metrics.csv"))) {
                n = in.readNBytes(head, 0, head.length);
            }
            int firstEnd = indexOf(head, n, 0);
            return firstEnd >= 0 && firstEnd + 1 < n && head[firstEnd + 1] != '\n';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isEmptyFolder(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static int indexOf(byte[] b, int n, int from) {
        for (int i = from; i < n; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Writes DIR/sweep.json, or checks that the folder belongs to the same sweep (seeds are merged). */
    private static void writePlan(SweepPlan plan, Path dir) throws IOException {
        Path file = dir.resolve("sweep.json");
        Set<Long> seeds = new LinkedHashSet<>();
        if (Files.exists(file)) {
            JsonNode existing = JsonFiles.read(file);
            if (!identity(existing).equals(plan.identity())) {
                throw new IllegalArgumentException("output folder " + dir + " belongs to a different sweep (its sweep.json has other"
                        + " base, grid or exclude settings); choose another --out");
            }
            if (existing.get("seeds") != null) {
                existing.get("seeds").forEach(s -> seeds.add(s.longValue()));
            }
        }
        seeds.addAll(plan.seeds());
        writePlan(plan.identity(), seeds, dir);
    }

    /** A sweep.json's identity: everything but its seeds (base, grid and exclude, as {@link SweepPlan#identity}). */
    private static ObjectNode identity(JsonNode sweepJson) {
        ObjectNode identity = sweepJson.isObject() ? ((ObjectNode) sweepJson).deepCopy() : JSON.createObjectNode();
        identity.remove("seeds");
        return identity;
    }

    /** Writes DIR/sweep.json (atomically): a sweep's identity and its seeds. */
    static void writePlan(ObjectNode identity, Set<Long> seeds, Path dir) throws IOException {
        ObjectNode out = identity.deepCopy();
        ArrayNode s = out.putArray("seeds");
        seeds.forEach(s::add);
        AtomicFiles.write(dir.resolve("sweep.json"), o -> o.write(JSON.writeValueAsBytes(out)));
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
        JsonNode node = JsonFiles.read(planFile);
        // The folder's own plan: every run it lists, however many (the limit applies to new sweeps).
        SweepPlan plan = SweepPlan.parse(node, planFile.toString(), null, SweepPlan.MAX_RUNS_LIMIT);
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(plan.varyingKeys());
        header.add("id");
        header.addAll(List.of(SUMMARY));
        csv.append(Csv.line(header)).append('\n');
        int rows = 0;
        for (SweepPlan.Point p : plan.points()) {
            Path runDir = dir.resolve(p.id());
            if (!Files.exists(runDir)) {
                continue;
            }
            if (!isComplete(runDir)) {
                LOG.warning("not in the index: " + runDir + " is incomplete (no run.json or an empty metrics.csv)");
                continue;
            }
            JsonNode r = JsonFiles.read(runDir.resolve("run.json"));
            List<String> cells = new ArrayList<>(p.varying().values());
            cells.add(p.id());
            cells.add(number(r.path("final").path("loss")));
            cells.add(number(r.path("final").path("gap")));
            cells.add(number(r.path("counts").path("bits")));
            cells.add(number(r.path("wall_s")));
            cells.add(r.path("status").asText());
            csv.append(Csv.line(cells)).append('\n');
            rows++;
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("index.csv"), o -> o.write(bytes));
        return rows;
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? n.asText() : "";
    }

}
