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
    @Parameter(names = "--best-over", description = "a key (e.g. step) whose value with the lowest final mean is kept per group")
    String bestOver;
    @Parameter(names = "--title", description = "figure title")
    String title;
    @Parameter(names = "--out", description = "FILE.png or FILE.svg")
    String out;


    @Override
    boolean quiet() {
        return true;
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
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
}
