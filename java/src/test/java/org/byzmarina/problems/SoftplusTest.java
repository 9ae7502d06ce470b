package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** Softplus's exp(−a) and log(1 + e) against StrictMath, and its tables against 60-digit BigDecimal series. */
class SoftplusTest {
    private static final MathContext MC = new MathContext(60);

    /** |got − want| in units of want's last place. */
    static double ulps(double got, double want) {
        return got == want ? 0 : Math.abs(got - want) / Math.ulp(want);
    }

    /** atanh(s) = s + s³/3 + s⁵/5 + … (|s| ≤ 1/3: 200 terms are far past 60 digits). */
    private static BigDecimal atanh(BigDecimal s) {
        BigDecimal z = s.multiply(s, MC);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < 200; k++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2 * k + 1), MC), MC);
            power = power.multiply(z, MC);
        }
        return sum;
    }

    /** log c = 2 atanh((c − 1)/(c + 1)). */
    private static BigDecimal log(BigDecimal c) {
        return atanh(c.subtract(BigDecimal.ONE).divide(c.add(BigDecimal.ONE), MC)).multiply(BigDecimal.valueOf(2));
    }

    /** exp(y) = Σ y^k/k! (0 ≤ y < 1: 80 terms). */
    private static BigDecimal exp(BigDecimal y) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 80; k++) {
            sum = sum.add(term, MC);
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC);
        }
        return sum;
    }

    private static void assertDoubleDouble(BigDecimal exact, double hi, double lo, String what) {
        double wantHi = exact.doubleValue();
        double wantLo = exact.subtract(new BigDecimal(wantHi)).doubleValue();
        assertEquals(wantHi, hi, 0, what + " hi");
        assertEquals(wantLo, lo, 0, what + " lo");
    }

    @Test
    void tablesAreTheDoubleDoublesOfTheExactValues() {
        BigDecimal ln2 = log(BigDecimal.valueOf(2));
        assertEquals(32 * 2, Softplus.EXP.length);
        for (int j = 0; j < 32; j++) {
            BigDecimal t = exp(ln2.multiply(BigDecimal.valueOf(j)).divide(BigDecimal.valueOf(32), MC));
            assertDoubleDouble(t, Softplus.EXP[2 * j], Softplus.EXP[2 * j + 1], "2^(" + j + "/32)");
        }
        assertEquals(65 * 2, Softplus.LOG.length);
        for (int i = 0; i <= 64; i++) {
            BigDecimal l = log(BigDecimal.ONE.add(BigDecimal.valueOf(i).divide(BigDecimal.valueOf(64))));
            assertDoubleDouble(l, Softplus.LOG[2 * i], Softplus.LOG[2 * i + 1], "log(1 + " + i + "/64)");
        }
    }

    @Test
    void expNegIsWithinTwoUlpsOfStrictMath() {
        double worst = 0;
        for (double a = 0; a <= 760; a += 1.0 / 1024) {  // a grid through the fast range, its limit and underflow
            worst = Math.max(worst, ulps(Softplus.expNeg(a), StrictMath.exp(-a)));
        }
        SplitMix64 rng = new SplitMix64(11);
        for (int n = 0; n < 1_000_000; n++) {
            double a = n % 2 == 0 ? 40 * rng.nextDouble() : 760 * rng.nextDouble();
            worst = Math.max(worst, ulps(Softplus.expNeg(a), StrictMath.exp(-a)));
        }
        assertTrue(worst <= 2, "max error " + worst + " ulp");
        assertEquals(1.0, Softplus.expNeg(0), 0);
        assertEquals(0.0, Softplus.expNeg(800), 0);
        assertEquals(0.0, Softplus.expNeg(Double.POSITIVE_INFINITY), 0);
        assertTrue(Double.isNaN(Softplus.expNeg(Double.NaN)));
    }

    @Test
    void log1pIsWithinTwoUlpsOfStrictMath() {
        double worst = 0;
        for (int k = 0; k <= 1 << 20; k++) {  // e = k/2²⁰ on [0, 1], bucket edges i/64 included
            double e = k / (double) (1 << 20);
            worst = Math.max(worst, ulps(Softplus.log1p(e), StrictMath.log1p(e)));
        }
        SplitMix64 rng = new SplitMix64(12);
        for (int n = 0; n < 1_000_000; n++) {
            // uniform on [0, 1], and e = exp(−a) as the loss makes it (down to subnormals and 0)
            double e = n % 2 == 0 ? rng.nextDouble() : StrictMath.exp(-760 * rng.nextDouble());
            worst = Math.max(worst, ulps(Softplus.log1p(e), StrictMath.log1p(e)));
        }
        assertTrue(worst <= 2, "max error " + worst + " ulp");
        assertEquals(0.0, Softplus.log1p(0), 0);
        assertEquals(Double.MIN_VALUE, Softplus.log1p(Double.MIN_VALUE), 0);
        assertEquals(StrictMath.log(2), Softplus.log1p(1), 0);
    }
}
