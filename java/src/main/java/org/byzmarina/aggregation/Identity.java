package org.byzmarina.aggregation;

/** Index helpers shared by the rules. */
final class Identity {
    private Identity() {
    }

    static int[] range(int m) {
        int[] r = new int[m];
        for (int i = 0; i < m; i++) {
            r[i] = i;
        }
        return r;
    }
}
