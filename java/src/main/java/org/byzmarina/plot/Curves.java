package org.byzmarina.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.byzmarina.io.Csv;
import org.byzmarina.io.UserText;

/**
 * The curves of a sweep folder: each run's metrics.csv read as (x, y) columns, grouped, averaged
 * over seeds with the standard error of the mean (docs/algorithm.md "Metrics": over seeds, mean ± SEM), and,
 * with best-over, the value of one key (e.g. the step size) with the lowest final mean (the highest for
 * test_accuracy) kept per group.
 */
public final class Curves {
    /** A mean curve with its standard error at each x (NaN where fewer than two seeds reach it). */
    public record Curve(String label, double[] x, double[] mean, double[] sem, int seeds) {
        public double finalMean() {
            return mean.length == 0 ? Double.POSITIVE_INFINITY : mean[mean.length - 1];
        }
    }

    private Curves() {
    }

    /** A sweep folder's index.csv as rows of header → cell (CSV quoting undone). */
    public static List<Map<String, String>> readIndex(Path dir) throws IOException {
        Path index = dir.resolve("index.csv");
        if (!Files.exists(index)) {
            throw new IllegalArgumentException(dir + " has no index.csv (run a sweep into it, or `sweep --index " + dir + "`)");
        }
        List<List<String>> records;
        try {
            records = Csv.parse(Files.readString(index));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(index + ": " + e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(index + ": not UTF-8 text");
        }
        if (records.isEmpty() || !records.get(0).contains("id")) {
            throw new IllegalArgumentException(index + ": not a sweep index (no header with an id column); rebuild it with"
                    + " `sweep --index " + dir + "`");
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(index + ": record " + (r + 1) + " has " + cells.size() + " cells, the header "
                        + header.size() + "; rebuild it with `sweep --index " + dir + "`");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * @param groupBy  keys whose values make a line; empty = every varying key but seed and bestOver
     * @param bestOver a key (e.g. "step") whose best value per group is kept, or null
     */
    public static List<Curve> compute(Path dir, String xColumn, String yColumn, List<String> groupBy, String bestOver)
            throws IOException {
        List<Map<String, String>> runs = readIndex(dir);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve("index.csv") + " lists no finished runs");
        }
        List<String> keys = new ArrayList<>(runs.get(0).keySet());
        int idColumn = keys.indexOf("id");
        List<String> varying = keys.subList(0, idColumn);
        for (String k : groupBy) {
            if (!varying.contains(k)) {
                throw new IllegalArgumentException("--group-by " + k + " is not a varying key of this sweep (" + String.join(", ", varying) + ")");
            }
        }
        if (bestOver != null && !varying.contains(bestOver)) {
            throw new IllegalArgumentException("--best-over " + bestOver + " is not a varying key of this sweep (" + String.join(", ", varying) + ")");
        }
        List<String> lineKeys = new ArrayList<>(groupBy);
        if (lineKeys.isEmpty()) {
            for (String k : varying) {
                if (!k.equals("seed") && !k.equals(bestOver)) {
                    lineKeys.add(k);
                }
            }
        }
        // group → (bestOver value → runs)
        Map<String, Map<String, List<Path>>> groups = new LinkedHashMap<>();
        for (Map<String, String> run : runs) {
            StringBuilder label = new StringBuilder();
            for (String k : lineKeys) {
                label.append(label.length() == 0 ? "" : ", ").append(k).append('=').append(run.get(k));
            }
            String option = bestOver == null ? "" : run.get(bestOver);
            groups.computeIfAbsent(label.length() == 0 ? "all runs" : label.toString(), g -> new LinkedHashMap<>())
                    .computeIfAbsent(option, o -> new ArrayList<>()).add(dir.resolve(run.get("id")));
        }
        List<Curve> curves = new ArrayList<>();
        double sign = yColumn.equals("test_accuracy") ? -1 : 1; // the best accuracy is the highest
        for (Map.Entry<String, Map<String, List<Path>>> g : groups.entrySet()) {
            Curve best = null;
            for (Map.Entry<String, List<Path>> option : g.getValue().entrySet()) {
                String label = g.getKey() + (bestOver == null ? "" : " (best " + bestOver + " = " + option.getKey() + ")");
                Curve c = average(label, option.getValue(), xColumn, yColumn);
                if (best == null || sign * c.finalMean() < sign * best.finalMean()) {
                    best = c;
                }
            }
            curves.add(best);
        }
        return curves;
    }

    /** Mean ± SEM over the runs, row by row (runs that stopped early, e.g. diverged, drop out). */
    static Curve average(String label, List<Path> runs, String xColumn, String yColumn) throws IOException {
        List<double[][]> series = new ArrayList<>();
        int longest = 0;
        for (Path run : runs) {
            double[][] xy = read(run.resolve("metrics.csv"), xColumn, yColumn);
            series.add(xy);
            longest = Math.max(longest, xy[0].length);
        }
        List<Double> xs = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> sems = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            double x = Double.NaN;
            for (double[][] xy : series) {
                if (i < xy[0].length && Double.isFinite(xy[1][i])) {
                    x = xy[0][i];
                    sum += xy[1][i];
                    sq += xy[1][i] * xy[1][i];
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            double var = n > 1 ? Math.max(0, (sq - n * mean * mean) / (n - 1)) : Double.NaN;
            xs.add(x);
            means.add(mean);
            sems.add(n > 1 ? Math.sqrt(var / n) : Double.NaN);
        }
        return new Curve(label, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                means.stream().mapToDouble(Double::doubleValue).toArray(),
                sems.stream().mapToDouble(Double::doubleValue).toArray(), runs.size());
    }

    /** Two columns of a metrics.csv; empty cells become NaN. */
    static double[][] read(Path csv, String xColumn, String yColumn) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty (no header, no rows); rerun this run, or rebuild the index with"
                    + " `sweep --index` to leave it out");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int xi = header.indexOf(xColumn);
        int yi = header.indexOf(yColumn);
        if (xi < 0 || yi < 0) {
            throw new IllegalArgumentException(csv + " has no column " + (xi < 0 ? xColumn : yColumn));
        }
        double[][] xy = new double[2][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(csv + ":" + (r + 1) + ": " + cells.length + " cells, the header has " + header.size());
            }
            xy[0][r - 1] = cell(csv, r + 1, cells[xi]);
            xy[1][r - 1] = cell(csv, r + 1, cells[yi]);
        }
        return xy;
    }

    private static double cell(Path csv, int line, String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ":" + line + ": not a number: " + UserText.quote(cell));
        }
    }
}
