package org.byzmarina.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Floyd's sampling (docs/algorithm.md "Reproducibility"): both of the Sampler's paths (the bitmap and
 * the open-addressing set) give exactly the values of the textbook algorithm, sorted, for the same
 * draws; one Sampler reused across sizes leaves nothing behind.
 */
class SamplingTest {
    /** Floyd's algorithm as written in the textbook, over a HashSet, then sorted. */
    private static int[] reference(SplitMix64 rng, int n, int k) {
        Set<Integer> chosen = new HashSet<>();
        int[] out = new int[k];
        int c = 0;
        for (int j = n - k; j < n; j++) {
            int t = rng.nextBounded(j + 1);
            int pick = chosen.contains(t) ? j : t;
            chosen.add(pick);
            out[c++] = pick;
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void bothPathsAreFloydsValuesSorted() {
        Sampling.Sampler sampler = new Sampling.Sampler();
        SplitMix64 sizes = new SplitMix64(99);
        int[][] fixed = {{1, 0}, {1, 1}, {64, 64}, {65, 1}, {65, 64}, {128, 2}, {1628, 32}, {32561, 32}, {32561, 1},
            {1_000_000, 3}, {1_000_000, 40_000}, {100_000, 1}, {2049, 1}, {2048, 1}};
        for (int trial = 0; trial < 3000; trial++) {
            int n;
            int k;
            if (trial < fixed.length) {
                n = fixed[trial][0];
                k = fixed[trial][1];
            } else {
                n = 1 + sizes.nextBounded(trial % 2 == 0 ? 5000 : 200);
                k = sizes.nextBounded(n + 1);
            }
            int[] got = new int[k];
            sampler.floyd(new SplitMix64(trial), n, k, got);
            assertArrayEquals(reference(new SplitMix64(trial), n, k), got, "n = " + n + ", k = " + k);
            assertArrayEquals(reference(new SplitMix64(trial), n, k), Sampling.floyd(new SplitMix64(trial), n, k));
        }
    }

    @Test
    void tooManyDrawsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sampling.floyd(new SplitMix64(1), 3, 4));
        assertThrows(IllegalArgumentException.class, () -> new Sampling.Sampler().floyd(new SplitMix64(1), 3, -1, new int[0]));
    }
}
