package org.byzmarina.aggregation;

/**
 * Orders of indices by a double key, with ties broken by the lower index: a merge sort on int
 * indices with scratch kept between calls (no allocation once sized, no boxing). One instance serves
 * one thread.
 */
final class Order {
    private int[] tmp = new int[0];

    /** Writes 0..n-1 into idx[0..n) ordered by key ascending (Double.compare), ties lowest index first. */
    void ascending(double[] key, int n, int[] idx) {
        sort(key, n, idx, false);
    }

    /** Writes 0..n-1 into idx[0..n) ordered by key descending (Double.compare), ties lowest index first. */
    void descending(double[] key, int n, int[] idx) {
        sort(key, n, idx, true);
    }

    private void sort(double[] key, int n, int[] idx, boolean descending) {
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sortIndices(key, idx, n, descending);
    }

    /** Sorts the given indices idx[0..n) (any values usable as keys' positions) as {@link #ascending}. */
    void sortIndices(double[] key, int[] idx, int n, boolean descending) {
        if (tmp.length < n) {
            tmp = new int[n];
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(n, lo + 2 * width);
                merge(key, idx, lo, mid, hi, descending);
            }
        }
    }

    private void merge(double[] key, int[] idx, int lo, int mid, int hi, boolean descending) {
        if (!before(key, idx[mid], idx[mid - 1], descending)) {
            return; // already in order
        }
        System.arraycopy(idx, lo, tmp, lo, hi - lo);
        int a = lo;
        int b = mid;
        for (int k = lo; k < hi; k++) {
            if (a < mid && (b >= hi || !before(key, tmp[b], tmp[a], descending))) {
                idx[k] = tmp[a++];
            } else {
                idx[k] = tmp[b++];
            }
        }
    }

    /** True if index i comes strictly before index j. */
    private static boolean before(double[] key, int i, int j, boolean descending) {
        int c = descending ? Double.compare(key[j], key[i]) : Double.compare(key[i], key[j]);
        return c < 0 || (c == 0 && i < j);
    }
}
