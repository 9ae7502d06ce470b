package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.byzmarina.cli.Main;

/** Runs the `run` command in-process and reads its metrics.csv back. */
public final class Runs {
    private Runs() {
    }

    /** The columns of metrics.csv. */
    public static final String[] COLUMNS = "round,epoch,client_epochs,oracle_calls,loss,gap,grad_norm_sq,estimator_error,clip_level,bits,byz_majority_rounds,clipped_fraction,test_loss,test_accuracy,short_rounds,empty_rounds,wall_s".split(",");

    /** Runs `run --quiet --out DIR flags...` and returns DIR; fails the test on a non-zero exit. */
    public static Path run(Path dir, String... flags) {
        List<String> args = new ArrayList<>(List.of("run", "--quiet", "--out", dir.toString()));
        args.addAll(List.of(flags));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, "run " + String.join(" ", flags) + " failed: " + err.toString(StandardCharsets.UTF_8));
        return dir;
    }

    /** metrics.csv as rows of strings (header excluded). */
    public static List<String[]> rows(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
            assertEquals(String.join(",", COLUMNS), lines.get(0));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int column(String name) {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (COLUMNS[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** A column of the last row as a double (NaN if empty). */
    public static double last(Path dir, String column) {
        List<String[]> rows = rows(dir);
        String v = rows.get(rows.size() - 1)[column(column)];
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /** metrics.csv without the wall_s column (for determinism comparisons). */
    public static String withoutWallTime(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows(dir)) {
            sb.append(String.join(",", java.util.Arrays.copyOf(r, r.length - 1))).append('\n');
        }
        return sb.toString();
    }

    public static String runJson(Path dir) {
        try {
            return Files.readString(dir.resolve("run.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
