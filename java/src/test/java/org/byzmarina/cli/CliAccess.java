package org.byzmarina.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.byzmarina.experiment.RunConfig;

/** Test access to the CLI's package-private parsing. */
public final class CliAccess {
    private CliAccess() {
    }

    /** A sweep point's settings as the run command resolves them. */
    public static RunConfig specFrom(ObjectNode settings, String source, Path out) {
        return SweepCommand.specFrom(settings, source, out);
    }
}
