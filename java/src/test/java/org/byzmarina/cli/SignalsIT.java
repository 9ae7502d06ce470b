package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a run stopped by SIGTERM or SIGINT removes its temporary folder and exits with 143 or 130;
 * a run killed by SIGKILL cannot, and the next run of the same --out removes what it left. Each test
 * waits for the run's temporary folder by polling the file system (no fixed sleeps), and the runs are
 * far too long to end on their own first.
 */
class SignalsIT {
    @TempDir
    Path work;

    static final String[] LONG_RUN = {"run", "--quiet", "--dim", "6", "--samples-per-client", "20", "--rounds", "1000000000",
        "--eval-every", "1000000"};

    Process startLongRun(Path out) throws Exception {
        String[] args = java.util.Arrays.copyOf(LONG_RUN, LONG_RUN.length + 2);
        args[LONG_RUN.length] = "--out";
        args[LONG_RUN.length + 1] = out.toString();
        Process p = Jar.start(work, null, args);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (tempFolders(out).isEmpty()) {
            assertTrue(p.isAlive(), "the run ended early: " + Files.readString(work.resolve(".stderr")));
            assertTrue(System.nanoTime() < deadline, "no temporary folder after 3 minutes");
            Thread.sleep(20);
        }
        return p;
    }

    List<String> tempFolders(Path out) throws Exception {
        return Jar.list(work).stream().filter(n -> n.startsWith("." + out.getFileName() + ".tmp-")).toList();
    }

    /** True if the signal is ignored in the process (a shell starting jobs in the background ignores SIGINT; the JVM keeps it so). */
    static boolean ignores(Process p, int signal) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void sigtermRemovesTheTemporaryFolderAndExits143() throws Exception {
        Path out = work.resolve("run");
        Process p = startLongRun(out);
        assumeFalse(ignores(p, 15), "SIGTERM is ignored in this environment");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(143, p.exitValue());
        assertEquals(List.of(), tempFolders(out));
        assertFalse(Files.exists(out));
    }

    @Test
    void sigintRemovesTheTemporaryFolderAndExits130() throws Exception {
        Path out = work.resolve("run");
        Process p = startLongRun(out);
        boolean ignored = ignores(p, 2);
        if (ignored) {
            p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        assumeFalse(ignored, "SIGINT is ignored in this environment (started in the background by a shell)");
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(130, p.exitValue());
        assertEquals(List.of(), tempFolders(out));
        assertFalse(Files.exists(out));
    }

    @Test
    void theNextRunRemovesWhatAKilledRunLeft() throws Exception {
        Path out = work.resolve("run");
        Process p = startLongRun(out);
        p.destroyForcibly(); // SIGKILL: no clean-up possible
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, tempFolders(out).size(), "SIGKILL leaves the temporary folder");
        Jar.Result r = Jar.run(work, null, "run", "--quiet", "--dim", "6", "--samples-per-client", "20", "--rounds", "2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), tempFolders(out), "the leftovers of the killed run are gone");
        assertTrue(Files.isRegularFile(out.resolve("run.json")));
    }
}
