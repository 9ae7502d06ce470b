package org.byzmarina.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.byzmarina.protocol.Progress;

/** Progress bars on stderr (me.tongfei:progressbar), only when stderr is a terminal and not --quiet. */
final class ProgressBars {
    private ProgressBars() {
    }

    static boolean enabled(boolean quiet) {
        return !quiet && System.console() != null;
    }

    /** A bar counting rounds of one run ("rounds/s" and ETA). */
    static Progress rounds(boolean quiet, PrintStream err) {
        if (!enabled(quiet)) {
            return Progress.NONE;
        }
        return new Progress() {
            private ProgressBar bar;

            @Override
            public void start(long rounds) {
                bar = builder("run", rounds, "rounds", err).build();
            }

            @Override
            public void advanced(long done) {
                if (done % 64 == 0 || done == bar.getMax()) {
                    bar.stepTo(done);
                }
            }

            @Override
            public void end() {
                bar.close();
            }
        };
    }

    static ProgressBarBuilder builder(String task, long max, String unit, PrintStream err) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).setConsumer(
                        new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(200);
    }
}
