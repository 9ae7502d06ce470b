package org.byzmarina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.byzmarina.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmReaderTest {
    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void readsLfCrlfBlankLinesCommentsAndNoFinalNewline() throws IOException {
        Dataset d = LibsvmReader.read(file("ok.txt", "+1 1:0.5 3:2\r\n\n-1 2:1e-1  # a comment\r\n# only a comment\n1 3:-4"));
        assertEquals(3, d.rows());
        assertEquals(3, d.dim());
        assertArrayEquals(new double[] {1, -1, 1}, d.labels());
        assertArrayEquals(new double[] {0.5, 0, 2, 0, 0.1, 0, 0, 0, -4}, d.features());
        assertEquals(5, LibsvmReader.read(file("wide.txt", "0 1:1\n"), 5).dim());
    }

    @Test
    void malformedLinesAreReportedByFileAndLine() throws IOException {
        assertError("bad.txt", "1 1:1\n1 2:x\n", ":2: bad value of feature 2 'x'");
        assertError("idx.txt", "1 1:1\n\n1 0:3\n", ":3: feature indices are 1-based");
        assertError("order.txt", "1 3:1 2:1\n", ":1: feature indices must increase, got 2 after 3");
        assertError("colon.txt", "1 3\n", ":1: expected index:value, got '3'");
        assertError("label.txt", "abc 1:1\n", ":1: bad label 'abc'");
        assertError("nan.txt", "1 1:NaN\n", ":1: bad value of feature 1 'NaN'");
        assertError("inf.txt", "1 1:1e999\n", ":1: value of feature 1 is not finite");
        assertError("empty.txt", "\n\n", "no data rows");
        assertError("huge.txt", "1 99999999999:1\n", "exceeds the limit");
        assertError("glued.txt", "1 1:2:3\n", ":1: bad value of feature 1 '2:3'");
        InputException e = assertThrows(InputException.class, () -> LibsvmReader.read(dir.resolve("nope")));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }

    private void assertError(String name, String content, String fragment) throws IOException {
        Path p = file(name, content);
        InputException e = assertThrows(InputException.class, () -> LibsvmReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    /** Files above 1 MB are parsed in two halves on two threads: same rows, same line numbers. */
    @Test
    void largeFilesParseInTwoHalvesWithCorrectLineNumbers() throws IOException {
        StringBuilder sb = new StringBuilder();
        int lines = 60_000;
        for (int i = 1; i <= lines; i++) {
            sb.append(i % 2 == 0 ? "+1" : "-1").append(" 1:").append(i % 7).append(" 3:0.5 ").append(1 + i % 40).append("0:2")
                    .append(i % 3 == 0 ? "\r\n" : "\n");
        }
        String text = sb.toString();
        assertTrue(text.length() > (1 << 20), "exercises the two-thread path");
        Dataset d = LibsvmReader.read(file("big.txt", text), 0, false, false); // the Java parser (native reads it whole)
        assertEquals(lines, d.rows());
        assertEquals(400, d.dim());
        assertEquals((lines - 1) % 7, d.get(lines - 2, 0)); // row lines-2 is line lines-1
        String[] all = text.split("\n", -1);
        int bad = 55_555; // in the second half
        all[bad - 1] = "+1 4:oops";
        assertError("bad2.txt", String.join("\n", all), ":" + bad + ": bad value of feature 4 'oops'");
        all[99] = "+1 2:1 1:1"; // and one in the first half: the earliest line is reported
        assertError("bad12.txt", String.join("\n", all), ":100: feature indices must increase");
    }

    @Test
    void readsThePapersDataSets() {
        Dataset a9a = LibsvmReader.read(TestData.require("a9a"));
        assertEquals(32_561, a9a.rows());
        assertEquals(123, a9a.dim());
        assertArrayEquals(new double[] {-1, 1}, a9a.labelValues());
        assertEquals(7_841, java.util.Arrays.stream(a9a.labels()).filter(y -> y > 0).count());
        // First row: -1 3:1 11:1 14:1 ... (PROVENANCE.md)
        assertEquals(1.0, a9a.get(0, 2));
        assertEquals(0.0, a9a.get(0, 3));
        Dataset test = LibsvmReader.read(TestData.require("a9a.t"), 123);
        assertEquals(16_281, test.rows());
        assertEquals(123, test.dim());
        Dataset w8a = LibsvmReader.read(TestData.require("w8a"));
        assertEquals(49_749, w8a.rows());
        assertEquals(300, w8a.dim());
    }
}
