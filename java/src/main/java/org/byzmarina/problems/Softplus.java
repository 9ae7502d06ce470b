package org.byzmarina.problems;

/**
 * exp(−a) and log(1 + e) for the logistic loss's metrics (f(x), ∇f(x), the test loss): together about
 * 8 ns instead of StrictMath.exp + StrictMath.log1p's 30 (log1p is a JNI call on JDK 17), and as accurate
 * (both within 1 ulp of StrictMath on a grid and 10⁶ random inputs; the tests allow 2). Only +, −, ×,
 * Math.rint, casts and table look-ups (Java's strict IEEE arithmetic, no fused multiply-add), so the
 * results are the same on every machine. The clients' gradients (the trajectory) keep StrictMath.
 *
 * <p>Tables: T_j = 2^(j/32) and L_i = log(1 + i/64), each as a double-double hi + lo (hi the double
 * nearest the exact value, lo the nearest double to the rest), generated with 60-digit BigDecimal
 * series; {@code SoftplusTest} recomputes them.
 */
final class Softplus {
    private Softplus() {
    }

    /** Above this, exp(−a) leaves the normal range: {@link #expNeg} calls StrictMath. */
    static final double FAST_LIMIT = 700;
    private static final double INV_LN2_32 = 0x1.71547652b82fep5;       // 32/ln 2
    private static final double LN2_HI_32 = 0x1.62e42feep-1 / 32;         // fdlibm's ln2_hi (32 bits) / 32
    private static final double LN2_LO_32 = 0x1.a39ef35793c76p-33 / 32;   // fdlibm's ln2_lo / 32

    /** 1/(1 + i/64) = 64/(64 + i), i = 0 .. 64 (rounded once; 1 for i = 0). */
    private static final double[] INV_C = new double[65];

    static {
        for (int i = 0; i <= 64; i++) {
            INV_C[i] = 64.0 / (64 + i);
        }
    }

    /** T_j = 2^(j/32) = EXP[2j] + EXP[2j + 1]. */
    static final double[] EXP = {
            0x1.0p0, 0x0.0p0, 0x1.059b0d3158574p0, 0x1.d73e2a475b465p-55,
            0x1.0b5586cf9890fp0, 0x1.8a62e4adc610bp-54, 0x1.11301d0125b51p0, -0x1.6c51039449b3ap-54,
            0x1.172b83c7d517bp0, -0x1.19041b9d78a76p-55, 0x1.1d4873168b9aap0, 0x1.e016e00a2643cp-54,
            0x1.2387a6e756238p0, 0x1.9b07eb6c70573p-54, 0x1.29e9df51fdee1p0, 0x1.612e8afad1255p-55,
            0x1.306fe0a31b715p0, 0x1.6f46ad23182e4p-55, 0x1.371a7373aa9cbp0, -0x1.63aeabf42eae2p-54,
            0x1.3dea64c123422p0, 0x1.ada0911f09ebcp-55, 0x1.44e086061892dp0, 0x1.89b7a04ef80dp-59,
            0x1.4bfdad5362a27p0, 0x1.d4397afec42e2p-56, 0x1.5342b569d4f82p0, -0x1.07abe1db13cadp-55,
            0x1.5ab07dd485429p0, 0x1.6324c054647adp-54, 0x1.6247eb03a5585p0, -0x1.383c17e40b497p-54,
            0x1.6a09e667f3bcdp0, -0x1.bdd3413b26456p-54, 0x1.71f75e8ec5f74p0, -0x1.16e4786887a99p-55,
            0x1.7a11473eb0187p0, -0x1.41577ee04992fp-55, 0x1.82589994cce13p0, -0x1.d4c1dd41532d8p-54,
            0x1.8ace5422aa0dbp0, 0x1.6e9f156864b27p-54, 0x1.93737b0cdc5e5p0, -0x1.75fc781b57ebcp-57,
            0x1.9c49182a3f09p0, 0x1.c7c46b071f2bep-56, 0x1.a5503b23e255dp0, -0x1.d2f6edb8d41e1p-54,
            0x1.ae89f995ad3adp0, 0x1.7a1cd345dcc81p-54, 0x1.b7f76f2fb5e47p0, -0x1.5584f7e54ac3bp-56,
            0x1.c199bdd85529cp0, 0x1.11065895048ddp-55, 0x1.cb720dcef9069p0, 0x1.503cbd1e949dbp-56,
            0x1.d5818dcfba487p0, 0x1.2ed02d75b3707p-55, 0x1.dfc97337b9b5fp0, -0x1.1a5cd4f184b5cp-54,
            0x1.ea4afa2a490dap0, -0x1.e9c23179c2893p-54, 0x1.f50765b6e454p0, 0x1.9d3e12dd8a18bp-54
    };

    /** L_i = log(1 + i/64) = LOG[2i] + LOG[2i + 1], i = 0 .. 64. */
    static final double[] LOG = {
            0x0.0p0, 0x0.0p0, 0x1.fc0a8b0fc03e4p-7, -0x1.83092c59642a1p-62,
            0x1.f829b0e7833p-6, 0x1.33e3f04f1ef23p-60, 0x1.77458f632dcfcp-5, 0x1.18d3ca87b9296p-59,
            0x1.f0a30c01162a6p-5, 0x1.85f325c5bbacdp-59, 0x1.341d7961bd1d1p-4, -0x1.b599f227becbbp-58,
            0x1.6f0d28ae56b4cp-4, -0x1.906d99184b992p-58, 0x1.a926d3a4ad563p-4, 0x1.942f48aa70ea9p-58,
            0x1.e27076e2af2e6p-4, -0x1.61578001e0162p-60, 0x1.0d77e7cd08e59p-3, 0x1.9a5dc5e9030acp-57,
            0x1.29552f81ff523p-3, 0x1.301771c407dbfp-57, 0x1.44d2b6ccb7d1ep-3, 0x1.9f4f6543e1f88p-57,
            0x1.5ff3070a793d4p-3, -0x1.bc60efafc6f6ep-58, 0x1.7ab890210d909p-3, 0x1.be36b2d6a0608p-59,
            0x1.9525a9cf456b4p-3, 0x1.d904c1d4e2e26p-57, 0x1.af3c94e80bff3p-3, -0x1.398cff3641985p-58,
            0x1.c8ff7c79a9a22p-3, -0x1.4f689f8434012p-57, 0x1.e27076e2af2e6p-3, -0x1.61578001e0162p-59,
            0x1.fb9186d5e3e2bp-3, -0x1.caaae64f21acbp-57, 0x1.0a324e27390e3p-2, 0x1.7dcfde8061c03p-56,
            0x1.1675cababa60ep-2, 0x1.ce63eab883717p-61, 0x1.22941fbcf7966p-2, -0x1.76f5eb09628afp-56,
            0x1.2e8e2bae11d31p-2, -0x1.8f4cdb95ebdf9p-56, 0x1.3a64c556945eap-2, -0x1.c68651945f97cp-57,
            0x1.4618bc21c5ec2p-2, 0x1.f42decdeccf1dp-56, 0x1.51aad872df82dp-2, 0x1.3927ac19f55e3p-59,
            0x1.5d1bdbf5809cap-2, 0x1.4236383dc7fe1p-56, 0x1.686c81e9b14afp-2, -0x1.ddea0f7f58e3dp-57,
            0x1.739d7f6bbd007p-2, -0x1.8c76ceb014b04p-56, 0x1.7eaf83b82afc3p-2, 0x1.92ce979ed295p-56,
            0x1.89a3386c1425bp-2, -0x1.29639dfbbf0fbp-56, 0x1.947941c2116fbp-2, -0x1.16cc8bae0bbe4p-56,
            0x1.9f323ecbf984cp-2, -0x1.a92e513217f5cp-59, 0x1.a9cec9a9a084ap-2, -0x1.cadec02b436afp-56,
            0x1.b44f77bcc8f63p-2, -0x1.cd04495459c78p-56, 0x1.beb4d9da71b7cp-2, -0x1.0f3c590a887cap-59,
            0x1.c8ff7c79a9a22p-2, -0x1.4f689f8434012p-56, 0x1.d32fe7e00ebd5p-2, 0x1.877b232fafa37p-56,
            0x1.dd46a04c1c4a1p-2, -0x1.0467656d8b892p-56, 0x1.e744261d68788p-2, -0x1.c825c90c344b9p-58,
            0x1.f128f5faf06edp-2, -0x1.328df13bb38c3p-56, 0x1.faf588f78f31fp-2, -0x1.328260d8abcap-57,
            0x1.02552a5a5d0ffp-1, -0x1.cb1cb51408cp-56, 0x1.0723e5c1cdf4p-1, 0x1.395e58e2445bbp-55,
            0x1.0be72e4252a83p-1, -0x1.259da11330801p-55, 0x1.109f39e2d4c97p-1, -0x1.0e09b27a4373ap-60,
            0x1.154c3d2f4d5eap-1, -0x1.59c33171a6876p-55, 0x1.19ee6b467c96fp-1, -0x1.9d1a11443f10cp-56,
            0x1.1e85f5e7040dp-1, 0x1.ef62cd2f9f1e3p-56, 0x1.23130d7bebf43p-1, -0x1.f48725e374d6ep-55,
            0x1.2795e1289b11bp-1, -0x1.487c0c246978ep-57, 0x1.2c0e9ed448e8cp-1, -0x1.1a158f3917586p-55,
            0x1.307d7334f10bep-1, 0x1.fb590a1f566dap-57, 0x1.34e289d9ce1d3p-1, 0x1.6eb92d885ce4fp-57,
            0x1.393e0d3562a1ap-1, -0x1.58eef67f2483ap-55, 0x1.3d9026a7156fbp-1, -0x1.6fef670bd4b62p-55,
            0x1.41d8fe84672aep-1, 0x1.9192f30bd1806p-55, 0x1.4618bc21c5ec2p-1, 0x1.f42decdeccf1dp-55,
            0x1.4a4f85db03ebbp-1, 0x1.13dfa3d3761b6p-60, 0x1.4e7d811b75bb1p-1, -0x1.8d3d9ea6e9ea9p-55,
            0x1.52a2d265bc5abp-1, -0x1.1883750ea4d0ap-57, 0x1.56bf9d5b3f399p-1, 0x1.0471885cd8ff3p-55,
            0x1.5ad404c359f2dp-1, -0x1.35955683f7196p-59, 0x1.5ee02a9241675p-1, 0x1.c358257f49082p-55,
            0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56
    };

    /**
     * exp(−a) for a ≥ 0 (and NaN for NaN). Tang's method: −a = k·ln2/32 + r with k = rint(−a·32/ln2),
     * |r| ≤ ln2/64 (r = (−a − k·ln2_hi/32) − k·ln2_lo/32, the first difference exact); then
     * exp(−a) = 2^⌊k/32⌋ · T_(k mod 32) · (1 + p), p = r + r²/2! + … + r⁶/6! (the next term is below
     * 4·10⁻¹⁸), summed as 2^⌊k/32⌋ · (T_hi + (T_lo + T_hi·p)).
     */
    static double expNeg(double a) {
        if (!(a <= FAST_LIMIT)) {
            return StrictMath.exp(-a);
        }
        double x = -a;
        double kd = Math.rint(x * INV_LN2_32);
        int k = (int) kd;
        double r = (x - kd * LN2_HI_32) - kd * LN2_LO_32;
        double r2 = r * r;  // Estrin's scheme: shorter dependency chains than Horner's, so rows overlap more
        double p = r * ((1 + r * (1.0 / 2)) + r2 * ((1.0 / 6 + r * (1.0 / 24)) + r2 * (1.0 / 120 + r * (1.0 / 720))));
        int j = 2 * (k & 31);
        double hi = EXP[j];
        double scale = Double.longBitsToDouble((long) (1023 + (k >> 5)) << 52);
        return scale * (hi + (EXP[j + 1] + hi * p));
    }

    /**
     * log(1 + e) for 0 ≤ e ≤ 1, without a division. c = i/64 with i = ⌊64e⌋ (64e exact), so
     * 1 + e = (1 + c)(1 + g) with g = (e − c)/(1 + c) ∈ [0, 1/64] (e − c exact, then one rounding in
     * the product with 64/(64 + i); g = e exactly for i = 0); then
     * log(1 + e) = L_i + (g + g²P(g)), P(g) = −1/2 + g/3 − g²/4 + … + g⁷/9, the Taylor series of
     * log(1 + g) up to g⁹ (the next term is below 10⁻¹⁷ relative).
     */
    static double log1p(double e) {
        int i = (int) (e * 64);
        double g = (e - i * (1.0 / 64)) * INV_C[i];
        double g2 = g * g;  // P by Estrin's scheme
        double g4 = g2 * g2;
        double p = ((-1.0 / 2 + g * (1.0 / 3)) + g2 * (-1.0 / 4 + g * (1.0 / 5)))
                + g4 * ((-1.0 / 6 + g * (1.0 / 7)) + g2 * (-1.0 / 8 + g * (1.0 / 9)));
        return LOG[2 * i] + (LOG[2 * i + 1] + (g + g2 * p));
    }
}
