package org.byzmarina.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.byzmarina.data.Dataset;
import org.byzmarina.data.LibsvmReader;
import org.byzmarina.io.InputException;
import org.byzmarina.io.Npy;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.NativeLoading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing of the readers (Jazzer): LIBSVM and .npy files, seeded by {@link FuzzInputs} generators
 * and by the stored inputs under {@code ReaderFuzzTestInputs/} (every input that ever found a bug).
 * Every input either parses into a consistent result or fails with an {@link InputException} whose
 * one-line message names the file (and the line, for LIBSVM); nothing else may escape, nothing may
 * hang (each case is bounded by the input size) and nothing may allocate from a size the file only
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

    @AfterAll
    static void report() {
        System.out.println("reader fuzzing: " + CASES.get() + " cases");
    }

    static final String VALID = "+1 3:1 11:0.5 14:-2e-1\r\n-1 1:1 2:3\n\n# comment\n1 7:4 123:0.25\n-1 5:1";

    static Stream<byte[]> libsvmText() {
        return FuzzInputs.generate("libsvm", 1500, r -> {
            switch (r.nextInt(5)) {
                case 0:
                case 1:
                    return FuzzInputs.utf8(FuzzInputs.string(r, "0123456789:+-.eE# \t\r\nabcxNI", 300));
                case 2:
                    return FuzzInputs.utf8(withEdgeNumber(r, VALID));
                default:
                    return FuzzInputs.utf8(FuzzInputs.mutate(r, VALID, 6, "0123456789: \n-+.e,x#\r\u00e9", 4));
            }
        });
    }

    /** VALID with a label, an index or a value replaced by a number near 2^31, 2^63 or 2^64. */
    static String withEdgeNumber(SplittableRandom r, String text) {
        String n = FuzzInputs.oneOf(r, FuzzInputs.EDGE_NUMBERS);
        switch (r.nextInt(3)) {
            case 0: return n + text.substring(text.indexOf(' ')); // the first label
            case 1: return text.replace("11:0.5", n + ":0.5"); // an index
            default: return text.replace("11:0.5", "11:" + n); // a value
        }
    }

    @MethodSource("libsvmText")
    @FuzzTest(maxDuration = "5m")
    void libsvmFilesParseOrFailWithFileAndLine(byte[] bytes) throws IOException {
        CASES.incrementAndGet();
        Path file = DIR.resolve("fuzz.libsvm");
        Files.write(file, bytes);
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

    /**
     * The native LIBSVM parser on the same inputs: it takes a file only where the Java parser's fast
     * path would, so both give the same arrays bit for bit, or the same (Java) message.
     */
    /** A VALID of plain decimals only (the native parser's domain), with a lone CR and a tab. */
    static final String PLAIN = "+1 3:1 11:0.5 14:-.2\r\n-1\t1:1 2:3.\n\n# comment\n1 7:4 123:0.25\r-1 5:1";

    /** The LIBSVM inputs, and as many mutations of PLAIN (the native parser takes about 600 of the 3000). */
    static Stream<byte[]> libsvmAndPlainText() {
        return Stream.concat(libsvmText(), FuzzInputs.generate("libsvm-plain", 1500, r -> FuzzInputs.utf8(r.nextInt(4) == 0
                ? withEdgeNumber(r, PLAIN) : FuzzInputs.mutate(r, PLAIN, 6, "0123456789: \n-+.,#\r\t", 4))));
    }

    @MethodSource("libsvmAndPlainText")
    @FuzzTest(maxDuration = "5m")
    void libsvmNativeParserMatchesJava(byte[] bytes) throws IOException {
        NativeLoading.requireKernels();
        CASES.incrementAndGet();
        Path file = DIR.resolve("fuzz-native.libsvm");
        Files.write(file, bytes);
        Dataset ref;
        try {
            ref = LibsvmReader.read(file, 0, false, false);
        } catch (InputException e) {
            InputException n = assertThrows(InputException.class, () -> LibsvmReader.read(file, 0, false, true));
            assertEquals(e.getMessage(), n.getMessage());
            return;
        }
        Dataset nat = LibsvmReader.read(file, 0, false, true);
        assertEquals(ref.rows(), nat.rows());
        assertEquals(ref.dim(), nat.dim());
        assertArrayEquals(ref.rowStart(), nat.rowStart());
        assertArrayEquals(ref.colIndex(), nat.colIndex());
        assertArrayEquals(bits(ref.values()), bits(nat.values()));
        assertArrayEquals(bits(ref.labels()), bits(nat.labels()));
    }

    private static long[] bits(double[] v) {
        return java.util.Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    static Stream<byte[]> npyBytes() {
        return FuzzInputs.generate("npy", 1500, r -> r.nextInt(3) < 2 ? structuredNpy(r) : randomBytes(r, 200));
    }

    static byte[] randomBytes(SplittableRandom r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        r.nextBytes(b);
        return b;
    }

    static byte[] structuredNpy(SplittableRandom r) {
        String descr = FuzzInputs.oneOf(r, "'<f4'", "'<f8'", "'>f4'", "'>f8'", "'<i4'", "'|u1'", "'<f4", "<f4'", "''");
        String fortran = FuzzInputs.oneOf(r, "False", "True", "false", "0");
        String shape;
        switch (r.nextInt(3)) {
            case 0:
                shape = "(" + FuzzInputs.between(r, -2L, 5L) + ", " + FuzzInputs.between(r, -2L, 7L) + ")";
                break;
            case 1:
                shape = FuzzInputs.oneOf(r, "(1000000000000, 1000)", "(3,)", "()", "(2, 3, 4)", "(9223372036854775807, 2)", "(2, x)", "(4, 4");
                break;
            default: // a dimension near 2^31, 2^63 or 2^64
                String edge = FuzzInputs.oneOf(r, FuzzInputs.EDGE_NUMBERS);
                shape = r.nextBoolean() ? "(" + edge + ", " + FuzzInputs.between(r, 0, 3) + ")" : "(" + FuzzInputs.between(r, 0, 3) + ", " + edge + ")";
        }
        int n = FuzzInputs.between(r, 0, 300);
        int v = FuzzInputs.oneOf(r, 1, 2, 3, 0, 9);
        String dict = "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        byte[] h = dict.getBytes(StandardCharsets.US_ASCII);
        int pre = v == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(pre + h.length + 1 + n).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) v).put((byte) 0);
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
    }

    @MethodSource("npyBytes")
    @FuzzTest(maxDuration = "5m")
    void npyFilesParseOrFailWithoutAllocatingWhatTheyClaim(byte[] bytes) throws IOException {
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

    static Stream<int[]> shapes() {
        SplittableRandom r = new SplittableRandom(Long.getLong("byzmarina.fuzz.seed", FuzzInputs.DEFAULT_SEED));
        return Stream.generate(() -> new int[] {r.nextInt(41), r.nextInt(41)}).limit(50);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void npyRoundTripsAnyMatrix(int[] shape) throws IOException {
        CASES.incrementAndGet();
        int rows = shape[0];
        int cols = shape[1];
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
}
