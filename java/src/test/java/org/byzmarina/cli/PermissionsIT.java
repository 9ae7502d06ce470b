package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.byzmarina.io.Umask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: results are created like ordinary files, with the umask's permissions (umask 022: folders
 * 0755, files 0644), not the 0700/0600 of temporary files. The JVM cannot change its own umask, so
 * each command runs in a shell that sets it.
 */
class PermissionsIT {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"022", "027"})
    void everyFolderAndFileFollowsTheUmask(String umask) throws Exception {
        String shell = "umask " + umask;
        int mask = Integer.parseInt(umask, 8);
        Path run = work.resolve("run");
        assertEquals(0, Jar.run(work, shell, "run", "--rounds", "3", "--quiet", "--dim", "6", "--samples-per-client", "20",
                "--out", run.toString()).code());
        Path grid = work.resolve("g.json");
        Files.writeString(grid, "{\"base\": {\"clients\": 6, \"byzantine\": 1, \"sampled\": 4, \"dim\": 4, \"samples-per-client\": 10,"
                + " \"rounds\": 3}, \"grid\": {\"step\": [0.1, 0.2]}}");
        Path sweep = work.resolve("sweep");
        assertEquals(0, Jar.run(work, shell, "sweep", "--config", grid.toString(), "--out", sweep.toString(), "--quiet").code());
        assertEquals(0, Jar.run(work, shell, "sweep", "--index", sweep.toString()).code());
        assertEquals(0, Jar.run(work, shell, "plot", sweep.toString(), "--y", "loss", "--out", sweep.resolve("fig.png").toString()).code());
        assertEquals(0, Jar.run(work, shell, "aggregate", "--random", "4x4", "--out", work.resolve("agg.npy").toString(), "--quiet").code());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(work) || p.equals(grid) || p.getFileName().toString().startsWith(".std")) {
                    continue;
                }
                int expected = (Files.isDirectory(p) ? 0777 : 0666) & ~mask;
                if (Umask.mode(p) != expected) {
                    wrong.add(work.relativize(p) + " is " + Umask.octal(Umask.mode(p)) + ", expected " + Umask.octal(expected));
                }
                checked++;
            }
        }
        assertEquals(List.of(), wrong, "with umask " + umask);
        assertTrue(checked >= 12, "run folder, metrics.csv, run.json, sweep folder, sweep.json, index.csv, 2 run folders, fig.png, agg.npy ...: "
                + checked);
    }
}
