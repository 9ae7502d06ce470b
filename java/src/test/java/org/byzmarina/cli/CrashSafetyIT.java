package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run` and `sweep` killed (SIGKILL, a real subprocess) at random moments never leave a file that a
 * later read would take as complete: an output folder either does not exist or holds a finished
 * run.json and a metrics.csv that reaches the last round; index.csv always parses. The tests assert
 * only these invariants, never what a kill at a given time should have hit (machines differ in speed).
 */
class CrashSafetyIT {
    @TempDir
    Path work;

    static final String[] RUN = {"run", "--quiet", "--clients", "10", "--byzantine", "2", "--sampled", "6", "--dim", "60",
        "--samples-per-client", "500", "--batch", "16", "--rounds", "40000", "--eval-every", "4000"};

    Process start(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("byzmarina.jar", "target/byzmarina.jar")).toAbsolutePath();
        String[] cmd = new String[args.length + 3];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd[1] = "-jar";
        cmd[2] = jar.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void assertCompleteOrAbsent(Path out) throws Exception {
        if (!Files.exists(out)) {
            return;
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        String status = json.path("status").asText();
        assertTrue(status.equals("done") || status.equals("diverged"), out + ": status " + status);
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        String last = csv.get(csv.size() - 1);
        assertEquals(json.path("rounds_completed").asLong(), Long.parseLong(last.substring(0, last.indexOf(','))),
                out + ": metrics.csv must reach the last round");
    }

    /** Waits (polling, up to 2 minutes) until the process has written something for out, or has ended. */
    static void awaitOutputStarted(Process p, Path out) throws Exception {
        Path dir = out.getParent();
        String name = out.getFileName().toString();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                return;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.anyMatch(e -> e.getFileName().toString().startsWith("." + name + ".tmp-"))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    /**
     * Kills runs at random moments once they have begun writing. A kill can come before, during or
     * after the writing (the machine's speed decides), so only the invariant is asserted: the output
     * folder is complete or absent.
     */
    @Test
    void killedRunsLeaveNothingThatLooksComplete() throws Exception {
        Random random = new Random(20261128);
        for (int trial = 0; trial < 6; trial++) {
            Path out = work.resolve("run" + trial);
            String[] args = java.util.Arrays.copyOf(RUN, RUN.length + 2);
            args[RUN.length] = "--out";
            args[RUN.length + 1] = out.toString();
            Process p = start(args);
            awaitOutputStarted(p, out);
            Thread.sleep(random.nextInt(1500)); // where the kill lands is random; nothing asserted depends on it
            p.destroyForcibly();
            p.waitFor(); // SIGKILL cannot be ignored: the process is gone before anything is checked
            assertCompleteOrAbsent(out);
        }
    }

    @Test
    void killedSweepsLeaveOnlyCompleteRunsAndAReadableIndex() throws Exception {
        Path grid = work.resolve("grid.json");
        Files.writeString(grid, "{\"base\": {\"clients\": 10, \"byzantine\": 2, \"sampled\": 6, \"dim\": 40, \"samples-per-client\": 300,"
                + " \"batch\": 8, \"rounds\": 6000, \"eval-every\": 1000}, \"grid\": {\"step\": [0.1, 0.2, 0.3, 0.4]}, \"seeds\": [1, 2]}");
        Random random = new Random(7);
        Path out = work.resolve("sweep");
        for (int trial = 0; trial < 4; trial++) {
            Process p = start("sweep", "--config", grid.toString(), "--out", out.toString(), "--parallel", "2", "--quiet");
            Thread.sleep(300 + random.nextInt(1500)); // where the kill lands is random; nothing asserted depends on it
            p.destroyForcibly();
            p.waitFor();
            if (!Files.exists(out)) {
                continue; // killed before it made its folder (a slow start): nothing to check
            }
            // Killed while it made its folder, ran, or wrote the index: temporary folders (dot names)
            // may stay; every run folder is complete and index.csv, if there, is whole.
            try (Stream<Path> runs = Files.list(out)) {
                for (Path run : runs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                        .collect(Collectors.toList())) {
                    assertCompleteOrAbsent(run);
                }
            }
            if (Files.exists(out.resolve("index.csv"))) {
                List<String> index = Files.readAllLines(out.resolve("index.csv"));
                assertTrue(index.get(0).startsWith("step,seed,id,"), index.get(0));
                for (String row : index.subList(1, index.size())) { // a run in the index is complete
                    Path run = out.resolve(row.split(",")[2]);
                    assertTrue(Files.isDirectory(run), row);
                    assertCompleteOrAbsent(run);
                }
            }
        }
        Process finish = start("sweep", "--config", grid.toString(), "--out", out.toString(), "--parallel", "2", "--quiet");
        assertTrue(finish.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, finish.exitValue());
        assertEquals(9, Files.readAllLines(out.resolve("index.csv")).size());
    }
}
