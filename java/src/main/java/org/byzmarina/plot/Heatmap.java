package org.byzmarina.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.byzmarina.io.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

/**
 * A robustness matrix: one cell per (row key, column key) value pair of a sweep, holding the mean of
 * a summary column (e.g. final_gap) over the runs that share them (seeds, and any other varying key
 * not fixed by a filter), plus a "worst case" column with each row's largest value. Diverged runs
 * count as +∞ ("diverged"). Colours run from green (small) to red (large) on a log scale.
 */
public final class Heatmap {
    /** The matrix: row labels, column labels, values (NaN = no run). */
    public record Matrix(List<String> rows, List<String> cols, double[][] values, String value) {
    }

    private Heatmap() {
    }

    /**
     * @param where key=value filters; other varying keys than rows, cols and these are averaged over
     */
    public static Matrix compute(Path dir, String rowKey, String colKey, String value, Map<String, String> where)
            throws IOException {
        List<Map<String, String>> runs = Curves.readIndex(dir);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve("index.csv") + " lists no finished runs");
        }
        for (String key : List.of(rowKey, colKey, value)) {
            if (!runs.get(0).containsKey(key)) {
                throw new IllegalArgumentException(dir.resolve("index.csv") + " has no column " + key + " (columns: "
                        + String.join(", ", runs.get(0).keySet()) + ")");
            }
        }
        Map<String, Map<String, double[]>> cells = new LinkedHashMap<>(); // row → col → {sum, count}
        List<String> cols = new ArrayList<>();
        for (Map<String, String> run : runs) {
            boolean keep = true;
            for (Map.Entry<String, String> w : where.entrySet()) {
                if (!w.getValue().equals(run.get(w.getKey()))) {
                    keep = false;
                }
            }
            if (!keep) {
                continue;
            }
            String col = run.get(colKey);
            if (!cols.contains(col)) {
                cols.add(col);
            }
            double v;
            String text = run.get(value);
            if ("diverged".equals(run.get("status")) || text == null || text.isEmpty()) {
                v = Double.POSITIVE_INFINITY;
            } else {
                v = Double.parseDouble(text);
            }
            double[] acc = cells.computeIfAbsent(run.get(rowKey), r -> new LinkedHashMap<>()).computeIfAbsent(col, c -> new double[2]);
            acc[0] += v;
            acc[1]++;
        }
        List<String> rows = new ArrayList<>(cells.keySet());
        double[][] values = new double[rows.size()][cols.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.size(); c++) {
                double[] acc = cells.get(rows.get(r)).get(cols.get(c));
                values[r][c] = acc == null ? Double.NaN : acc[0] / acc[1];
            }
        }
        return new Matrix(rows, cols, values, value);
    }

    /** Each row's worst (largest) value over the columns that have runs. */
    public static double worst(double[] row) {
        double w = Double.NaN;
        for (double v : row) {
            if (!Double.isNaN(v) && (Double.isNaN(w) || v > w)) {
                w = v;
            }
        }
        return w;
    }

    /** Writes the matrix as a PNG or SVG (by extension), atomically. */
    public static void write(Matrix m, String title, Path file) throws IOException {
        int cellW = 110;
        int cellH = 30;
        int left = 170;
        int top = 110;
        int width = left + cellW * (m.cols().size() + 1) + 20;
        int height = top + cellH * m.rows().size() + 40;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            draw(g, m, title, width, height, left, top, cellW, cellH);
            byte[] svg = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, o -> o.write(svg));
        } else if (name.endsWith(".png")) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            draw(g, m, title, width, height, left, top, cellW, cellH);
            g.dispose();
            AtomicFiles.write(file, o -> javax.imageio.ImageIO.write(img, "png", o));
        } else {
            throw new IllegalArgumentException("--out must end in .png or .svg, got " + file);
        }
    }

    private static void draw(Graphics2D g, Matrix m, String title, int width, int height, int left, int top, int cellW, int cellH) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : m.values()) {
            for (double v : row) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font("SansSerif", Font.BOLD, 15));
        g.drawString(title, 10, 24);
        g.setFont(new Font("SansSerif", Font.PLAIN, 12));
        g.drawString(m.value() + " (mean over seeds; green small, red large, log scale)", 10, 44);
        List<String> cols = new ArrayList<>(m.cols());
        cols.add("worst case");
        for (int c = 0; c < cols.size(); c++) {
            drawCentered(g, cols.get(c), left + c * cellW, top - 14, cellW, c == cols.size() - 1);
        }
        for (int r = 0; r < m.rows().size(); r++) {
            int y = top + r * cellH;
            g.setColor(Color.BLACK);
            g.setFont(new Font("SansSerif", Font.PLAIN, 12));
            g.drawString(m.rows().get(r), 10, y + cellH / 2 + 5);
            for (int c = 0; c < cols.size(); c++) {
                double v = c < m.cols().size() ? m.values()[r][c] : worst(m.values()[r]);
                int x = left + c * cellW;
                g.setColor(colour(v, lo, hi));
                g.fillRect(x, y, cellW, cellH);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(c == cols.size() - 1 ? 2f : 1f));
                g.drawRect(x, y, cellW, cellH);
                g.setColor(Color.BLACK);
                drawCentered(g, label(v), x, y + cellH / 2 + 5, cellW, c == cols.size() - 1);
            }
        }
    }

    private static void drawCentered(Graphics2D g, String s, int x, int y, int w, boolean bold) {
        g.setFont(new Font("SansSerif", bold ? Font.BOLD : Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x + (w - fm.stringWidth(s)) / 2, y);
    }

    static String label(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return "diverged";
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    /** Green → yellow → red on log10 between lo and hi; grey for no run, dark red for diverged. */
    static Color colour(double v, double lo, double hi) {
        if (Double.isNaN(v)) {
            return new Color(0xdddddd);
        }
        if (Double.isInfinite(v)) {
            return new Color(0xb71c1c);
        }
        double t = !(hi > lo) || !(v > 0) ? 0 : (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        t = Math.max(0, Math.min(1, t));
        int red = (int) Math.round(t < 0.5 ? 120 + 2 * t * 135 : 255);
        int green = (int) Math.round(t < 0.5 ? 200 : 200 - (t - 0.5) * 2 * 140);
        return new Color(red, green, 110);
    }
}
