package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in one process share a parse of their LIBSVM file, but never a stale one: a file edited
 * between two runs (same path) is read again, and each run's result and recorded sha256 are its own.
 */
class ParsedDataCacheTest {
    @TempDir
    Path dir;

    private static String rows(int n, int shift) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((i + shift) % 3 == 0 ? "+1" : "-1").append(" 1:").append(0.5 + i % 4).append(' ').append(2 + i % 5)
                    .append(":1\n");
        }
        return sb.toString();
    }

    @Test
    void anEditedFileIsReadAgain() throws IOException {
        Path data = dir.resolve("d.libsvm");
        Files.writeString(data, rows(200, 0));
        String[] flags = {"--dataset", data.toString(), "--rounds", "20", "--fstar", "0", "--threads", "1"};
        Path a = Runs.run(dir.resolve("a"), flags);
        Path again = Runs.run(dir.resolve("again"), flags);
        assertEquals(Runs.withoutWallTime(a), Runs.withoutWallTime(again), "the cached parse gives the same run");
        Files.writeString(data, rows(200, 1)); // same size, other labels
        Files.setLastModifiedTime(data, Files.getLastModifiedTime(dir.resolve("a").resolve("run.json"))); // even the same time stamp is not trusted
        Path b = Runs.run(dir.resolve("b"), flags);
        assertNotEquals(Runs.last(a, "loss"), Runs.last(b, "loss"));
        assertNotEquals(sha(a), sha(b));
    }

    private static String sha(Path run) {
        String json = Runs.runJson(run);
        int i = json.indexOf("data_sha256");
        return json.substring(i, json.indexOf('}', i));
    }
}
