package org.byzmarina.attacks;

import java.util.Locale;

/**
 * The direction p of the min-max and min-sum attacks (Shejwalkar and Houmansadr, NDSS 2021), from the
 * good full vectors' coordinate-wise mean μ and standard deviation σ: −σ ({@code std}), −μ/‖μ‖
 * ({@code unit}) or −sign(μ) ({@code sign}).
 */
public enum Perturbation {
    STD, UNIT, SIGN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Perturbation parse(String s) {
        for (Perturbation p : values()) {
            if (p.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("--perturbation expects std, unit or sign, got '" + s + "'");
    }

    /** p into {@code out}. */
    void direction(double[] mu, double[] sigma, double[] out) {
        double norm = 0;
        for (double v : mu) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < out.length; j++) {
            switch (this) {
                case STD:
                    out[j] = -sigma[j];
                    break;
                case UNIT:
                    out[j] = norm > 0 ? -mu[j] / norm : 0;
                    break;
                default:
                    out[j] = -Math.signum(mu[j]);
            }
        }
    }
}
