package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.byzmarina.io.AtomicFiles;
import org.byzmarina.io.UserText;
import org.byzmarina.plot.Curves;
import org.byzmarina.plot.Plotter;

/** {@code plot}: a figure from a sweep folder (mean over seeds ± one standard error). */
@Parameters(commandDescription = "Plot a sweep: one line per group, mean over seeds with a band of one standard error")
final class PlotCommand extends Command {
    private static final List<String> Y = List.of("gap", "loss", "grad_norm_sq", "test_accuracy", "test_loss", "estimator_error");
    private static final List<String> X = List.of("round", "epoch", "client_epochs", "bits", "oracle_calls", "wall_s");

    @Parameter(description = "DIR (a sweep folder with index.csv)")
    List<String> dir = new ArrayList<>();
    @Parameter(names = "--y", description = "gap | loss | grad_norm_sq | test_accuracy | test_loss | estimator_error")
    String y = "gap";
    @Parameter(names = "--x", description = "round | epoch | client_epochs | bits | oracle_calls | wall_s")
    String x = "epoch";
    @Parameter(names = "--group-by", description = "comma-separated keys making a line (default: every varying key but seed and --best-over)")
    String groupBy;
    @Parameter(names = "--best-over", description = "a key (e.g. step) whose value with the lowest final mean (highest for test_accuracy) is kept per group")
    String bestOver;
    @Parameter(names = "--title", description = "figure title")
    String title;
    @Parameter(names = "--out", description = "FILE.png or FILE.svg")
    String out;
    @Parameter(names = "--heatmap", description = "DIR: draw a robustness matrix of this sweep instead of curves")
    String heatmap;
    @Parameter(names = "--rows", description = "heatmap: the key whose values make the rows (e.g. aggregator)")
    String rows = "aggregator";
    @Parameter(names = "--cols", description = "heatmap: the key whose values make the columns (e.g. attack)")
    String cols = "attack";
    @Parameter(names = "--value", description = "heatmap: final_gap | final_loss | bits | wall_s (mean over seeds)")
    String value = "final_gap";
    @Parameter(names = "--where", description = "heatmap: comma-separated key=value filters (e.g. participation=PP)")
    String where;


    @Override
    boolean quiet() {
        return true;
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
        if (heatmap != null) {
            return heatmap(stdout);
        }
        if (dir.size() != 1) {
            throw new UserError("plot needs exactly one sweep folder, got " + dir.size());
        }
        if (!Y.contains(y)) {
            throw new UserError("--y must be one of " + String.join(", ", Y) + "; got " + UserText.quote(y));
        }
        if (!X.contains(x)) {
            throw new UserError("--x must be one of " + String.join(", ", X) + "; got " + UserText.quote(x));
        }
        if (out == null) {
            throw new UserError("--out FILE.png or FILE.svg is required");
        }
        String lower = out.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".png") && !lower.endsWith(".svg")) {
            throw new UserError("--out must end in .png or .svg, got " + UserText.quote(out));
        }
        System.setProperty("java.awt.headless", "true");
        List<String> keys = new ArrayList<>();
        if (groupBy != null) {
            for (String k : groupBy.split(",")) {
                if (!k.isBlank()) {
                    keys.add(k.trim());
                }
            }
        }
        try {
            AtomicFiles.requireFolder(Path.of(out), Path.of(out).toAbsolutePath().getParent()); // before the work
            Path sweep = Path.of(dir.get(0));
            List<Curves.Curve> curves = Curves.compute(sweep, x, y, keys, bestOver);
            Plotter.write(Plotter.chart(curves, x, y, title != null ? title : sweep.getFileName().toString()), Path.of(out));
            stdout.println("wrote " + out + " (" + curves.size() + (curves.size() == 1 ? " line)" : " lines)"));
            return Main.OK;
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private static final List<String> VALUES = List.of("final_gap", "final_loss", "bits", "wall_s");

    private int heatmap(PrintStream stdout) {
        if (!dir.isEmpty()) {
            throw new UserError("--heatmap takes the sweep folder itself; drop " + UserText.quote(dir.get(0)));
        }
        if (!VALUES.contains(value)) {
            throw new UserError("--value must be one of " + String.join(", ", VALUES) + "; got " + UserText.quote(value));
        }
        if (out == null || !(out.toLowerCase(Locale.ROOT).endsWith(".png") || out.toLowerCase(Locale.ROOT).endsWith(".svg"))) {
            throw new UserError("--out FILE.png or FILE.svg is required" + (out == null ? "" : ", got " + UserText.quote(out)));
        }
        java.util.Map<String, String> filters = new java.util.LinkedHashMap<>();
        if (where != null) {
            for (String kv : where.split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("--where expects key=value pairs, got " + UserText.quote(kv));
                }
                filters.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        System.setProperty("java.awt.headless", "true");
        try {
            AtomicFiles.requireFolder(Path.of(out), Path.of(out).toAbsolutePath().getParent());
            Path sweep = Path.of(heatmap);
            org.byzmarina.plot.Heatmap.Matrix m = org.byzmarina.plot.Heatmap.compute(sweep, rows, cols, value, filters);
            org.byzmarina.plot.Heatmap.write(m, title != null ? title : sweep.getFileName().toString(), Path.of(out));
            stdout.println("wrote " + out + " (" + m.rows().size() + " x " + m.cols().size() + " cells and a worst-case column)");
            return Main.OK;
        } catch (IOException e) {
            throw ioError(e);
        }
    }
}
