package org.byzmarina.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.io.InputException;
import org.byzmarina.io.Npy;
import org.byzmarina.kernels.Batch;

/**
 * Property-based fuzzing of the readers (jqwik): random and mutated LIBSVM files and .npy files.
 * Every input either parses into a consistent result or fails with an {@link InputException} whose
 * one-line message names the file (and the line, for LIBSVM); nothing else may escape, nothing may
 * hang (each try is bounded by the input size) and nothing may allocate from a size the file only
 * claims (a header claiming 10¹² rows is refused from the file length; the tests run in 2 GB).
 */
class ReaderFuzzTest {
    static final AtomicInteger CASES = new AtomicInteger();
    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("byzmarina-fuzz");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("reader fuzzing: " + CASES.get() + " cases");
    }

    static final String VALID = "+1 3:1 11:0.5 14:-2e-1\r\n-1 1:1 2:3\n\n# comment\n1 7:4 123:0.25\n-1 5:1";

    @Provide
    Arbitrary<String> libsvmText() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789:+-.eE# \t\r\nabcxNI").ofMaxLength(300);
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.integers().between(0, 6), Arbitraries.strings().withChars("0123456789: \n-+.e,x#\r\u00e9").ofMaxLength(4),
                Arbitraries.integers().between(0, 2)).as((pos, cut, insert, kind) -> {
                    int end = Math.min(VALID.length(), pos + cut);
                    switch (kind) {
                        case 0: return VALID.substring(0, pos) + insert + VALID.substring(end);
                        case 1: return VALID.substring(0, pos) + VALID.substring(end);
                        default: return VALID.substring(0, pos) + insert + VALID.substring(pos);
                    }
                });
        return Arbitraries.oneOf(random, mutated);
    }

    @Property(tries = 1500)
    void libsvmFilesParseOrFailWithFileAndLine(@ForAll("libsvmText") String text) throws IOException {
        CASES.incrementAndGet();
        Path file = DIR.resolve("fuzz.libsvm");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        try {
            Dataset d = LibsvmReader.read(file);
            assertTrue(d.rows() > 0 && d.dim() >= 1);
            assertEquals((long) d.rows() * d.dim(), d.features().length);
            for (double v : d.features()) {
                assertTrue(Double.isFinite(v));
            }
            for (double y : d.labels()) {
                assertTrue(Double.isFinite(y));
            }
        } catch (InputException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith(file.toString()), m);
            assertTrue(m.equals(file + ": no data rows") || m.equals(file + ": no features (every row is a bare label)")
                    || m.matches("\\Q" + file + "\\E:\\d+: .+"), m);
            assertTrue(m.lines().count() == 1, "one line: " + m);
        }
    }

    @Provide
    Arbitrary<byte[]> npyBytes() {
        Arbitrary<String> descr = Arbitraries.of("'<f4'", "'<f8'", "'>f4'", "'>f8'", "'<i4'", "'|u1'", "'<f4", "<f4'", "''");
        Arbitrary<String> fortran = Arbitraries.of("False", "True", "false", "0");
        Arbitrary<String> shape = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.longs().between(-2, 5), Arbitraries.longs().between(-2, 7)).as((a, b) -> "(" + a + ", " + b + ")"),
                Arbitraries.of("(1000000000000, 1000)", "(3,)", "()", "(2, 3, 4)", "(9223372036854775807, 2)", "(2, x)", "(4, 4"));
        Arbitrary<Integer> dataLength = Arbitraries.integers().between(0, 300);
        Arbitrary<Integer> version = Arbitraries.of(1, 2, 3, 0, 9);
        Arbitrary<byte[]> structured = Combinators.combine(descr, fortran, shape, dataLength, version).as((d, f, s, n, v) -> {
            String dict = "{'descr': " + d + ", 'fortran_order': " + f + ", 'shape': " + s + ", }";
            byte[] h = dict.getBytes(StandardCharsets.US_ASCII);
            int pre = v == 1 ? 10 : 12;
            ByteBuffer b = ByteBuffer.allocate(pre + h.length + 1 + n).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) (int) v).put((byte) 0);
            if (v == 1) {
                b.putShort((short) (h.length + 1));
            } else {
                b.putInt(h.length + 1);
            }
            b.put(h).put((byte) '\n');
            for (int i = 0; i < n; i++) {
                b.put((byte) (i * 37));
            }
            return b.array();
        });
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(structured, structured, random);
    }

    @Property(tries = 1500)
    void npyFilesParseOrFailWithoutAllocatingWhatTheyClaim(@ForAll("npyBytes") byte[] bytes) throws IOException {
        CASES.incrementAndGet();
        Path file = DIR.resolve("fuzz.npy");
        Files.write(file, bytes);
        try {
            Batch b = Npy.read(file);
            assertTrue((long) b.rows() * b.dim() * 4 <= bytes.length, "data cannot exceed the file");
        } catch (InputException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Property(tries = 50)
    void npyRoundTripsAnyMatrix(@ForAll("shapes") List<Integer> shape) throws IOException {
        CASES.incrementAndGet();
        int rows = shape.get(0);
        int cols = shape.get(1);
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i) * (i % 7 == 0 ? 1e38f : 1f);
        }
        Path file = DIR.resolve("rt.npy");
        Npy.writeMatrix(file, data, rows, cols);
        Batch b = Npy.read(file);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(Float.floatToIntBits(data[i * cols + j]), Float.floatToIntBits(b.get(i, j)));
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> shapes() {
        return Arbitraries.integers().between(0, 40).list().ofSize(2);
    }
}
