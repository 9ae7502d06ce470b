package org.byzmarina.cli;

import java.io.PrintStream;

/** A CLI command: its parameters are JCommander fields; execute returns the exit code. */
interface Command {
    int execute(PrintStream out, PrintStream err);

    boolean help();

    boolean quiet();
}
