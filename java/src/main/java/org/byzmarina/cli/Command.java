package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import java.io.PrintStream;

/** A CLI command: its parameters are JCommander fields; execute returns the exit code. */
abstract class Command {
    @Parameter(names = {"--help", "-h"}, help = true, description = "Show this command's options")
    private boolean help;

    abstract int execute(PrintStream out, PrintStream err);

    /** True if the command's logging stays at warnings (no info lines). */
    abstract boolean quiet();

    final boolean help() {
        return help;
    }

    /** Adds flags that fields do not declare (registry settings) to this command's parser. */
    void attachSettings(com.beust.jcommander.JCommander command) {
    }

    /** Switch flags that fields do not declare (a switch given twice is refused). */
    java.util.List<String> extraSwitches() {
        return java.util.List.of();
    }

    /** This command's own help text, or null for JCommander's usage. */
    String usage() {
        return null;
    }

    /** An I/O error as a user error: its message names the path ("cannot write PATH: reason"). */
    static UserError ioError(java.io.IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UserError(m.startsWith("cannot ") ? m : "I/O error: " + m);
    }
}
