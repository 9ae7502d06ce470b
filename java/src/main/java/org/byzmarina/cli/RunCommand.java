package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.byzmarina.experiment.Experiment;
import org.byzmarina.experiment.RunConfig;

/**
 * {@code run}: one simulation of Byz-VR-MARINA-PP or a relative. Its flags are the registry's
 * settings (each component declares its own); unset settings take their defaults, the paper's
 * setting on the built-in synthetic problem.
 */
@Parameters(commandDescription = "Run one simulation (defaults: the paper's setting on a built-in synthetic problem)")
final class RunCommand extends SettingsCommand {
    @Parameter(names = "--config", description = "JSON file of run settings (keys are the flags without dashes; flags win)")
    String config;
    @Parameter(names = "--out", description = "output folder (default runs/run-<time>)")
    String out;

    @Override
    boolean quiet() {
        return config().output().quiet();
    }

    private RunConfig resolved;

    /** The flags resolved into a checked configuration (once). */
    RunConfig config() {
        if (resolved == null) {
            resolved = RunConfig.of(settings.values(), out != null ? Path.of(out) : defaultOut());
        }
        return resolved;
    }

    @Override
    String usage() {
        return Help.run();
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
        RunConfig c = config();
        Experiment.Result r;
        if (c.output().dryRun()) {
            try {
                printJson(stdout, Experiment.dryRun(c));
            } catch (IOException e) {
                throw ioError(e);
            }
            return Main.OK;
        }
        boolean quiet = c.output().quiet();
        try {
            org.byzmarina.io.TempFolders.removeStale(c.output().out()); // what killed runs of the same --out left
            r = Experiment.run(c, ProgressBars.rounds(quiet, stderr));
        } catch (IOException e) {
            throw ioError(e);
        }
        if (!quiet) {
            stdout.printf(Locale.ROOT, "%s after %d rounds in %.2f s: loss %s, gap %s, %d uplink bits%s%n",
                    r.diverged() ? "diverged" : "done", r.rounds(), r.wallSeconds(), fmt(r.finalLoss()), fmt(r.finalGap()),
                    r.bits(), r.nonFinite() > 0 ? ", " + r.nonFinite() + " non-finite vectors zeroed" : "");
            stdout.println("results: " + r.out().resolve("metrics.csv") + " and " + r.out().resolve("run.json"));
        }
        return Main.OK;
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static Path defaultOut() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = Path.of("runs", "run-" + stamp);
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("runs", "run-" + stamp + "-" + i);
        }
        return p;
    }
}
