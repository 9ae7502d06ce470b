package org.byzmarina.random;

/**
 * Derives the seed of every random stream from (root seed, round, client, purpose), docs/algorithm.md
 * "Reproducibility". Each step is h = mix(h ^ (v * GOLDEN + C)): a bijection in h for fixed v and
 * in v for fixed h, so distinct (round, client, purpose) never share a stream by construction.
 * Server-side streams use client = {@link #SERVER}.
 */
public final class Seeds {
    public static final long SERVER = -1;
    private static final long C = 0xD1B54A32D192ED03L;

    private Seeds() {
    }

    public static long derive(long root, long round, long client, Purpose purpose) {
        long h = SplitMix64.mix(root + SplitMix64.GOLDEN);
        h = step(h, round);
        h = step(h, client);
        return step(h, purpose.code);
    }

    public static SplitMix64 stream(long root, long round, long client, Purpose purpose) {
        return new SplitMix64(derive(root, round, client, purpose));
    }

    /** {@link #stream} into an existing generator (no allocation). */
    public static SplitMix64 stream(SplitMix64 reuse, long root, long round, long client, Purpose purpose) {
        return reuse.reset(derive(root, round, client, purpose));
    }

    private static long step(long h, long v) {
        return SplitMix64.mix(h ^ (v * SplitMix64.GOLDEN + C));
    }
}
