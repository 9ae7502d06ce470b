package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.byzmarina.cli.Main;

/** Runs of the CLI in this JVM (the nn module's provider is on the class path) and their metrics.csv. */
final class NetRuns {
    private NetRuns() {
    }

    /** The output of {@code run ARGS --out out --quiet}, which must exit 0. */
    static List<String[]> run(Path out, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--quiet"));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(new String[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, code, "exit code; stderr: " + e.toString(StandardCharsets.UTF_8));
        return rows(out.resolve("metrics.csv"));
    }

    /** The CLI's exit code and stderr. */
    static String[] fail(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), e.toString(StandardCharsets.UTF_8)};
    }

    static List<String[]> rows(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    /** The value of {@code column} in the last row. */
    static String last(List<String[]> rows, String column) {
        int c = List.of(rows.get(0)).indexOf(column);
        return rows.get(rows.size() - 1)[c];
    }
}
