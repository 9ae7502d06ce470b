package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.byzmarina.io.Npy;
import org.byzmarina.kernels.Batch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of the packaged jar (run by Failsafe after `package`): a fresh JVM started from
 * another directory, with no library path, as a user would run it.
 */
class AggregateIT {
    static Path jar;

    @TempDir
    static Path work;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("byzmarina.jar", "target/byzmarina.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "packaged jar not found at " + jar);
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().remove("LD_LIBRARY_PATH");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + cmd);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpWorksFromAnyDirectory() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("aggregate"));
        Result v = run("--version");
        assertTrue(v.out().startsWith("byzmarina "), v.out());
    }

    @Test
    void readmeCommandTimesBothBackendsAndTheyAgree() throws Exception {
        Result r = run("aggregate", "--random", "32x5000", "--rule", "cm", "--repeat", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("java (scalar-java"), r.out());
        assertTrue(r.out().contains("native (avx"), r.out());
        assertTrue(r.out().contains("bit-identical across backends"), r.out());
        assertTrue(r.err().contains("[byzmarina] kernels: native"), "the provider logs its choice: " + r.err());
    }

    @Test
    void everyRuleAggregatesAFileIdenticallyOnBothBackends() throws Exception {
        int m = 9;
        int d = 70;
        float[] data = new float[m * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i * 0.37) * (i % 5 + 1);
        }
        data[3 * d + 4] = Float.POSITIVE_INFINITY;
        data[5 * d] = 1e38f;
        Path in = work.resolve("x.npy");
        Npy.writeMatrix(in, data, m, d);
        for (String rule : new String[] {"mean", "cm", "cwtm", "rfa", "krum", "multikrum"}) {
            float[][] outs = new float[2][];
            String[] backends = {"java", "native"};
            for (int b = 0; b < 2; b++) {
                Path out = work.resolve(rule + "-" + backends[b] + ".npy");
                Result r = run("aggregate", "--rule", rule, "--byzantine", "2", "--bucket-size", "1", "--in", in.toString(),
                        "--out", out.toString(), "--backend", backends[b], "--quiet");
                assertEquals(0, r.code(), rule + ": " + r.err());
                assertEquals("", r.err(), "--quiet prints no log lines");
                Batch y = readVector(out);
                outs[b] = y.row(0);
                for (float v : outs[b]) {
                    assertTrue(Float.isFinite(v), rule + ": output must be finite");
                }
            }
            assertArrayEquals(outs[0], outs[1], rule + ": java and native differ");
        }
    }

    @Test
    void badInputFailsWithOneLineAndExitCode2() throws Exception {
        Path out = work.resolve("never.npy");
        Result missing = run("aggregate", "--in", "does-not-exist.npy", "--out", out.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().strip().startsWith("error: does-not-exist.npy: no such file"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Path ints = work.resolve("ints.npy");
        byte[] header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }".getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[10 + 118 + 16];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, 0, file, 0, 10);
        System.arraycopy(header, 0, file, 10, header.length);
        for (int i = 10 + header.length; i < 10 + 117; i++) {
            file[i] = ' ';
        }
        file[10 + 117] = '\n';
        Files.write(ints, file);
        Result dtype = run("aggregate", "--in", ints.toString(), "--out", out.toString());
        assertEquals(2, dtype.code());
        assertTrue(dtype.err().contains("unsupported dtype '<i4'"), dtype.err());
        Result krum = run("aggregate", "--random", "5x10", "--rule", "krum", "--byzantine", "2");
        assertEquals(2, krum.code());
        assertTrue(krum.err().contains("needs at least 2f + 3 = 7 inputs, got 5"), krum.err());
        Result nativeForced = run("aggregate", "--random", "5x10", "--backend", "native", "--rule", "mean");
        assertEquals(0, nativeForced.code(), nativeForced.err());
        assertFalse(Files.exists(out), "no output may be written on error");
    }

    /** Reads a 1-D float32 .npy written by the tool (as a 1 x d batch). */
    static Batch readVector(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        int offset = 10 + headerLen;
        int d = (bytes.length - offset) / 4;
        Batch b = Batch.allocate(1, d);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes, offset, 4 * d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < d; j++) {
            b.set(0, j, buf.getFloat());
        }
        return b;
    }
}
