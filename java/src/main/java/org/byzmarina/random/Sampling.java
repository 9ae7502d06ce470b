package org.byzmarina.random;

import java.util.Arrays;

/** Sampling without replacement: Floyd's algorithm, then sorted (docs/algorithm.md "Reproducibility"). */
public final class Sampling {
    private Sampling() {
    }

    /**
     * k distinct values from [0, n), uniformly: for j = n−k .. n−1, t = bounded(j + 1); take t, or j
     * if t was taken. The native RandK kernel implements the same steps (kernels.h).
     */
    public static int[] floyd(SplitMix64 rng, int n, int k) {
        int[] chosen = new int[k];
        new Sampler().floyd(rng, n, k, chosen);
        return chosen;
    }

    /**
     * {@link Sampling#floyd} into caller-owned arrays, with its scratch kept between calls: no
     * allocation once the largest (n, k) has been seen. One instance serves one thread.
     */
    public static final class Sampler {
        /** The chosen values as bits (all zero between calls). */
        private long[] bits = new long[0];
        /** Bit w set when word w of {@link #bits} is not zero (all zero between calls). */
        private long[] nonZero = new long[0];
        private int[] table = new int[0];

        /**
         * Writes k distinct sorted values from [0, n) into out[0..k). Floyd's draws mark a bitmap, read
         * back in increasing order (the sort for free) through a second bitmap of its non-zero words,
         * when the bitmap has at most 32 words per draw; otherwise (few draws from a huge range) an
         * open-addressing set, then a sort. Either way the same draws give the same sorted values.
         */
        public void floyd(SplitMix64 rng, int n, int k, int[] out) {
            if (k < 0 || k > n) {
                throw new IllegalArgumentException("cannot draw " + k + " distinct values from " + n);
            }
            int words = (n + 63) >>> 6;
            if (words <= 32L * Math.max(k, 1)) {
                if (bits.length < words) {
                    bits = new long[words];
                    nonZero = new long[(words + 63) >>> 6];
                }
                long[] b = bits;
                long[] nz = nonZero;
                for (int j = n - k; j < n; j++) {
                    int t = rng.nextBounded(j + 1);
                    int pick = (b[t >>> 6] & (1L << t)) != 0 ? j : t;
                    b[pick >>> 6] |= 1L << pick;
                    nz[pick >>> 12] |= 1L << (pick >>> 6);
                }
                int count = 0;
                for (int s = 0; count < k; s++) {
                    long words64 = nz[s];
                    nz[s] = 0;
                    while (words64 != 0) {
                        int w = (s << 6) + Long.numberOfTrailingZeros(words64);
                        words64 &= words64 - 1;
                        long word = b[w];
                        b[w] = 0;
                        do {
                            out[count++] = (w << 6) + Long.numberOfTrailingZeros(word);
                            word &= word - 1;
                        } while (word != 0);
                    }
                }
                return;
            }
            // Few draws from a large range: an open-addressing set of the chosen values.
            int capacity = Integer.highestOneBit(Math.max(4, 4 * k - 1)) << 1;
            if (table.length < capacity) {
                table = new int[capacity];
            }
            int[] t2 = table;
            java.util.Arrays.fill(t2, 0, capacity, -1);
            int count = 0;
            for (int j = n - k; j < n; j++) {
                int t = rng.nextBounded(j + 1);
                int pick = contains(t2, capacity, t) ? j : t;
                insert(t2, capacity, pick);
                out[count++] = pick;
            }
            Arrays.sort(out, 0, k);
        }
    }

    private static int slot(int[] table, int capacity, int v) {
        int mask = capacity - 1;
        int i = (int) (SplitMix64.mix(v) & mask);
        while (table[i] != -1 && table[i] != v) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static boolean contains(int[] table, int capacity, int v) {
        return table[slot(table, capacity, v)] == v;
    }

    private static void insert(int[] table, int capacity, int v) {
        table[slot(table, capacity, v)] = v;
    }
}
