package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.byzmarina.experiment.SweepTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a sweep submitted to a real Slurm cluster with examples/slurm/submit-sweep.sh (a job
 * array of shards, then a merge job that waits for them with afterok; both run the checkout's
 * ./byzmarina launcher) ends with the same index.csv as the same sweep run locally (wall times aside).
 *
 * <p>Runs when {@code sbatch} is on the PATH and a Slurm controller answers; skipped with a message
 * otherwise ({@code examples/slurm/local-cluster.sh} starts a one-node cluster). The jobs write into
 * this test's temporary folder, so on a cluster of several nodes give the test a shared one with
 * {@code -Djava.io.tmpdir}. Nothing here depends on timing: the test polls squeue until the jobs have
 * left the queue, with a deadline only against a cluster that never runs them.
 */
class SlurmIT {
    @TempDir
    Path work;

    /**
     * 2 lengths × 3 aggregators × 2 seeds = 12 short synthetic runs. The key that sets the length comes
     * first, as the README advises, so that each shard gets short and long runs.
     */
    static final String GRID = "{\"base\": {\"clients\": 10, \"byzantine\": 2, \"sampled\": 6, \"dim\": 12, "
            + "\"samples-per-client\": 40, \"batch\": 8, \"eval-every\": 20, \"step\": 0.5}, "
            + "\"grid\": {\"rounds\": [40, 400], \"aggregator\": [\"cm\", \"cwtm\", \"rfa\"]}, \"seeds\": [1, 2]}";
    static final int SHARDS = 4;
    static final long DEADLINE_MINUTES = 30;

    record Output(int code, String text) {
    }

    /** Runs a command in the test's folder and returns its exit code and output (stdout and stderr). */
    Output exec(List<String> cmd, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().remove("BYZMARINA"); // the scripts' default: this checkout's launcher
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Path log = Files.createTempFile(work, ".exec", ".txt");
        Process p = pb.redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "did not end in 10 minutes: " + cmd);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Output(p.exitValue(), text);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Path examples() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("examples").resolve("slurm");
    }

    @Test
    void aSweepOnSlurmMergesIntoTheLocalSweepsIndex() throws Exception {
        assumeTrue(onPath("sbatch"), "sbatch is not on the PATH: the Slurm test needs a Slurm cluster"
                + " (sudo examples/slurm/local-cluster.sh makes a one-node one on Debian)");
        Output ping = exec(List.of("scontrol", "ping"));
        assumeTrue(ping.code() == 0 && ping.text().contains("UP"), "sbatch is on the PATH but no Slurm controller answers"
                + " (scontrol ping: " + ping.text().strip().lines().findFirst().orElse("") + "); start one, e.g. with sudo examples/slurm/local-cluster.sh");
        Path grid = work.resolve("grid.json");
        Files.writeString(grid, GRID);
        Path out = work.resolve("merged");
        assertEquals(examples().getParent().getParent().resolve("java/target/byzmarina.jar").normalize(), Jar.path().normalize(),
                "the scripts run this checkout's launcher, which runs its java/target/byzmarina.jar");
        Output submit = exec(List.of(examples().resolve("submit-sweep.sh").toString(), Integer.toString(SHARDS), grid.toString(),
                out.toString()), "JAVA_HOME", System.getProperty("java.home"), "SBATCH_FLAGS", "--cpus-per-task=1");
        assertEquals(0, submit.code(), submit.text());
        String[] ids = submit.text().strip().split("\\s+");
        assertEquals(2, ids.length, "expected 'ARRAY_ID MERGE_ID', got: " + submit.text());
        System.out.println("SlurmIT: submitted the array " + ids[0] + " (" + SHARDS + " shards) and the merge job " + ids[1]);

        long start = System.nanoTime();
        awaitLeftQueue(ids);
        System.out.printf("SlurmIT: the jobs left the queue after %.1f s%n", (System.nanoTime() - start) / 1e9);
        StringBuilder states = new StringBuilder(); // Slurm forgets ended jobs after MinJobAge (5 minutes by default)
        for (String id : ids) {
            for (String line : exec(List.of("scontrol", "-o", "show", "job", id)).text().strip().split("\n")) {
                states.append(line).append('\n');
                String task = field(line, "ArrayTaskId");
                System.out.println("SlurmIT: job " + field(line, "JobId") + " (" + field(line, "JobName")
                        + (task.equals("?") ? "" : ", array task " + task) + "): " + field(line, "JobState") + ", exit code "
                        + field(line, "ExitCode") + ", ran " + field(line, "RunTime"));
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("index.csv")), "no merged index; job states:\n" + states + "\n" + logs());
        System.out.print(logs());

        for (int i = 1; i <= SHARDS; i++) { // interleaved: 12 runs over 4 shards, 3 each, short and long ones in each
            List<String> runs = Jar.list(work.resolve("merged.shards").resolve("shard-" + i + "-of-" + SHARDS)).stream()
                    .filter(n -> n.startsWith("rounds-")).toList();
            System.out.println("SlurmIT: shard " + i + ": " + runs);
            assertEquals(3, runs.size(), "runs in shard " + i + ": " + runs);
            assertTrue(runs.stream().anyMatch(n -> n.startsWith("rounds-40_")) && runs.stream().anyMatch(n -> n.startsWith("rounds-400_")),
                    "shard " + i + " has runs of one length only: " + runs);
        }
        Jar.Result local = Jar.run(work, null, "sweep", "--config", grid.toString(), "--out", work.resolve("local").toString(),
                "--parallel", "2", "--quiet");
        assertEquals(0, local.code(), local.err());
        List<String> merged = SweepTest.withoutWallTime(out.resolve("index.csv"));
        assertEquals(13, merged.size(), String.join("\n", merged));
        assertEquals(SweepTest.withoutWallTime(work.resolve("local").resolve("index.csv")), merged);
        System.out.println("SlurmIT: the merged index (12 runs) equals the local sweep's, wall_s aside:");
        Files.readAllLines(out.resolve("index.csv")).forEach(l -> System.out.println("  " + l));
    }

    /** Polls squeue once a second until none of the jobs is pending or running; cancels them at the deadline. */
    void awaitLeftQueue(String[] ids) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(DEADLINE_MINUTES);
        List<String> squeue = List.of("squeue", "-h", "-o", "%i %T %R", "-j", ids[0] + "," + ids[1]);
        while (true) {
            Output q = exec(squeue);
            // Once the jobs have ended and been forgotten, squeue refuses their ids ("Invalid job id").
            if (q.text().isBlank() || (q.code() != 0 && q.text().contains("Invalid job id"))) {
                return;
            }
            if (q.code() != 0 && !q.text().contains("Invalid job id")) {
                fail("squeue failed: " + q.text());
            }
            if (System.nanoTime() > deadline) {
                exec(List.of("scancel", ids[0], ids[1]));
                fail("the jobs were still queued after " + DEADLINE_MINUTES + " minutes (is the node up? sinfo):\n" + q.text() + logs());
            }
            Thread.sleep(1000);
        }
    }

    /** The jobs' log files (slurm-*.out in the submit folder). */
    String logs() throws Exception {
        StringBuilder sb = new StringBuilder();
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(work)) {
            s.filter(p -> p.getFileName().toString().startsWith("slurm-")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            sb.append("--- ").append(f.getFileName()).append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "?";
    }
}
