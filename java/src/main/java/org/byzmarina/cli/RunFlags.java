package org.byzmarina.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.byzmarina.io.JsonFiles;
import org.byzmarina.config.Setting;
import org.byzmarina.io.UserText;
import org.byzmarina.registry.Registry;

/**
 * The `run` flags as JSON keys (spelled like the flag without its dashes, e.g. "bucket-size"),
 * with their types taken from the registry's settings. A JSON object becomes the equivalent
 * command-line arguments; an unknown key or a value of the wrong type is an error naming the key
 * and what is allowed.
 */
final class RunFlags {
    /** Keys that are not run settings and may not appear in a config file. */
    private static final List<String> NOT_SETTINGS = List.of("config", "help", "h", "out");

    private RunFlags() {
    }

    /** Setting key → the type a JSON config must hold (boolean.class for a switch), for every `run` setting. */
    static Map<String, Class<?>> all() {
        Map<String, Class<?>> flags = new TreeMap<>();
        for (Setting<?> s : Registry.settings()) {
            flags.put(s.key(), s.isSwitch() ? boolean.class : s.type().json());
        }
        return flags;
    }

    /** Reads a JSON object of run settings, with the line of each key. */
    static JsonFiles.Document read(Path file) {
        JsonFiles.Document doc = JsonFiles.readWithLines(file);
        if (!doc.root().isObject()) {
            throw new UserError(file + ": a config file must hold one JSON object of run settings, got " + UserText.json(doc.root()));
        }
        return doc;
    }

    /** The arguments equivalent to the object's settings, in key order. */
    static List<String> toArgs(ObjectNode settings, String source) {
        return toArgs(settings, key -> source);
    }

    /** As {@link #toArgs(ObjectNode, String)}, naming the source (file and line) of each key in messages. */
    static List<String> toArgs(ObjectNode settings, Function<String, String> sourceOf) {
        Map<String, Class<?>> flags = all();
        List<String> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            Class<?> type = flags.get(key);
            if (type == null) {
                throw new UserError(sourceOf.apply(key) + ": unknown key " + UserText.quote(key) + " (allowed: "
                        + String.join(", ", flags.keySet()) + ")");
            }
            args.addAll(argsFor(key, type, e.getValue(), sourceOf.apply(key)));
        }
        return args;
    }

    private static List<String> argsFor(String key, Class<?> type, JsonNode v, String source) {
        String flag = "--" + key;
        if (type == boolean.class) {
            if (!v.isBoolean()) {
                throw wrongType(source, key, "true or false", v);
            }
            // false is explicit where the switch has a --no- form (it then wins over a preset).
            return v.booleanValue() ? List.of(flag) : hasNegation(key) ? List.of("--no-" + key) : List.of();
        }
        if (type == Boolean.class) {
            if (!v.isBoolean()) {
                throw wrongType(source, key, "true or false", v);
            }
            return List.of(flag, Boolean.toString(v.booleanValue()));
        }
        if (type == Integer.class || type == Long.class) {
            return List.of(flag, integer(key, type == Integer.class, v, source).toString());
        }
        if (type == Double.class) {
            return List.of(flag, number(key, v, source, "a number"));
        }
        if (key.equals("clip")) {
            if (v.isTextual() && (v.asText().equals("none") || v.asText().equals("theory"))) {
                return List.of(flag, v.asText());
            }
            return List.of(flag, number(key, v, source, "a positive number, \"none\" or \"theory\""));
        }
        if (key.equals("step")) {
            if (v.isTextual() && v.asText().equals("theory")) {
                return List.of(flag, "theory");
            }
            return List.of(flag, number(key, v, source, "a positive number or \"theory\""));
        }
        if (numbersAsText(key)) {
            if (v.isNumber() || v.isTextual()) {
                return List.of(flag, v.asText());
            }
            throw wrongType(source, key, "a number or a string", v);
        }
        if (!v.isTextual()) {
            throw wrongType(source, key, "a string", v);
        }
        return List.of(flag, v.asText());
    }

    /** String-typed settings whose values may be written as JSON numbers (--nu 0.1 or rel:0.5, --clip 1 or none). */
    private static boolean numbersAsText(String key) {
        Setting<?> s = Registry.setting(key);
        return s != null && s.type().numbersAsText();
    }

    /** Whether the switch --KEY has a --no-KEY form. */
    static boolean hasNegation(String key) {
        Setting<?> s = Registry.setting(key);
        return s != null && s.negatable();
    }

    /**
     * The exact integer of a JSON number for an int or long flag: refused if it has a fraction or lies
     * outside the flag's range (nothing wraps: 18446744073709551636 is not 20).
     */
    static BigInteger integer(String key, boolean isInt, JsonNode v, String source) {
        BigInteger lo = BigInteger.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
        BigInteger hi = BigInteger.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
        String expected = "an integer from " + lo + " to " + hi;
        if (!v.isNumber()) {
            throw wrongType(source, key, expected, v);
        }
        BigInteger value;
        try {
            value = v.isIntegralNumber() ? v.bigIntegerValue()
                    : Double.isFinite(v.doubleValue()) || v.isBigDecimal() ? v.decimalValue().toBigIntegerExact() : null;
        } catch (ArithmeticException e) {
            value = null; // a fraction
        }
        if (value == null) {
            throw new UserError(source + ": key " + UserText.quote(key) + " must be an integer, got " + UserText.json(v)
                    + " (it has a fraction)");
        }
        if (value.compareTo(lo) < 0 || value.compareTo(hi) > 0) {
            throw wrongType(source, key, expected, v);
        }
        return value;
    }

    /** A JSON number for a double flag, refused if no double holds it (e.g. 1e400). */
    private static String number(String key, JsonNode v, String source, String expected) {
        if (!v.isNumber()) {
            throw wrongType(source, key, expected, v);
        }
        if (v.isBigDecimal() || !Double.isFinite(v.doubleValue())) {
            throw new UserError(source + ": key " + UserText.quote(key) + " must be a number a double holds (magnitude 4.9e-324"
                    + " to 1.8e308), got " + UserText.json(v));
        }
        return v.isIntegralNumber() ? v.asText() : Double.toString(v.doubleValue());
    }

    private static UserError wrongType(String source, String key, String expected, JsonNode v) {
        return new UserError(source + ": key " + UserText.quote(key) + " must be " + expected + ", got " + UserText.json(v));
    }

    /** Replaces `--config FILE` in run arguments by the file's settings (flags given on the command line win). */
    static String[] expandConfig(String[] args) {
        if (args.length == 0 || !(args[0].equals("run") || args[0].equals("theory"))) {
            return args;
        }
        List<String> rest = new ArrayList<>();
        Path config = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new UserError("--config expects a JSON file");
                }
                if (config != null) {
                    throw new UserError("--config may be given once");
                }
                config = Path.of(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (config == null) {
            return args;
        }
        // A flag given on the command line wins: the file's setting for it is dropped (not merely
        // overwritten: JCommander toggles a boolean flag given twice).
        JsonFiles.Document doc = read(config);
        ObjectNode settings = (ObjectNode) doc.root();
        for (String arg : rest) {
            if (arg.startsWith("--no-")) {
                settings.remove(arg.substring(5));
            }
            if (arg.startsWith("--")) {
                settings.remove(arg.substring(2));
            }
        }
        List<String> expanded = new ArrayList<>();
        expanded.add(args[0]);
        expanded.addAll(toArgs(settings, key -> doc.where("/" + key.replace("~", "~0").replace("/", "~1"))));
        expanded.addAll(rest);
        return expanded.toArray(new String[0]);
    }
}
