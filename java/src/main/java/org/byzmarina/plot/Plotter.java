package org.byzmarina.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.byzmarina.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws curves as a paper figure with JFreeChart: one line per group, a band of ± one standard
 * error over seeds, log y for gap and loss, axis labels with units. PNG or SVG by file extension,
 * written atomically.
 */
public final class Plotter {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 650;

    private Plotter() {
    }

    public static String axisLabel(String column) {
        switch (column) {
            case "round": return "communication round k";
            case "epoch": return "epochs (k·b/m)";
            case "client_epochs": return "epochs of the average client (epoch·C/n)";
            case "bits": return "uplink bits sent by good clients";
            case "oracle_calls": return "sample-gradient computations (good clients)";
            case "gap": return "f(x^k) − f*";
            case "loss": return "f(x^k)";
            case "grad_norm_sq": return "||∇f(x^k)||²";
            case "test_accuracy": return "test accuracy (fraction)";
            case "test_loss": return "test loss";
            case "wall_s": return "wall time (s)";
            default: return column;
        }
    }

    public static boolean logScale(String y) {
        return y.equals("gap") || y.equals("loss") || y.equals("grad_norm_sq") || y.equals("estimator_error");
    }

    public static JFreeChart chart(List<Curves.Curve> curves, String x, String y, String title) {
        boolean log = logScale(y);
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Curves.Curve c : curves) {
            YIntervalSeries s = new YIntervalSeries(c.label() + " [" + c.seeds() + (c.seeds() == 1 ? " seed]" : " seeds]"));
            for (int i = 0; i < c.x().length; i++) {
                double m = c.mean()[i];
                double se = Double.isNaN(c.sem()[i]) ? 0 : c.sem()[i];
                if (log && !(m > 0)) {
                    continue; // log axes cannot show values <= 0
                }
                double lo = log ? Math.max(m - se, m * 1e-3) : m - se;
                s.add(c.x()[i], m, lo, m + se);
            }
            data.addSeries(s);
        }
        ValueAxis yAxis;
        if (log) {
            yAxis = DecadeAxis.of(axisLabel(y) + " (log scale)");
        } else {
            NumberAxis axis = new NumberAxis(axisLabel(y));
            axis.setAutoRangeIncludesZero(false);
            yAxis = axis;
        }
        NumberAxis xAxis = new NumberAxis(axisLabel(x));
        xAxis.setAutoRangeIncludesZero(false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            Color color = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesFillPaint(i, color);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setAlpha(0.2f);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Writes the chart to file (.png or .svg), atomically. */
    public static void write(JFreeChart chart, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            AtomicFiles.write(file, o -> ChartUtils.writeChartAsPNG(o, chart, WIDTH, HEIGHT));
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            byte[] svg = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, o -> o.write(svg));
        } else {
            throw new IllegalArgumentException("--out must end in .png or .svg, got " + file);
        }
    }
}
