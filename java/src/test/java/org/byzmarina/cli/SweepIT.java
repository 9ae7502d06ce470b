package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.byzmarina.experiment.SweepTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed mid-way (a real subprocess, SIGKILL) resumes without redoing finished runs. The kill
 * comes once two runs are complete, whatever the machine's speed; only what holds wherever it lands
 * is asserted: complete runs are kept as they are, no leftovers stay, the end is the same.
 */
class SweepIT {
    @TempDir
    Path work;

    static final String GRID = "{\"base\": {\"clients\": 10, \"byzantine\": 2, \"sampled\": 6, \"dim\": 40, "
            + "\"samples-per-client\": 400, \"batch\": 8, \"rounds\": 15000, \"eval-every\": 2500, \"step\": 0.5}, "
            + "\"grid\": {\"aggregator\": [\"cm\", \"cwtm\"], \"clip\": [1.0, \"none\"]}, \"seeds\": [1, 2]}";

    Process start(Path grid, Path out) throws Exception {
        Path jar = Path.of(System.getProperty("byzmarina.jar", "target/byzmarina.jar")).toAbsolutePath();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "sweep", "--config", grid.toString(), "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(work.resolve("log-" + out.getFileName() + ".txt").toFile()).start();
    }

    static List<Path> finishedRuns(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            // Not the temporary folders (".ID.tmp-..."): a run writes its run.json there last, just before the rename.
            return s.filter(p -> !p.getFileName().toString().startsWith(".") && Files.exists(p.resolve("run.json")))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void aKilledSweepResumesAndEndsLikeAnUninterruptedOne() throws Exception {
        Path grid = work.resolve("grid.json");
        Files.writeString(grid, GRID);
        Path out = work.resolve("killed");
        Process p = start(grid, out);
        // Two runs complete, then SIGKILL wherever the sweep is (usually inside its third run; if a
        // fast machine finished more, or all 8, the checks below hold all the same).
        while (finishedRuns(out).size() < 2 && p.isAlive()) {
            Thread.sleep(20);
        }
        p.destroyForcibly();
        p.waitFor();
        List<Path> done = finishedRuns(out);
        assertTrue(done.size() >= 2, "the sweep ended before two runs were done: " + Files.readString(work.resolve("log-killed.txt")));
        Map<Path, FileTime> stamps = new HashMap<>();
        for (Path run : done) {
            stamps.put(run, Files.getLastModifiedTime(run.resolve("metrics.csv")));
            assertTrue(Files.size(run.resolve("metrics.csv")) > 0);
        }
        Process resumed = start(grid, out);
        assertTrue(resumed.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, resumed.exitValue(), Files.readString(work.resolve("log-killed.txt")));
        for (Map.Entry<Path, FileTime> e : stamps.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(e.getKey().resolve("metrics.csv")), "redone: " + e.getKey());
        }
        try (Stream<Path> s = Files.list(out)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "no leftovers of the killed run");
        }
        Path clean = work.resolve("clean");
        Process uninterrupted = start(grid, clean);
        assertTrue(uninterrupted.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, uninterrupted.exitValue());
        assertEquals(SweepTest.withoutWallTime(clean.resolve("index.csv")), SweepTest.withoutWallTime(out.resolve("index.csv")));
    }
}
