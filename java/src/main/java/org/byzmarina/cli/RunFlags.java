package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The `run` flags as JSON keys (spelled like the flag without its dashes, e.g. "bucket-size"),
 * with their types taken from {@link RunCommand}'s fields. A JSON object becomes the equivalent
 * command-line arguments; an unknown key or a value of the wrong type is an error naming the key
 * and what is allowed.
 */
final class RunFlags {
    /** Keys that are not run settings and may not appear in a config file. */
    private static final List<String> NOT_SETTINGS = List.of("config", "help", "h", "out");

    private RunFlags() {
    }

    /** Flag name (without dashes) → field type, for every `run` setting. */
    static Map<String, Class<?>> all() {
        Map<String, Class<?>> flags = new TreeMap<>();
        for (Field f : RunCommand.class.getDeclaredFields()) {
            Parameter p = f.getAnnotation(Parameter.class);
            if (p == null) {
                continue;
            }
            String name = p.names()[0].replaceFirst("^--?", "");
            if (!NOT_SETTINGS.contains(name) && !name.startsWith("no-")) {
                flags.put(name, f.getType());
            }
        }
        return flags;
    }

    /** Reads a JSON object of run settings. */
    static ObjectNode read(Path file) {
        JsonNode node = readJson(file);
        if (node == null || !node.isObject()) {
            throw new UserError(file + ": a config file must hold one JSON object of run settings");
        }
        return (ObjectNode) node;
    }

    /** Reads any JSON document, failing with one line naming the file and the problem. */
    static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            if (!file.toFile().exists()) {
                throw new UserError(file + ": no such file");
            }
            throw new UserError(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** The arguments equivalent to the object's settings, in key order. */
    static List<String> toArgs(ObjectNode settings, String source) {
        Map<String, Class<?>> flags = all();
        List<String> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            Class<?> type = flags.get(key);
            if (type == null) {
                throw new UserError(source + ": unknown key '" + key + "' (allowed: " + String.join(", ", flags.keySet()) + ")");
            }
            args.addAll(argsFor(key, type, e.getValue(), source));
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
            if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
                throw wrongType(source, key, "an integer", v);
            }
            return List.of(flag, Long.toString(v.longValue()));
        }
        if (type == Double.class) {
            if (!v.isNumber()) {
                throw wrongType(source, key, "a number", v);
            }
            return List.of(flag, v.asText());
        }
        if (key.equals("clip")) {
            if (v.isNumber() || (v.isTextual() && v.asText().equals("none"))) {
                return List.of(flag, v.asText());
            }
            throw wrongType(source, key, "a positive number or \"none\"", v);
        }
        if (NUMBER_OR_WORD.contains(key)) {
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

    /** String-typed settings whose values are usually numbers (--nu 0.1 or rel:0.5, --assumed-byzantine 5 or 0.25). */
    private static final List<String> NUMBER_OR_WORD = List.of("nu", "assumed-byzantine");

    /** Whether the switch --KEY has a --no-KEY form. */
    static boolean hasNegation(String key) {
        for (Field f : RunCommand.class.getDeclaredFields()) {
            Parameter p = f.getAnnotation(Parameter.class);
            if (p != null && p.names()[0].equals("--no-" + key)) {
                return true;
            }
        }
        return false;
    }

    private static UserError wrongType(String source, String key, String expected, JsonNode v) {
        return new UserError(source + ": key '" + key + "' must be " + expected + ", got " + v);
    }

    /** Replaces `--config FILE` in run arguments by the file's settings (flags given on the command line win). */
    static String[] expandConfig(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
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
        ObjectNode settings = read(config);
        for (String arg : rest) {
            if (arg.startsWith("--no-")) {
                settings.remove(arg.substring(5));
            }
            if (arg.startsWith("--")) {
                settings.remove(arg.substring(2));
            }
        }
        List<String> expanded = new ArrayList<>();
        expanded.add("run");
        expanded.addAll(toArgs(settings, config.toString()));
        expanded.addAll(rest);
        return expanded.toArray(new String[0]);
    }
}
