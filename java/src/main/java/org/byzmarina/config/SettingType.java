package org.byzmarina.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.byzmarina.io.UserText;

/**
 * How a setting's value is written and checked: parsed from the text a user typed (a flag's value,
 * or a JSON value turned into text), shown in run.json and help, and typed for JSON configs (whose
 * numbers are checked exactly before they become text).
 *
 * @param json     what a JSON config must hold: Integer, Long, Double, Boolean or String (a string
 *                 type may also accept numbers: {@link #numbersAsText})
 * @param expected what a valid value is, for messages ("an integer >= 1")
 */
public record SettingType<T>(Class<?> json, String expected, Function<String, T> parser, Function<T, Object> shower,
                             boolean numbersAsText) {

    /** Parses the user's text; an IllegalArgumentException names the flag, what is expected and the text. */
    public T parse(String flag, String text) {
        try {
            T v = parser.apply(text.trim());
            if (v != null) {
                return v;
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("--")) {
                throw e; // already names the flag
            }
        }
        throw new IllegalArgumentException(flag + " expects " + expected + ", got " + UserText.quote(text));
    }

    /** The value as run.json holds it (a number, a string or a boolean). */
    public Object show(T value) {
        return value == null ? null : shower.apply(value);
    }

    public static SettingType<Integer> integer(int min, int max) {
        String what = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        return new SettingType<>(Integer.class, what, t -> {
            long v = Long.parseLong(t);
            return v >= min && v <= max ? (int) v : null;
        }, v -> v, false);
    }

    public static SettingType<Long> longInteger(long min) {
        return new SettingType<>(Long.class, min == Long.MIN_VALUE ? "an integer" : "an integer >= " + min, t -> {
            long v = Long.parseLong(t);
            return v >= min ? v : null;
        }, v -> v, false);
    }

    /** A finite number >= min (strictly above it if {@code strict}). */
    public static SettingType<Double> number(double min, boolean strict) {
        String what = min == Double.NEGATIVE_INFINITY ? "a finite number"
                : (strict ? "a number > " : "a number >= ") + format(min);
        return new SettingType<>(Double.class, what, t -> {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) && (strict ? v > min : v >= min) ? v : null;
        }, v -> v, false);
    }

    /** A number in [lo, hi). */
    public static SettingType<Double> range(double lo, double hi, boolean hiInclusive) {
        return new SettingType<>(Double.class, "a number in [" + format(lo) + ", " + format(hi) + (hiInclusive ? "]" : ")"), t -> {
            double v = Double.parseDouble(t);
            return v >= lo && (hiInclusive ? v <= hi : v < hi) ? v : null;
        }, v -> v, false);
    }

    public static final SettingType<Boolean> SWITCH = new SettingType<>(Boolean.class, "true or false", t -> {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                return null;
        }
    }, v -> v, false);

    public static final SettingType<String> TEXT = new SettingType<>(String.class, "a non-empty string",
            t -> t.isEmpty() ? null : t, v -> v, false);

    /** One of the given words (case-insensitive), held in lower case. */
    public static SettingType<String> choice(List<String> words) {
        return new SettingType<>(String.class, "one of " + String.join(", ", words), t -> {
            String w = t.toLowerCase(Locale.ROOT);
            return words.contains(w) ? w : null;
        }, v -> v, false);
    }

    /** A string-typed setting with its own parser (a JSON number is accepted as its text). */
    public static <T> SettingType<T> custom(String expected, Function<String, T> parser, Function<T, Object> shower) {
        return new SettingType<>(String.class, expected, parser, shower, true);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
