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
        private boolean[] taken = new boolean[0];
        private int[] table = new int[0];

        /** Writes k distinct sorted values from [0, n) into out[0..k). */
        public void floyd(SplitMix64 rng, int n, int k, int[] out) {
            if (k < 0 || k > n) {
                throw new IllegalArgumentException("cannot draw " + k + " distinct values from " + n);
            }
            int count = 0;
            if (k > n / 32) {
                if (taken.length < n) {
                    taken = new boolean[n];
                }
                for (int j = n - k; j < n; j++) {
                    int t = rng.nextBounded(j + 1);
                    int pick = taken[t] ? j : t;
                    taken[pick] = true;
                    out[count++] = pick;
                }
                for (int i = 0; i < k; i++) {
                    taken[out[i]] = false;
                }
            } else {
                // Few draws from a large range: an open-addressing set of the chosen values.
                int capacity = Integer.highestOneBit(Math.max(4, 4 * k - 1)) << 1;
                if (table.length < capacity) {
                    table = new int[capacity];
                }
                int[] t2 = table;
                java.util.Arrays.fill(t2, 0, capacity, -1);
                for (int j = n - k; j < n; j++) {
                    int t = rng.nextBounded(j + 1);
                    int pick = contains(t2, capacity, t) ? j : t;
                    insert(t2, capacity, pick);
                    out[count++] = pick;
                }
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
