package org.byzmarina.random;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

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
            Set<Integer> taken = new HashSet<>(2 * k);
            for (int j = n - k; j < n; j++) {
                int t = rng.nextBounded(j + 1);
                int pick = taken.contains(t) ? j : t;
                taken.add(pick);
                chosen[count++] = pick;
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
