package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.byzmarina.io.AtomicFiles;
import org.byzmarina.io.JsonFiles;
import org.byzmarina.io.TempFolders;

/**
 * Joins the folders of a sweep's shards ({@code sweep --shard I/N}, one per Slurm array task, say)
 * into one sweep folder, as if the whole grid had run there.
 * <ul>
 *   <li>Every shard must belong to the same sweep (equal base, grid and exclude in its sweep.json);
 *       the merged sweep.json lists the union of their seeds.</li>
 *   <li>A run found in several shards must be identical in all of them (same files, same bytes): a
 *       copy. Copies that differ are refused, all named in one message, before anything is written.</li>
 *   <li>Incomplete run folders, temporary folders of interrupted runs, and folders that are not runs
 *       of the sweep are left out (with a warning for the first and the last).</li>
 *   <li>Atomic: the result is built in a temporary folder beside OUT and renamed to OUT at the end, so
 *       OUT is either absent or complete; OUT must not exist yet (or be an empty folder).</li>
 * </ul>
 */
public final class SweepMerge {
    private static final Logger LOG = Logger.getLogger(SweepMerge.class.getName());
    private static final int NAMED_CONFLICTS = 5;

    /** What a merge did: runs in OUT, runs of the grid, runs also found in another shard, incomplete copies left out. */
    public record Outcome(int runs, int gridRuns, int duplicates, int incomplete) {
    }

    private SweepMerge() {
    }

    /**
     * Merges the shard folders into out.
     *
     * @throws IllegalArgumentException naming the problem: out exists, a shard is not a sweep folder,
     *                                  shards of different sweeps, or runs whose copies differ
     * @throws IOException              "cannot write OUT: reason" (nothing is left behind)
     */
    public static Outcome merge(Path out, List<Path> shards) throws IOException {
        checkOut(out);
        SweepPlan first = null;
        Path firstShard = null;
        Set<Long> seeds = new LinkedHashSet<>();
        for (Path shard : shards) {
            SweepPlan plan = readPlan(shard);
            if (first == null) {
                first = plan;
                firstShard = shard;
            } else if (!plan.identity().equals(first.identity())) {
                throw new IllegalArgumentException(shard + " and " + firstShard + " belong to different sweeps (their sweep.json"
                        + " have other base, grid or exclude settings); merge the shards of one sweep at a time");
            }
            seeds.addAll(plan.seeds());
        }
        ObjectNode identity = first.identity();
        ObjectNode file = identity.deepCopy();
        seeds.forEach(file.putArray("seeds")::add);
        SweepPlan plan = SweepPlan.parse(file, firstShard.resolve("sweep.json").toString(), null, SweepPlan.MAX_RUNS_LIMIT);

        Map<String, List<Path>> found = runFolders(shards);
        List<Path> chosen = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        int duplicates = 0;
        int incomplete = 0;
        for (SweepPlan.Point p : plan.points()) {
            List<Path> copies = found.remove(p.id());
            if (copies == null) {
                continue;
            }
            List<Path> complete = new ArrayList<>();
            for (Path c : copies) {
                if (Sweep.isComplete(c)) {
                    complete.add(c);
                } else {
                    incomplete++;
                    LOG.warning("left out: " + c + " is incomplete (no run.json or an empty metrics.csv)");
                }
            }
            if (complete.isEmpty()) {
                continue;
            }
            for (Path c : complete.subList(1, complete.size())) {
                String difference = difference(complete.get(0), c);
                if (difference != null) {
                    conflicts.add(p.id() + " (" + complete.get(0).getParent() + " and " + c.getParent() + ": " + difference + ")");
                } else {
                    duplicates++;
                }
            }
            chosen.add(complete.get(0));
        }
        for (List<Path> others : found.values()) {
            others.forEach(o -> LOG.warning("left out: " + o + " is not a run of this sweep"));
        }
        if (!conflicts.isEmpty()) {
            String named = String.join("; ", conflicts.subList(0, Math.min(NAMED_CONFLICTS, conflicts.size())));
            throw new IllegalArgumentException(conflicts.size() + " run(s) have copies that differ: " + named
                    + (conflicts.size() > NAMED_CONFLICTS ? "; and " + (conflicts.size() - NAMED_CONFLICTS) + " more" : "")
                    + "; keep one copy of each and merge again");
        }
        write(out, identity, seeds, chosen);
        return new Outcome(chosen.size(), plan.points().size(), duplicates, incomplete);
    }

    private static void checkOut(Path out) throws IOException {
        if (Files.exists(out)) {
            boolean empty = false;
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
            }
            if (!empty) {
                throw new IllegalArgumentException(out + " already exists; merge into a new folder");
            }
        }
    }

    private static SweepPlan readPlan(Path shard) throws IOException {
        Path file = shard.resolve("sweep.json");
        if (!Files.isDirectory(shard)) {
            throw new IllegalArgumentException(shard + " is not a sweep folder (" + (Files.exists(shard) ? "not a folder" : "it does not exist")
                    + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(shard + " is not a sweep folder (no sweep.json)");
        }
        return SweepPlan.parse(JsonFiles.read(file), file.toString(), null, SweepPlan.MAX_RUNS_LIMIT);
    }

    /** Run folder name to its copies, in the order the shards were given (temporary folders excluded). */
    private static Map<String, List<Path>> runFolders(List<Path> shards) throws IOException {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        for (Path shard : shards) {
            try (Stream<Path> entries = Files.list(shard)) {
                for (Path p : entries.filter(Files::isDirectory).sorted().collect(Collectors.toList())) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith(".")) {
                        found.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
        return found;
    }

    /** Null if the two folders hold the same files with the same bytes, else what differs. */
    static String difference(Path a, Path b) throws IOException {
        List<Path> filesA = files(a);
        List<Path> filesB = files(b);
        if (!filesA.equals(filesB)) {
            Set<Path> onlyA = new LinkedHashSet<>(filesA);
            filesB.forEach(onlyA::remove);
            Set<Path> onlyB = new LinkedHashSet<>(filesB);
            filesA.forEach(onlyB::remove);
            return onlyA.isEmpty() ? "only the second has " + onlyB.iterator().next() : "only the first has " + onlyA.iterator().next();
        }
        for (Path f : filesA) {
            if (Files.mismatch(a.resolve(f), b.resolve(f)) != -1) {
                return f + " differs";
            }
        }
        return null;
    }

    /** The regular files under dir, relative to it, sorted. */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().collect(Collectors.toList());
        }
    }

    /** Copies the runs, sweep.json and a new index.csv into a temporary folder, then renames it to out. */
    private static void write(Path out, ObjectNode identity, Set<Long> seeds, List<Path> runs) throws IOException {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(out, e);
        }
        TempFolders.removeStale(out); // what a killed merge into the same OUT left
        Path tmp = TempFolders.create(out);
        try {
            for (Path run : runs) {
                copyTree(run, tmp.resolve(run.getFileName().toString()));
            }
            Sweep.writePlan(identity, seeds, tmp);
            Sweep.rebuildIndex(tmp);
            TempFolders.commit(tmp, out);
        } catch (IOException e) {
            TempFolders.discard(tmp);
            throw AtomicFiles.cannotWrite(out, e);
        } catch (RuntimeException | Error e) {
            TempFolders.discard(tmp);
            throw e;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
