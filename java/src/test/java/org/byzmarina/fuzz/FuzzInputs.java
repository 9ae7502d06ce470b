package org.byzmarina.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Seeded input generators for the fuzz tests (Jazzer {@code @FuzzTest}s): the generated inputs are the
 * cases CI runs in regression mode and the seed corpus when fuzzing for real ({@code JAZZER_FUZZ=1}).
 * The same seed gives the same inputs on every machine.
 *
 * <ul>
 *   <li>{@code -Dbyzmarina.fuzz.seed=S}: another seed (default {@value #DEFAULT_SEED});</li>
 *   <li>{@code -Dbyzmarina.fuzz.cases=N}: N generated cases per fuzz target instead of its default.</li>
 * </ul>
 */
public final class FuzzInputs {
    public static final long DEFAULT_SEED = 20261202L;

    private FuzzInputs() {
    }

    /** {@code defaultCases} inputs (or -Dbyzmarina.fuzz.cases) drawn by {@code generator} from a per-target seed. */
    public static Stream<byte[]> generate(String target, int defaultCases, Function<SplittableRandom, byte[]> generator) {
        long seed = Long.getLong("byzmarina.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("byzmarina.fuzz.cases", defaultCases);
        SplittableRandom random = new SplittableRandom(seed ^ (target.hashCode() * 0x9E3779B97F4A7C15L));
        return Stream.generate(() -> generator.apply(random)).limit(cases);
    }

    /**
     * Integers around the limits of int, long and 64-bit unsigned arithmetic (2^31, 2^63, 2^64), and
     * numbers no double holds: where overflow and silent wrapping live.
     */
    public static final String[] EDGE_NUMBERS = {"2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295",
        "4294967296", "4294967316", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "18446744073709551636", "36893488147419103232", "1e19", "2147483647.0",
        "2147483648.0", "9.223372036854775807e18", "1e400", "-1e400", "1e-400", "2.5", "-0.0"};

    /** An integer in [lo, hi]. */
    public static int between(SplittableRandom r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    /** A long in [lo, hi]. */
    public static long between(SplittableRandom r, long lo, long hi) {
        return lo + r.nextLong(hi - lo + 1);
    }

    /** One of the values. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** A string of at most {@code maxLength} characters drawn from {@code chars}. */
    public static String string(SplittableRandom r, String chars, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** A string of at most {@code maxLength} arbitrary code points (any plane, surrogates excluded). */
    public static String anyString(SplittableRandom r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int cp;
            switch (r.nextInt(3)) {
                case 0: cp = r.nextInt(0x80); break;
                case 1: cp = r.nextInt(0x800); break;
                default: cp = r.nextInt(0x110000); break;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = '?';
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** {@code text} with {@code cut} characters at {@code pos} replaced by, or followed by, {@code insert}. */
    public static String mutate(SplittableRandom r, String text, int maxCut, String insertChars, int maxInsert) {
        int pos = r.nextInt(text.length() + 1);
        int end = Math.min(text.length(), pos + r.nextInt(maxCut + 1));
        String insert = string(r, insertChars, maxInsert);
        switch (r.nextInt(3)) {
            case 0: return text.substring(0, pos) + insert + text.substring(end);
            case 1: return text.substring(0, pos) + text.substring(end);
            default: return text.substring(0, pos) + insert + text.substring(pos);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
