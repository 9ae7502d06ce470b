package org.byzmarina.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.byzmarina.experiment.Experiment;
import org.byzmarina.experiment.RunConfig;
import org.byzmarina.experiment.Sweep;
import org.byzmarina.experiment.SweepMerge;
import org.byzmarina.experiment.SweepPlan;
import org.byzmarina.io.JsonFiles;
import org.byzmarina.io.UserText;

/**
 * {@code sweep}: a grid of runs from one JSON file (base settings, grid lists, seeds), run N at a
 * time, resumable, shardable across machines; {@code sweep --merge OUT SHARD_DIR...} joins shard
 * folders; {@code sweep --index DIR} rebuilds index.csv.
 */
@Parameters(commandDescription = "Run a grid of runs from a JSON file (resumable, parallel, shardable)")
final class SweepCommand extends Command {
    @Parameter(names = "--config", description = "sweep file: {\"base\": {...}, \"grid\": {key: [values]}, \"seeds\": [...]}")
    String config;
    @Parameter(names = "--out", description = "output folder (one sub-folder per run, index.csv)")
    String out;
    @Parameter(names = "--parallel", description = "runs at a time (each single-threaded unless it sets threads)")
    int parallel = 1;
    @Parameter(names = "--shard", description = "I/N: run the I-th of N shards (1-based): runs I, I+N, I+2N, ... of the grid")
    String shard;
    @Parameter(names = "--seeds", description = "seeds replacing the file's, e.g. 0,1,2 or 0-9")
    String seeds;
    @Parameter(names = "--set", description = "KEY=VALUE overriding a base setting (repeatable), e.g. --set dataset=/data/a9a;"
            + " a key the grid sets is refused")
    List<String> set = new ArrayList<>();
    @Parameter(names = "--max-runs", description = "refuse a sweep of more runs than this (checked before any run is expanded)")
    long maxRuns = SweepPlan.DEFAULT_MAX_RUNS;
    @Parameter(names = "--index", description = "rebuild DIR/index.csv from the run folders in DIR and exit")
    String index;
    @Parameter(names = "--merge", description = "OUT SHARD_DIR...: join the folders of a sweep's shards into the new folder OUT"
            + " (runs in several shards must be identical), write its index.csv and exit")
    String merge;
    @Parameter(description = "SHARD_DIR... (with --merge)")
    List<String> shardDirs = new ArrayList<>();
    @Parameter(names = "--quiet", description = "no progress output")
    boolean quiet;


    @Override
    boolean quiet() {
        return true; // library logs stay quiet during sweeps; warnings still print
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
        try {
            if (merge != null) {
                return merge(stdout, stderr);
            }
            if (!shardDirs.isEmpty()) {
                throw new UserError("unexpected argument " + UserText.quote(shardDirs.get(0)) + "; see `sweep --help`");
            }
            if (index != null) {
                int rows = Sweep.rebuildIndex(Path.of(index));
                stdout.println("rebuilt " + Path.of(index).resolve("index.csv") + " (" + rows + " runs)");
                return Main.OK;
            }
            if (config == null || out == null) {
                throw new UserError("sweep needs --config GRID.json and --out DIR (or --index DIR, or --merge OUT SHARD_DIR...)");
            }
            if (parallel < 1) {
                throw new UserError("--parallel must be >= 1, got " + parallel);
            }
            if (maxRuns < 1 || maxRuns > SweepPlan.MAX_RUNS_LIMIT) {
                throw new UserError("--max-runs must be in [1, " + SweepPlan.MAX_RUNS_LIMIT + "], got " + maxRuns);
            }
            Path file = Path.of(config);
            SweepPlan plan = SweepPlan.parse(withOverrides(JsonFiles.read(file), file), file.toString(), parseSeeds(seeds, maxRuns),
                    maxRuns);
            int[] sh = parseShard(shard);
            List<SweepPlan.Point> points = sh == null ? plan.points() : plan.shard(sh[0], sh[1]);
            Path dir = Path.of(out);
            ProgressBar[] bar = new ProgressBar[1];
            Sweep.Outcome o = Sweep.run(plan, points, dir, parallel, (s, runDir) -> specFrom(s, file.toString(), runDir), new Sweep.Listener() {
                @Override
                public void started(int toRun, int alreadyDone) {
                    if (!quiet) {
                        stdout.printf(Locale.ROOT, "sweep: %d runs%s, %d already done, %d to run, %d at a time%n", points.size(),
                                sh == null ? "" : " in shard " + sh[0] + "/" + sh[1], alreadyDone, toRun, parallel);
                    }
                    if (ProgressBars.enabled(quiet) && toRun > 0) {
                        bar[0] = ProgressBars.builder("sweep", toRun, "runs", stderr).build();
                    }
                }

                @Override
                public synchronized void finished(SweepPlan.Point point, Experiment.Result result, Exception failure) {
                    if (bar[0] != null) {
                        bar[0].step();
                    }
                }
            });
            if (bar[0] != null) {
                bar[0].close();
            }
            if (!quiet) {
                stdout.printf(Locale.ROOT, "sweep: %d runs done, %d skipped (already complete), %d failed, in %.1f s; index: %s%n",
                        o.ran(), o.skipped(), o.failures().size(), o.wallSeconds(), dir.resolve("index.csv"));
            }
            if (!o.failures().isEmpty()) {
                throw new UserError(o.failures().size() + " run(s) failed; first: " + o.failures().get(0));
            }
            return Main.OK;
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private int merge(PrintStream stdout, PrintStream stderr) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new UserError("sweep --merge OUT needs the shard folders to join after it: sweep --merge OUT SHARD_DIR...");
        }
        if (config != null || out != null || index != null || shard != null || seeds != null || !set.isEmpty()) {
            throw new UserError("sweep --merge takes only OUT and the shard folders (and --quiet): sweep --merge OUT SHARD_DIR...");
        }
        List<Path> shards = shardDirs.stream().map(Path::of).toList();
        SweepMerge.Outcome o = SweepMerge.merge(Path.of(merge), shards);
        if (!quiet) {
            stdout.printf(Locale.ROOT, "sweep: merged %d runs from %d shard folders into %s%s; index: %s%n", o.runs(), shards.size(), merge,
                    o.duplicates() == 0 ? "" : " (" + o.duplicates() + " identical copies kept once)", Path.of(merge).resolve("index.csv"));
        }
        if (o.runs() < o.gridRuns()) {
            stderr.printf(Locale.ROOT, "warning: %d of the sweep's %d runs are in none of the shard folders (or incomplete there)%n",
                    o.gridRuns() - o.runs(), o.gridRuns());
        }
        return Main.OK;
    }

    /**
     * The sweep file with --set KEY=VALUE applied to its base (VALUE read as JSON if it parses, else as
     * a word). A key the grid sets (a grid key, or a key of one of its bundles) is refused: its base
     * value would be ignored.
     */
    private com.fasterxml.jackson.databind.JsonNode withOverrides(com.fasterxml.jackson.databind.JsonNode file, Path source) {
        if (set.isEmpty() || !file.isObject()) {
            return file;
        }
        ObjectNode copy = ((ObjectNode) file).deepCopy();
        ObjectNode base = copy.has("base") && copy.get("base").isObject() ? (ObjectNode) copy.get("base") : copy.putObject("base");
        java.util.Set<String> gridKeys = SweepPlan.gridSetKeys(file);
        for (String kv : set) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--set expects KEY=VALUE, got " + UserText.quote(kv));
            }
            if (gridKeys.contains(kv.substring(0, eq))) {
                throw new UserError("--set " + UserText.show(kv) + ": " + UserText.quote(kv.substring(0, eq)) + " is set by the grid of "
                        + source + ", which would override it; change the grid instead");
            }
            String value = kv.substring(eq + 1);
            com.fasterxml.jackson.databind.JsonNode v = JsonFiles.scalar(value);
            base.set(kv.substring(0, eq), v != null ? v : com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
        }
        return copy;
    }

    /** A run's settings (JSON keys named like the run flags) as a checked RunConfig, through the run command's parser. */
    static RunConfig specFrom(ObjectNode settings, String source, Path out) {
        List<String> args = new ArrayList<>(RunFlags.toArgs(settings, source));
        args.add("--out");
        args.add(out.toString());
        RunCommand run = new RunCommand();
        com.beust.jcommander.JCommander jc = Main.parser().allowParameterOverwriting(true).addObject(run).build();
        run.attachSettings(jc);
        jc.parse(args.toArray(new String[0]));
        return run.config();
    }

    /**
     * "0,1,2" or "0-9" (or a mix, "0-2,7"). The seeds are counted before any is listed, and more than
     * {@code maxRuns} (a sweep has at least one run per seed) are refused.
     */
    static List<Long> parseSeeds(String s, long maxRuns) {
        if (s == null) {
            return null;
        }
        List<long[]> ranges = new ArrayList<>();
        java.math.BigInteger count = java.math.BigInteger.ZERO;
        try {
            for (String part : s.split(",", -1)) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                long lo = Long.parseLong(dash > 0 ? p.substring(0, dash).trim() : p);
                long hi = dash > 0 ? Long.parseLong(p.substring(dash + 1).trim()) : lo;
                if (hi < lo) {
                    throw new NumberFormatException();
                }
                ranges.add(new long[] {lo, hi});
                count = count.add(java.math.BigInteger.valueOf(hi).subtract(java.math.BigInteger.valueOf(lo)).add(java.math.BigInteger.ONE));
            }
        } catch (NumberFormatException e) {
            throw new UserError("--seeds expects integers and ranges from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE
                    + " such as 0,1,2 or 0-9, got " + UserText.quote(s));
        }
        if (count.compareTo(java.math.BigInteger.valueOf(maxRuns)) > 0) {
            throw new UserError("--seeds " + UserText.show(s) + " lists " + count + " seeds, more than the limit of " + maxRuns
                    + " runs; list fewer seeds or raise the limit with --max-runs");
        }
        List<Long> seeds = new ArrayList<>();
        for (long[] r : ranges) {
            for (long v = r[0]; ; v++) {
                seeds.add(v);
                if (v == r[1]) {
                    break;
                }
            }
        }
        return seeds;
    }

    /** "I/N" with 1 <= I <= N, or null. */
    static int[] parseShard(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserError("--shard expects I/N with 1 <= I <= N (e.g. 3/8), got " + UserText.quote(s));
    }
}
