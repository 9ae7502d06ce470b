package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./byzmarina launcher the README tells users to run: it starts the packaged jar with the
 * class-data-sharing archive `mvn package` made. Under -Xshare:on a JVM refuses to start unless the
 * archive maps, so a run that succeeds and loads the CLI's classes from the archive proves the
 * archive matches this jar and JVM. Checked through class-loading logs, never through timing.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private ProcessResult launch(String javaOpts, String... args) throws IOException, InterruptedException {
        Path launcher = Jar.path().getParent().getParent().getParent().resolve("byzmarina");
        assertTrue(Files.isExecutable(launcher), "launcher not found at " + launcher);
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("BYZMARINA_JAVA_OPTS", javaOpts);
        Path out = dir.resolve(".out");
        Path err = dir.resolve(".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record ProcessResult(int code, String out, String err) {
    }

    @Test
    void aRunLoadsItsClassesFromTheArchive() throws Exception {
        ProcessResult r = launch("-Xshare:on -Xlog:class+load", "run", "--rounds", "3", "--quiet", "--out", dir.resolve("r").toString());
        assertEquals(0, r.code(), r.err());
        for (String cls : List.of("org.byzmarina.cli.Main", "org.byzmarina.cli.RunCommand", "org.byzmarina.registry.Registry",
                "org.byzmarina.protocol.Simulation", "com.fasterxml.jackson.databind.ObjectMapper")) {
            assertTrue(r.out().contains(cls + " source: shared objects file (top)"), cls + " was not loaded from the archive");
        }
        assertTrue(Files.isRegularFile(dir.resolve("r").resolve("run.json")));
    }

    @Test
    void itPassesArgumentsAndExitCodesThrough() throws Exception {
        ProcessResult r = launch("", "run", "--rounds", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("-1"), r.err());
        assertEquals("", r.out());
        ProcessResult v = launch("", "--version");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith("byzmarina "), v.out());
        assertEquals("", v.err());
    }
}
