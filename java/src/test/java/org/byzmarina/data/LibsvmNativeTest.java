package org.byzmarina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.byzmarina.io.InputException;
import org.byzmarina.kernels.NativeLoading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native LIBSVM parser (bm_libsvm_scan/bm_libsvm_fill) against the Java one: on generated files
 * of every form the Java fast path takes it must accept the file and give the same arrays bit for
 * bit; on files the fast path refuses it must leave them to the Java parser, so the data set or the
 * error message is the Java one; and on the real a9a, a9a.t and w8a.
 */
class LibsvmNativeTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void loadNative() {
        NativeLoading.requireKernels();
    }

    /** Plain decimals of every form the fast path reads, with at most 15 digits. */
    private static String number(Random r) {
        switch (r.nextInt(12)) {
            case 0:
                return Integer.toString(r.nextInt(2000) - 1000);
            case 1:
                return "+" + r.nextInt(100);
            case 2:
                return "00" + r.nextInt(10);                 // leading zeros
            case 3:
                return r.nextInt(10) + ".";                  // "5."
            case 4:
                return (r.nextBoolean() ? "-" : "") + "." + r.nextInt(1000); // ".5", "-.25"
            case 5:
                return r.nextBoolean() ? "0" : r.nextBoolean() ? "-0" : "0.000"; // zeros, dropped
            case 6: {                                        // 15 digits, the dot anywhere
                StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
                int dot = r.nextInt(16);
                for (int i = 0; i < 15; i++) {
                    if (i == dot) {
                        b.append('.');
                    }
                    b.append((char) ('0' + r.nextInt(10)));
                }
                return b.toString();
            }
            default:
                return String.format(java.util.Locale.ROOT, "%.6f", r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
        }
    }

    private static String generated(Random r, int rows) {
        String[] ends = {"\n", "\r\n", "\r"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            switch (r.nextInt(12)) {
                case 0 -> b.append("# a comment line").append(ends[r.nextInt(3)]);
                case 1 -> b.append(r.nextBoolean() ? "" : " \t").append(ends[r.nextInt(3)]);
                default -> {
                }
            }
            b.append(r.nextBoolean() ? "" : "\t ").append(r.nextInt(5) == 0 ? number(r) : r.nextBoolean() ? "+1" : "-1");
            int pairs = i == 0 ? 1 + r.nextInt(12) : r.nextInt(6) == 0 ? 0 : r.nextInt(12); // label-only rows, not all
            int index = 0;
            for (int k = 0; k < pairs; k++) {
                index += 1 + r.nextInt(r.nextBoolean() ? 3 : 200);
                b.append(r.nextInt(4) == 0 ? "\t" : " ").append(r.nextInt(10) == 0 ? "0" + index : index).append(':').append(number(r));
            }
            if (r.nextInt(8) == 0) {
                b.append(r.nextBoolean() ? " # trailing comment" : "#glued comment");
            }
            if (r.nextInt(8) == 0) {
                b.append(" \t");
            }
            if (i + 1 < rows || r.nextBoolean()) {                   // sometimes no final newline
                b.append(ends[r.nextInt(3)]);
            }
        }
        return b.toString();
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    static void assertSameDataset(Dataset java, Dataset nat, String what) {
        assertEquals(java.name(), nat.name(), what);
        assertEquals(java.rows(), nat.rows(), what + ": rows");
        assertEquals(java.dim(), nat.dim(), what + ": dim");
        assertArrayEquals(java.rowStart(), nat.rowStart(), what + ": rowStart");
        assertArrayEquals(java.colIndex(), nat.colIndex(), what + ": colIndex");
        assertArrayEquals(bits(java.values()), bits(nat.values()), what + ": values, bitwise");
        assertArrayEquals(bits(java.labels()), bits(nat.labels()), what + ": labels, bitwise");
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** Parsed both ways, after checking that the native parser took the file itself. */
    private void crossCheck(Path p, int minFeatures, boolean normalise) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        assertNotNull(LibsvmReader.readNative(p, bytes, minFeatures, normalise), p + ": the native parser should take it");
        assertSameDataset(LibsvmReader.read(p, minFeatures, normalise, false), LibsvmReader.read(p, minFeatures, normalise, true),
                p + " (minFeatures " + minFeatures + ", normalise " + normalise + ")");
    }

    @Test
    void generatedFilesGiveTheSameArrays() throws IOException {
        Random r = new Random(20261202);
        for (int f = 0; f < 300; f++) {
            Path p = file("gen" + f + ".txt", generated(r, 1 + r.nextInt(f < 100 ? 5 : 60)));
            crossCheck(p, 0, f % 2 == 0);
            crossCheck(p, 5000, f % 2 == 1);
        }
    }

    /** Above 1 MB the Java parser splits the file over two threads; the native one reads it whole. */
    @Test
    void largeFileMatchesTheTwoThreadJavaParse() throws IOException {
        Random r = new Random(7);
        String text = generated(r, 40_000);
        assertTrue(text.length() > (1 << 20), "exercises the two-thread Java path");
        Path p = file("big.txt", text);
        crossCheck(p, 0, false);
        crossCheck(p, 0, true);
    }

    @Test
    void handWrittenFormsAreExact() throws IOException {
        Path p = file("forms.txt", "+3 1:5. 2:.5 3:-.25 4:007 5:+3 6:123456789012345 7:0.1 8:-0 9:0.000\r-0\t10:1\n");
        crossCheck(p, 0, false);
        Dataset d = LibsvmReader.read(p);
        assertArrayEquals(new double[] {5, 0.5, -0.25, 7, 3, 123456789012345.0, 0.1, 1}, d.values());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 9}, d.colIndex());
        assertArrayEquals(new int[] {0, 7, 8}, d.rowStart());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d.labels()[1]));
    }

    /** What the fast path refuses: the Java parser reads it (slow path) or reports it, the same either way. */
    @Test
    void filesOutsideTheFastPathGetTheJavaResult() throws IOException {
        String[] texts = {
            "1 1:1e5 2:3\n", "1 1:1.5E-3\n", "1e0 2:1\n", "1 1:1234567890123456\n", "1 1:0000000000000001\n",
            "1 1:-0.12345678901234567\n", "1 1:NaN\n", "1 1:x\n", "1 1:.\n", "1 1:-\n", "1 1:1.2.3\n", "1 1:2:3\n",
            "1 1:\n", "1 1: 2\n", "abc 1:1\n", "1 0:1\n", "1 3:1 2:1\n", "1 2:1 2:1\n", "1 10000001:1\n",
            "1 99999999999:1\n", "1 3\n", "1 1:1,2:2\n", "1 1:1\n-1 a:1\n", "\n\n", "# only a comment\n", "",
            "1 1:1e999\n", "1 1:0x10\n", "1 1:1d\n",
        };
        for (int i = 0; i < texts.length; i++) {
            Path p = file("refused" + i + ".txt", texts[i]);
            assertNull(LibsvmReader.readNative(p, Files.readAllBytes(p), 0, false), "'" + texts[i] + "' is the Java parser's");
            Dataset java;
            try {
                java = LibsvmReader.read(p, 0, false, false);
            } catch (InputException e) {
                InputException n = assertThrows(InputException.class, () -> LibsvmReader.read(p, 0, false, true));
                assertEquals(e.getMessage(), n.getMessage());
                continue;
            }
            assertSameDataset(java, LibsvmReader.read(p, 0, false, true), "'" + texts[i] + "'");
        }
        // Accepted by the scan, refused afterwards by the checks both parsers share: bare labels only.
        Path bare = file("bare.txt", "1\n-1\n");
        InputException e = assertThrows(InputException.class, () -> LibsvmReader.read(bare, 0, false, true));
        assertEquals(assertThrows(InputException.class, () -> LibsvmReader.read(bare, 0, false, false)).getMessage(), e.getMessage());
        assertEquals(3, LibsvmReader.read(bare, 3, false, true).dim());
    }

    @Test
    void realDataSetsGiveTheSameArrays() throws IOException {
        for (String name : new String[] {"a9a", "w8a"}) {
            Path p = TestData.require(name);
            crossCheck(p, 0, false);
            crossCheck(p, 0, true);
        }
        crossCheck(TestData.require("a9a.t"), 123, true);
    }
}
