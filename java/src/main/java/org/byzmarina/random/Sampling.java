package org.byzmarina.random;

import java.util.Arrays;

/** Sampling without replacement: Floyd's algorithm, then sorted (SPEC.md "Reproducibility"). */
public final class Sampling {
    private Sampling() {
    }

    /**
     * k distinct values from [0, n), uniformly: for j = n−k .. n−1, t = bounded(j + 1); take t, or j
     * if t was taken. The native RandK kernel implements the same steps (kernels.h).
     */
    public static int[] floyd(SplitMix64 rng, int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " distinct values from " + n);
        }
        int[] chosen = new int[k];
        int count = 0;
        if (k > n / 32) {
            boolean[] taken = new boolean[n];
            for (int j = n - k; j < n; j++) {
                int t = rng.nextBounded(j + 1);
                int pick = taken[t] ? j : t;
                taken[pick] = true;
                chosen[count++] = pick;
            }
        } else {
            // Few draws from a large range: an open-addressing set of the chosen values.
            int capacity = Integer.highestOneBit(Math.max(4, 4 * k - 1)) << 1;
            int[] table = new int[capacity];
            java.util.Arrays.fill(table, -1);
            for (int j = n - k; j < n; j++) {
                int t = rng.nextBounded(j + 1);
                int pick = contains(table, t) ? j : t;
                insert(table, pick);
                chosen[count++] = pick;
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static int slot(int[] table, int v) {
        int mask = table.length - 1;
        int i = (int) (SplitMix64.mix(v) & mask);
        while (table[i] != -1 && table[i] != v) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static boolean contains(int[] table, int v) {
        return table[slot(table, v)] == v;
    }

    private static void insert(int[] table, int v) {
        table[slot(table, v)] = v;
    }
}
