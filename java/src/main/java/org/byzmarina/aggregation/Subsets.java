package org.byzmarina.aggregation;

/**
 * The exhaustive search of MDA and SMEA over all subsets of m − f inputs: its size check, and the
 * enumeration of the f excluded inputs E in lexicographic order with a membership array kept in step.
 * The kept set S = [m] \ E comes first lexicographically (as a sorted tuple) exactly when E comes
 * last, so a search over E in lexicographic order that replaces its best on ties (≤) ends on the
 * lexicographically first S among the minimisers.
 */
final class Subsets {
    /** Most subsets MDA and SMEA enumerate (docs/algorithm.md: refuse when C(m, f) exceeds 10⁶). */
    static final long MAX_SUBSETS = 1_000_000L;

    private int[] excluded = new int[0];
    private boolean[] out = new boolean[0];
    private int m;
    private int f;

    /** C(m, k) if it is at most limit, else limit + 1 (exact 64-bit arithmetic, never overflows). */
    static long binomialCapped(long m, long k, long limit) {
        if (k < 0 || k > m) {
            return 0;
        }
        k = Math.min(k, m - k);
        long c = 1;
        for (long i = 1; i <= k; i++) {
            // c · (m − k + i) / i is exact at every step; c ≤ limit ≤ 10⁶ and m < 2³¹ keep it in range.
            c = c * (m - k + i) / i;
            if (c > limit) {
                return limit + 1;
            }
        }
        return c;
    }

    /** Refuses (naming m, f and the limit) when the search would visit more than 10⁶ subsets. */
    static void requireEnumerable(String rule, int m, int f) {
        if ((long) m - f < 1) {
            throw new IllegalArgumentException(rule + " with f = " + f + " averages m - f inputs and needs f <= m - 1 = "
                    + (m - 1L) + " (got m = " + m + ")");
        }
        long c = binomialCapped(m, f, MAX_SUBSETS);
        if (c > MAX_SUBSETS) {
            throw new IllegalArgumentException(rule + " searches all C(m, f) subsets of m - f inputs and supports at most "
                    + MAX_SUBSETS + " of them; C(" + m + ", " + f + ") exceeds that (m = " + m + ", f = " + f
                    + "): use fewer inputs or a smaller f");
        }
        if (f > 0) {
            KrumRule.requireDistanceMatrix(rule, m);
        }
    }

    /** Starts the enumeration of f-subsets E of [0, m) at E = {0, …, f − 1}. */
    void start(int m, int f) {
        this.m = m;
        this.f = f;
        if (excluded.length < f) {
            excluded = new int[f];
        }
        if (out.length < m) {
            out = new boolean[m];
        }
        java.util.Arrays.fill(out, 0, m, false);
        for (int k = 0; k < f; k++) {
            excluded[k] = k;
            out[k] = true;
        }
    }

    /** Moves to the next E in lexicographic order; false when there is none. */
    boolean next() {
        int k = f - 1;
        while (k >= 0 && excluded[k] == m - f + k) {
            k--;
        }
        if (k < 0) {
            return false;
        }
        for (int l = k; l < f; l++) {
            out[excluded[l]] = false;
        }
        excluded[k]++;
        for (int l = k + 1; l < f; l++) {
            excluded[l] = excluded[l - 1] + 1;
        }
        for (int l = k; l < f; l++) {
            out[excluded[l]] = true;
        }
        return true;
    }

    /** Whether input i is in the current E. */
    boolean isExcluded(int i) {
        return out[i];
    }

    /** Writes the current kept set S = [0, m) \ E, ascending, into kept[0..m − f). */
    void kept(int[] kept) {
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (!out[i]) {
                kept[n++] = i;
            }
        }
    }

    /**
     * The pairs (i, j), i < j, of an m × m distance matrix as codes i·m + j into codes[0..m(m−1)/2),
     * by distance descending (ties: lower code first), so the diameter of any S is the distance of the
     * first pair with both ends in S.
     */
    static int sortedPairs(double[] dist, int m, int[] codes, Order order) {
        int n = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                codes[n++] = i * m + j;
            }
        }
        order.sortIndices(dist, codes, n, true);
        return n;
    }

    /** The first pair code in codes[0..n) with both ends kept, or -1 (S has fewer than 2 inputs). */
    int firstKeptPair(int[] codes, int n) {
        for (int p = 0; p < n; p++) {
            int c = codes[p];
            if (!out[c / m] && !out[c % m]) {
                return c;
            }
        }
        return -1;
    }
}
