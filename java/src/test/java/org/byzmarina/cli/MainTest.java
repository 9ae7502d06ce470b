package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.byzmarina.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process: exit codes and one-line messages. End-to-end runs of the jar are in AggregateIT. */
class MainTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertUserError(Result r, String fragment) {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err());
        assertTrue(r.err().contains(fragment), "stderr should mention '" + fragment + "': " + r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error:")).count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** This jar has no networks: --model says which jar has them. */
    @Test
    void modelPointsToTheNnJar() {
        assertUserError(run("run", "--model", "cnn", "--out", dir.resolve("o").toString()), "nn/target/byzmarina-nn.jar");
    }

    @Test
    void helpListsTheAggregateCommand() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("aggregate"), r.out());
    }

    @Test
    void aggregatesAnNpyFileWithBothBackendsIdentically() throws IOException {
        Path in = dir.resolve("x.npy");
        float[] data = new float[5 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 7) % 11 - 5;
        }
        data[4] = Float.NaN;
        Npy.writeMatrix(in, data, 5, 3);
        Path outJava = dir.resolve("java.npy");
        Path outNative = dir.resolve("native.npy");
        Result a = run("aggregate", "--rule", "cwtm", "--byzantine", "1", "--in", in.toString(), "--out", outJava.toString(),
                "--backend", "java", "--quiet");
        Result b = run("aggregate", "--rule", "cwtm", "--byzantine", "1", "--in", in.toString(), "--out", outNative.toString(),
                "--backend", "native", "--quiet");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(a.out().contains("1 row(s) with NaN/Inf"), a.out());
        byte[] ja = Files.readAllBytes(outJava);
        byte[] na = Files.readAllBytes(outNative);
        assertTrue(java.util.Arrays.equals(ja, na), "java and native outputs must be byte-identical");
    }

    @Test
    void configFileSettingsYieldToFlagsIncludingBooleanFlags() throws IOException {
        Path config = dir.resolve("c.json");
        Files.writeString(config, "{\"dry-run\": true, \"dim\": 7, \"samples-per-client\": 30, \"nnm\": true}");
        Path out = dir.resolve("never");
        Result r = run("run", "--config", config.toString(), "--dry-run", "--dim", "5", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"dim\" : 5"), "the flag wins: " + r.out());
        assertTrue(r.out().contains("\"nnm\" : true"), "the file's other settings apply: " + r.out());
        assertFalse(Files.exists(out), "still a dry run");
    }

    /** The memory guard: a run that cannot fit is refused before it starts, naming the estimate and the fix. */
    @Test
    void runsThatCannotFitAreRefusedWithTheEstimate() {
        Path out = dir.resolve("huge");
        Result r = run("run", "--dataset", "quadratic", "--clients", "1000000", "--sampled", "100000", "--dim", "100000",
                "--quiet", "--out", out.toString());
        assertUserError(r, "this run needs about 558.86 GiB (batch 372.53 GiB");
        assertTrue(r.err().contains("lower --sampled/--big-cohort or --dim"), r.err());
        assertFalse(Files.exists(out));
        Result dry = run("run", "--dry-run", "--dataset", "quadratic", "--clients", "1000", "--sampled", "100", "--dim", "1000");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("\"batch\" : 4032000"), "1000 rows of 1000 floats, padded to 1008: " + dry.out());
        assertTrue(dry.out().contains("\"jvm_max_heap\""), dry.out());
    }

    @Test
    void userMistakesGiveOneLineAndExitCode2() throws IOException {
        assertUserError(run("aggregate", "--rule", "bogus", "--random", "4x4"), "--rule expects one of mean, cm, cwtm, rfa, krum, multikrum");
        assertUserError(run("aggregate", "--random", "4by4"), "--random expects MxD");
        assertUserError(run("aggregate", "--random", "4x4", "--in", "x.npy"), "exactly one of");
        assertUserError(run("aggregate", "--in", dir.resolve("none.npy").toString(), "--out", "y.npy"), "no such file");
        assertUserError(run("aggregate", "--random", "6x4", "--rule", "krum", "--byzantine", "2"), "needs at least 2f + 3 = 7 inputs, got 6");
        assertUserError(run("aggregate", "--random", "4x4", "--threads", "0"), "--threads must be >= 1");
        assertUserError(run("aggregate", "--random", "4x4", "--backend", "gpu"), "unknown backend 'gpu'");
        assertUserError(run("aggregate", "--random", "4x4", "--frobnicate"), "frobnicate");
        assertUserError(run("aggregate", "--random", "4x4", "--iterations", "many"), "iterations");
        assertUserError(run("frobnicate"), "frobnicate");
        assertUserError(run("run", "--dry-run", "--nnm", "--nnm"), "--nnm is given twice");
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy at all");
        Path out = dir.resolve("out.npy");
        assertUserError(run("aggregate", "--in", bad.toString(), "--out", out.toString()), "not a .npy file");
        assertFalse(Files.exists(out), "no output file on error");
    }
}
