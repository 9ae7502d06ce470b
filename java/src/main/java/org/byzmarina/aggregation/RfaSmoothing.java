package org.byzmarina.aggregation;

import java.util.Arrays;
import java.util.Locale;

/**
 * RFA's smoothing ν (docs/algorithm.md "RFA"): an absolute value (0.1 in the paper's code), or
 * {@code rel:R}, ν = R × the median of the inputs' norms (scale-free).
 *
 * <p>With an absolute ν every weight is 1/ν, and RFA returns the plain mean, whenever every input
 * lies within ν of z; in difference rounds, whose inputs are at most λ long, that is the usual case
 * with ν = 0.1. A relative ν keeps the Weiszfeld weights informative at any scale.
 */
public record RfaSmoothing(double value, boolean relative) {
    public static final RfaSmoothing DEFAULT = new RfaSmoothing(0.1, false);
    /** ν is never below this (a relative ν over all-zero inputs would be 0). */
    static final double FLOOR = 1e-30;

    public RfaSmoothing {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("RFA smoothing " + (relative ? "rel:" : "") + "nu must be positive and finite, got " + value);
        }
    }

    /** "0.1" (absolute) or "rel:0.5" (relative to the median input norm). */
    public static RfaSmoothing parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        boolean rel = t.startsWith("rel:");
        String number = rel ? t.substring(4) : t;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--nu expects a positive number or rel:R, got '" + s + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("--nu expects a positive number or rel:R with R > 0, got '" + s + "'");
        }
        return new RfaSmoothing(v, rel);
    }

    /** ν for inputs whose squared norms are {@code sqNorms[0..m)} (only read when relative). */
    public double nuFor(double[] sqNorms, int m) {
        if (!relative) {
            return value;
        }
        double[] norms = new double[m];
        for (int i = 0; i < m; i++) {
            norms[i] = Math.sqrt(sqNorms[i]);
        }
        Arrays.sort(norms);
        double median = m % 2 == 1 ? norms[m / 2] : 0.5 * (norms[m / 2 - 1] + norms[m / 2]);
        return Math.max(FLOOR, value * median);
    }

    /** As run.json holds it: the number, or "rel:R". */
    public Object json() {
        return relative ? label() : (Object) value;
    }

    public String label() {
        return relative ? "rel:" + value : Double.toString(value);
    }
}
