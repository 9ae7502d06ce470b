package org.byzmarina.random;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), the one generator of byzmarina (docs/algorithm.md, Reproducibility).
 *
 * <p>The native engine implements the same arithmetic (native/include/byzmarina/kernels.h), so
 * streams, and therefore RandK masks, match bit for bit across backends. Bounded integers use
 * Lemire's multiply-shift with rejection; Gaussians use Box–Muller with {@link StrictMath}
 * (one Gaussian per two uniforms, no caching), so they are identical on every JVM.
 */
public final class SplitMix64 {
    /** The golden-ratio increment 2^64 / φ. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** Restarts the stream at {@code seed} (reuses the object: no allocation on hot paths). */
    public SplitMix64 reset(long seed) {
        this.state = seed;
        return this;
    }

    /** The SplitMix64 finaliser (a bijection of 64-bit words). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** The upper 32 bits of the next word, as an unsigned value in a long. */
    private long next32() {
        return nextLong() >>> 32;
    }

    /** Uniform integer in [0, n), 1 <= n <= 2^31 - 1 (Lemire 2019, multiply-shift with rejection). */
    public int nextBounded(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + n);
        }
        long p = next32() * n;
        long low = p & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = ((1L << 32) - n) % n;
            while (low < threshold) {
                p = next32() * n;
                low = p & 0xFFFFFFFFL;
            }
        }
        return (int) (p >>> 32);
    }

    /** Uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Bernoulli(prob): true with probability prob. */
    public boolean nextBernoulli(double prob) {
        return nextDouble() < prob;
    }

    /** Standard normal by Box–Muller: sqrt(-2 ln u1) cos(2π u2), u1 in (0, 1], u2 in [0, 1). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /**
     * Gamma(shape, 1) by Marsaglia–Tsang (2000); for shape < 1, Gamma(shape + 1) · U^(1/shape).
     * Used for Dirichlet splits.
     */
    public double nextGamma(double shape) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be positive and finite, got " + shape);
        }
        if (shape < 1) {
            double u = 1.0 - nextDouble();
            return nextGamma(shape + 1) * StrictMath.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double z = nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - nextDouble();
            if (StrictMath.log(u) < 0.5 * z * z + d - d * v + d * StrictMath.log(v)) {
                return d * v;
            }
        }
    }

    /** Fisher–Yates shuffle of {@code a} (from the last position down, j = bounded(i + 1)). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextBounded(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
