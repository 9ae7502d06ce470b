package org.byzmarina.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.byzmarina.io.InputException;
import org.byzmarina.io.UserText;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.kernels.NativeUnavailableException;

/**
 * The byzmarina command line. Parses, validates and dispatches; the library does the work and
 * logs, only this layer prints. Exit codes: 0 success, 2 user error (one line on stderr), 1 a bug.
 */
public final class Main {
    static final int OK = 0;
    static final int BUG = 1;
    static final int USER_ERROR = 2;

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its handler. */
    private static final Logger LIBRARY_LOGGER = Logger.getLogger("org.byzmarina");

    @Parameter(names = {"--help", "-h"}, help = true, description = "Show this help")
    private boolean help;

    @Parameter(names = "--version", description = "Print the version")
    private boolean version;

    private static final java.util.List<String> COMMANDS = java.util.List.of("run", "sweep", "plot", "aggregate", "list", "theory");
    /** Commands that use native code (OpenBLAS, the kernels); plot does not. */
    private static final java.util.List<String> NATIVE_COMMANDS = java.util.List.of("run", "sweep", "aggregate", "theory");

    private Main() {
    }

    private static Object newCommand(String name) {
        switch (name) {
            case "run": return new RunCommand();
            case "sweep": return new SweepCommand();
            case "plot": return new PlotCommand();
            case "list": return new ListCommand();
            case "theory": return new TheoryCommand();
            default: return new AggregateCommand();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI and returns its exit code (used by the tests without a subprocess). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && NATIVE_COMMANDS.contains(args[0])) {
            // On this (the main) thread before any other thread starts: see NativeLoading. A run loads
            // OpenBLAS later, only if its problem may call it (experiment.Experiment); the other
            // commands (a sweep's runs are on pool threads) load it now.
            NativeLoading.loadCommon();
            if (!args[0].equals("run")) {
                NativeLoading.loadOpenBlas();
            }
            if (!args[0].equals("aggregate")) {
                warmUpJson();
            }
        }
        Main main = new Main();
        JCommander.Builder builder = parser()
                .programName("java -jar byzmarina.jar")
                .allowParameterOverwriting(true) // a config file's settings come first; later flags win
                .addObject(main);
        // Only the command asked for is built (JCommander's reflection costs tens of ms per command);
        // all of them when there is none to show the overview.
        String asked = args.length > 0 ? args[0] : "";
        for (String name : COMMANDS) {
            if (!COMMANDS.contains(asked) || name.equals(asked)) {
                builder.addCommand(name, newCommand(name));
            }
        }
        JCommander jc = builder.build();
        for (JCommander sub : jc.getCommands().values()) {
            ((Command) sub.getObjects().get(0)).attachSettings(sub);
        }
        try {
            String[] expanded = RunFlags.expandConfig(args);
            rejectRepeatedSwitches(expanded);
            jc.parse(expanded);
            String command = jc.getParsedCommand();
            if (main.version) {
                out.println("byzmarina " + Version.VERSION);
                return OK;
            }
            if (main.help || command == null) {
                StringBuilder sb = new StringBuilder();
                jc.getUsageFormatter().usage(sb);
                out.print(sb);
                return command == null && !main.help ? USER_ERROR : OK;
            }
            Command cmd = (Command) jc.getCommands().get(command).getObjects().get(0);
            if (cmd.help()) {
                String own = cmd.usage();
                if (own != null) {
                    out.print(own);
                    return OK;
                }
                StringBuilder sb = new StringBuilder();
                jc.getUsageFormatter().usage(command, sb);
                out.print(sb);
                return OK;
            }
            configureLogging(err, cmd.quiet());
            return cmd.execute(out, err);
        } catch (ParameterException e) {
            err.println("error: " + oneLine(reword(e.getMessage(), args)));
            return USER_ERROR;
        } catch (UserError | InputException | IllegalArgumentException | NativeUnavailableException e) {
            err.println("error: " + oneLine(e.getMessage()));
            return USER_ERROR;
        } catch (java.io.UncheckedIOException e) { // an I/O error that reached here unconverted is still not a bug
            err.println("error: " + oneLine(Command.ioError(e.getCause()).getMessage()));
            return USER_ERROR;
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (" + oneLine(e.getMessage()) + "); raise the JVM's limit with java -Xmx<size>");
            return USER_ERROR;
        } catch (RuntimeException e) {
            err.println("internal error (please report): " + e);
            if (System.getenv("BYZMARINA_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return BUG;
        }
    }

    /**
     * Pays Jackson's first-use class loading (~0.2 s) on a background thread while the command parses
     * its flags and reads its data. It touches no native code; it is a {@link NativeLoading#startHelper}
     * thread, so a library loaded later (a run's OpenBLAS, libtorch) waits for it to end first.
     */
    private static void warmUpJson() {
        NativeLoading.startHelper("byzmarina-warm-up", () -> {
            try {
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                json.writerWithDefaultPrettyPrinter().writeValueAsString(json.createObjectNode().put("warm", 1.0));
            } catch (RuntimeException | LinkageError | java.io.IOException e) {
                // only a warm-up: whoever uses Jackson reports its problems
            }
        });
    }

    /**
     * A switch (a flag without a value, such as --nnm) given twice is refused: JCommander would
     * toggle it back off, silently.
     */
    private static void rejectRepeatedSwitches(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return;
        }
        java.util.Set<String> switches = new java.util.HashSet<>(((Command) newCommand(args[0])).extraSwitches());
        for (Class<?> c = newCommand(args[0]).getClass(); c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                Parameter p = f.getAnnotation(Parameter.class);
                if (p != null && f.getType() == boolean.class) {
                    switches.addAll(java.util.List.of(p.names()));
                }
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String a : args) {
            if (switches.contains(a) && !seen.add(a)) {
                throw new UserError(a + " is given twice");
            }
        }
    }

    /** A JCommander builder with byzmarina's number converters (exact ranges, values shown as written). */
    static JCommander.Builder parser() {
        return JCommander.newBuilder().addConverterFactory(new Converters());
    }

    private static final java.util.regex.Pattern MAIN_PARAMETER =
            java.util.regex.Pattern.compile("(?s)Was passed main parameter '(.*)' but no main parameter was defined.*");
    private static final java.util.regex.Pattern EXPECTED_VALUE = java.util.regex.Pattern.compile("(?s)Expected a value after parameter (.*)");
    private static final java.util.regex.Pattern EXPECTED_COMMAND = java.util.regex.Pattern.compile("(?s)Expected a command, got (.*)");

    /** JCommander's messages in byzmarina's words ("unknown option --bogus; see `run --help`"). */
    static String reword(String message, String[] args) {
        String command = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] + " --help" : "--help";
        java.util.regex.Matcher m;
        if (message == null) {
            return "(no message)";
        }
        if ((m = MAIN_PARAMETER.matcher(message)).matches()) {
            String arg = m.group(1);
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                String option = eq > 0 ? arg.substring(0, eq) : arg;
                String hint = option.equals("--model") && org.byzmarina.registry.Registry.setting("model") == null
                        ? " (neural networks are in nn/target/byzmarina-nn.jar, the same CLI with libtorch)" : "";
                return "unknown option " + UserText.show(option) + hint + "; see `" + command + "`";
            }
            return "unexpected argument " + UserText.quote(arg) + "; see `" + command + "`";
        }
        if ((m = EXPECTED_VALUE.matcher(message)).matches()) {
            return UserText.show(m.group(1)) + " expects a value; see `" + command + "`";
        }
        if ((m = EXPECTED_COMMAND.matcher(message)).matches()) {
            return "unknown command " + UserText.quote(m.group(1)) + " (expected " + String.join(", ", COMMANDS) + "); see `--help`";
        }
        return message;
    }

    private static final java.util.regex.Pattern LONG_QUOTED = java.util.regex.Pattern.compile("(?s)'([^']{" + (UserText.MAX + 1) + ",})'");
    private static final java.util.regex.Pattern ALREADY_CUT = java.util.regex.Pattern.compile("(?s).*… \\(\\d+ characters\\)");

    /** Longest word (a run of non-spaces) an error message shows whole; a longer one is a value to cut. */
    private static final int LONGEST_WORD = 200;

    /**
     * The message on one line: control characters escaped and any word longer than
     * {@value #LONGEST_WORD} characters cut (a safety net for values echoed by code that does not use
     * {@link UserText}, such as a 10 MB path).
     */
    static String oneLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        // A quoted value ('...') of more than UserText.MAX characters is cut like UserText.quote cuts it.
        String cut = LONG_QUOTED.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                ALREADY_CUT.matcher(m.group(1)).matches() ? m.group() : UserText.quote(m.group(1))));
        StringBuilder out = new StringBuilder();
        for (String word : cut.replace('\n', ' ').replace('\r', ' ').trim().split(" ", -1)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word.length() > LONGEST_WORD ? UserText.show(word) : UserText.escape(word));
        }
        return out.toString();
    }

    /** Library log records go to stderr as one short line each; quiet keeps only warnings. */
    private static void configureLogging(PrintStream err, boolean quiet) {
        Logger root = LIBRARY_LOGGER;
        root.setUseParentHandlers(false);
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Formatter format = new Formatter() {
            @Override
            public String format(LogRecord r) {
                return "[byzmarina] " + (r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "")
                        + formatMessage(r);
            }
        };
        // A plain handler on the given stream (ConsoleHandler would close System.err when redirected).
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    err.println(format.format(r));
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        Level level = quiet ? Level.WARNING : Level.INFO;
        handler.setLevel(level);
        root.setLevel(level);
        root.addHandler(handler);
    }
}
