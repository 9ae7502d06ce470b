package org.byzmarina.cli;

import com.beust.jcommander.JCommander;
import java.io.IOException;
import java.io.PrintStream;
import org.byzmarina.registry.Registry;

/** A command whose flags are the registry's run settings (run, theory). */
abstract class SettingsCommand extends Command {
    /** The registry's settings, as flags. */
    final SettingParameters settings = new SettingParameters(Registry.settings());

    @Override
    void attachSettings(JCommander command) {
        settings.attachTo(command);
    }

    @Override
    java.util.List<String> extraSwitches() {
        return settings.switchFlags();
    }

    /** Prints a JSON value, indented, on one stream. */
    static void printJson(PrintStream out, Object value) {
        try {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw ioError(e);
        }
    }
}
