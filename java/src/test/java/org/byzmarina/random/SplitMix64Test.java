package org.byzmarina.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void matchesThePublishedSplitMix64Sequence() {
        // Reference values of splitmix64.c (Vigna) with state 0.
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void boundedIsUniformAndInRange() {
        SplitMix64 r = new SplitMix64(12345);
        int n = 7;
        int[] counts = new int[n];
        int draws = 700_000;
        for (int i = 0; i < draws; i++) {
            int v = r.nextBounded(n);
            assertTrue(v >= 0 && v < n);
            counts[v]++;
        }
        double chi2 = 0;
        for (int c : counts) {
            double e = draws / (double) n;
            chi2 += (c - e) * (c - e) / e;
        }
        assertTrue(chi2 < 22.5, "chi-square with 6 degrees of freedom: " + chi2); // p ≈ 0.001
        assertEquals(0, new SplitMix64(1).nextBounded(1));
        int big = Integer.MAX_VALUE;
        for (int i = 0; i < 1000; i++) {
            int v = r.nextBounded(big);
            assertTrue(v >= 0 && v < big);
        }
    }

    @Test
    void gaussianHasUnitMomentsAndIsReproducible() {
        SplitMix64 r = new SplitMix64(99);
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sq += g * g;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sq / n, 0.02);
        assertEquals(new SplitMix64(5).nextGaussian(), new SplitMix64(5).nextGaussian());
    }

    @Test
    void derivedStreamsAreDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long round = 0; round < 50; round++) {
            for (long client = -1; client < 50; client++) {
                for (Purpose p : Purpose.values()) {
                    assertTrue(seen.add(Seeds.derive(7, round, client, p)), "collision at " + round + "," + client + "," + p);
                }
            }
        }
        assertNotEquals(Seeds.derive(0, 0, 0, Purpose.COIN), Seeds.derive(1, 0, 0, Purpose.COIN));
        assertEquals(Seeds.derive(3, 4, 5, Purpose.RANDK), Seeds.derive(3, 4, 5, Purpose.RANDK));
    }

    @Test
    void shuffleIsAPermutation() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new SplitMix64(3).shuffle(a);
        boolean[] seen = new boolean[10];
        for (int v : a) {
            seen[v] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }
}
