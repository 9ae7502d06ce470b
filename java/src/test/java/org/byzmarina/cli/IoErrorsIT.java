package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a full disk or a read-only target in run, aggregate and plot ends with exit code 2, one
 * line naming the path, and no partial output. A full disk is simulated with the shell's file-size
 * limit (`ulimit -f`: writes past it fail with EFBIG; the JVM ignores SIGXFSZ), which works the same
 * for root; a read-only target is /sys, where no user, root included, may create a file.
 */
class IoErrorsIT {
    @TempDir
    Path work;

    /** 8 blocks: far less than a metrics.csv of 2000 rows, a 400 kB .npy or a PNG figure. */
    static final String FULL_DISK = "ulimit -f 8";

    /** This class's own JavaCPP cache: see {@link #extractTheNativeLibrariesFirst}. */
    static List<String> jvm;

    /**
     * JavaCPP extracts its libraries into a cache folder on first use, and again whenever the jar it
     * finds there came from another build: that must not happen under the size limit. The shared
     * ~/.javacpp/cache holds the libraries of whichever byzmarina.jar ran last (another checkout's,
     * say), so these tests use a cache of their own, filled here without a limit.
     */
    @BeforeAll
    static void extractTheNativeLibrariesFirst(@TempDir Path dir) throws Exception {
        jvm = List.of("-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("javacpp-cache"));
        Jar.Result r = Jar.run(dir, null, jvm, "aggregate", "--random", "2x2", "--quiet");
        assertEquals(0, r.code(), r.err());
    }

    static Jar.Result jar(Path dir, String shell, String... args) throws Exception {
        return Jar.run(dir, shell, jvm, args);
    }

    static void assertOneLineNaming(Jar.Result r, String prefix) {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err());
        List<String> lines = r.err().strip().lines().filter(l -> !l.startsWith("[byzmarina]")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("error: " + prefix), "expected '" + prefix + "...': " + r.err());
    }

    @Test
    void runOnAFullDisk() throws Exception {
        Path out = work.resolve("run");
        Jar.Result r = jar(work, FULL_DISK, "run", "--rounds", "2000", "--eval-every", "1", "--quiet", "--out", out.toString());
        assertOneLineNaming(r, "cannot write " + out + ": File too large");
        assertEquals(List.of(), Jar.list(work), "no output folder and no temporary folder");
    }

    @Test
    void aggregateOnAFullDisk() throws Exception {
        Jar.Result r = jar(work, FULL_DISK, "aggregate", "--random", "8x100000", "--out", "agg.npy", "--quiet");
        assertOneLineNaming(r, "cannot write agg.npy: File too large");
        assertEquals(List.of(), Jar.list(work), "no output file and no temporary file");
    }

    /** A small finished sweep in work/sweep, to plot. */
    Path sweep() throws Exception {
        Path sweep = work.resolve("sweep");
        Path grid = work.resolve("g.json");
        Files.writeString(grid, "{\"base\": {\"clients\": 6, \"byzantine\": 1, \"sampled\": 4, \"dim\": 4, \"samples-per-client\": 10,"
                + " \"rounds\": 20}, \"grid\": {\"step\": [0.1, 0.2]}}");
        assertEquals(0, Jar.run(work, null, "sweep", "--config", grid.toString(), "--out", sweep.toString(), "--quiet").code());
        return sweep;
    }

    @Test
    void plotOnAFullDisk() throws Exception {
        Path sweep = sweep();
        List<String> before = Jar.list(sweep);
        Jar.Result r = jar(work, FULL_DISK, "plot", sweep.toString(), "--y", "loss", "--out", sweep.resolve("fig.png").toString());
        assertOneLineNaming(r, "cannot write " + sweep.resolve("fig.png") + ": ");
        assertEquals(before, Jar.list(sweep), "no figure and no temporary file");
    }

    @Test
    void readOnlyTargets() throws Exception {
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys), "no /sys (not Linux?): no folder where even root cannot create a file");
        Jar.Result run = Jar.run(work, null, "run", "--rounds", "1", "--quiet", "--out", "/sys/byzmarina-run");
        assertOneLineNaming(run, "cannot write /sys/byzmarina-run: ");
        Jar.Result agg = Jar.run(work, null, "aggregate", "--random", "4x4", "--quiet", "--out", "/sys/byzmarina.npy");
        assertOneLineNaming(agg, "cannot write /sys/byzmarina.npy: ");
        Jar.Result plot = Jar.run(work, null, "plot", sweep().toString(), "--y", "loss", "--out", "/sys/byzmarina.png");
        assertOneLineNaming(plot, "cannot write /sys/byzmarina.png: ");
        assertTrue(!Files.exists(Path.of("/sys/byzmarina-run")) && !Files.exists(Path.of("/sys/byzmarina.npy"))
                && !Files.exists(Path.of("/sys/byzmarina.png")));
    }
}
