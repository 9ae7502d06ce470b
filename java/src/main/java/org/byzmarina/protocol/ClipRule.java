package org.byzmarina.protocol;

import java.util.Locale;

/**
 * How the server sets the clip level λ_{k+1} from g^k (one type for "no clipping" too).
 *
 * <ul>
 *   <li>{@link Mode#NONE}: λ = +∞ (Byz-VR-MARINA, or --clip none);</li>
 *   <li>{@link Mode#PAPER}: λ_{k+1} = α·‖x^{k+1} − x^k‖ = α·γ·‖g^k‖ (the paper, Algorithm 1);</li>
 *   <li>{@link Mode#CODE}: λ_{k+1} = c·‖g^k‖ (the authors' code, --clip-mode code; c = α·γ).</li>
 * </ul>
 */
public record ClipRule(Mode mode, double multiplier) {
    public enum Mode { NONE, PAPER, CODE }

    public static final ClipRule NONE = new ClipRule(Mode.NONE, Double.POSITIVE_INFINITY);

    public ClipRule {
        if (mode != Mode.NONE && !(multiplier > 0 && Double.isFinite(multiplier))) {
            throw new IllegalArgumentException("--clip must be a positive number or none, got " + multiplier);
        }
    }

    public static ClipRule paper(double alpha) {
        return new ClipRule(Mode.PAPER, alpha);
    }

    public static ClipRule code(double multiplier) {
        return new ClipRule(Mode.CODE, multiplier);
    }

    public boolean clips() {
        return mode != Mode.NONE;
    }

    /** λ for an estimator of norm ‖g‖ and step γ (+∞ without clipping). */
    public double level(double gNorm, double step) {
        switch (mode) {
            case PAPER:
                return multiplier * step * gNorm;
            case CODE:
                return multiplier * gNorm;
            default:
                return Double.POSITIVE_INFINITY;
        }
    }

    /** e.g. "paper(1.0)", "code(0.1)", "none". */
    public String describe() {
        return mode == Mode.NONE ? "none" : mode.name().toLowerCase(Locale.ROOT) + "(" + multiplier + ")";
    }
}
