package org.byzmarina.attacks;

/** The standard normal quantile function Φ⁻¹ (for ALIE's z). */
final class Normal {
    private Normal() {
    }

    static double cdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** Φ⁻¹(p) for 0 < p < 1: bisection to bracket, then Newton steps on cdf (accurate to ~1e-14). */
    static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + p);
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double x = 0.5 * (lo + hi);
        for (int i = 0; i < 3; i++) {
            double density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            if (density > 0) {
                x -= (cdf(x) - p) / density;
            }
        }
        return x;
    }

    /** erfc: Maclaurin series of erf below 2.5, Lentz's continued fraction above (≈ 1e-12 relative). */
    private static double erfc(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            // erf by its Maclaurin series.
            double sum = 0;
            double term = ax;
            int n = 0;
            while (Math.abs(term) > 1e-17 * Math.abs(sum) || n < 3) {
                sum += term / (2 * n + 1);
                n++;
                term *= -ax * ax / n;
                if (n > 200) {
                    break;
                }
            }
            r = 1 - 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // Lentz's continued fraction for erfc.
            double f = ax;
            double c = ax;
            double d = 0;
            for (int k = 1; k < 300; k++) {
                double an = k / 2.0;
                d = ax + an * d;
                d = 1 / d;
                c = ax + an / c;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) {
                    break;
                }
            }
            r = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x >= 0 ? r : 2 - r;
    }
}
