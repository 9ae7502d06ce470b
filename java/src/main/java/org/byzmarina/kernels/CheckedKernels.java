package org.byzmarina.kernels;

/**
 * Validates every kernel call once, then delegates to the implementation (the facade pattern of
 * Lucene's VectorUtil). No inconsistent size ever reaches native code.
 */
abstract class CheckedKernels implements Kernels {
    /** Scratch of the permutation check (an engine serves one thread at a time). */
    private boolean[] seen = new boolean[0];


    @Override
    public final void squaredNorms(Batch x, int m, double[] out) {
        checkRows(x, m, "x");
        checkArray(out, m, "out");
        doSquaredNorms(x, m, out);
    }

    @Override
    public final int clip(Batch src, Batch dst, int m, double[] levels, double[] sqNorms, byte[] flags) {
        checkRows(src, m, "src");
        checkRows(dst, m, "dst");
        checkSameDim(src, dst);
        checkArray(levels, m, "levels");
        for (int i = 0; i < m; i++) {
            if (!(levels[i] >= 0)) {
                throw new IllegalArgumentException("clip level of row " + i + " must be >= 0, got " + levels[i]);
            }
        }
        if (sqNorms != null) {
            checkArray(sqNorms, m, "sqNorms");
        }
        if (flags != null && flags.length < m) {
            throw new IllegalArgumentException("flags has length " + flags.length + " < m = " + m);
        }
        return doClip(src, dst, m, levels, sqNorms, flags);
    }

    @Override
    public final void randK(Batch x, int m, int k, long[] seeds, int[] indices, float[] values, boolean dense) {
        checkRows(x, m, "x");
        if (k < 0 || k > x.dim()) {
            throw new IllegalArgumentException("RandK needs 0 <= k <= d = " + x.dim() + ", got k = " + k);
        }
        if (seeds == null || seeds.length < m) {
            throw new IllegalArgumentException("RandK needs one seed per row (" + m + ")");
        }
        long need = (long) m * k;
        if (indices != null && indices.length < need) {
            throw new IllegalArgumentException("indices has length " + indices.length + " < m*k = " + need);
        }
        if (values != null && values.length < need) {
            throw new IllegalArgumentException("values has length " + values.length + " < m*k = " + need);
        }
        doRandK(x, m, k, seeds, indices, values, dense);
    }

    @Override
    public final void groupMeans(Batch x, int m, int[] index, int[] groupStart, int groups, Batch out) {
        checkRows(x, m, "x");
        if (groups < 0 || groupStart == null || groupStart.length < groups + 1) {
            throw new IllegalArgumentException("groupStart needs groups + 1 = " + (groups + 1) + " entries");
        }
        checkRows(out, groups, "out");
        checkSameDim(x, out);
        if (x == out) {
            throw new IllegalArgumentException("group means cannot be computed in place");
        }
        if (groupStart[0] < 0) {
            throw new IllegalArgumentException("groupStart[0] must be >= 0, got " + groupStart[0]);
        }
        for (int g = 0; g < groups; g++) {
            if (groupStart[g + 1] <= groupStart[g]) {
                throw new IllegalArgumentException("group " + g + " is empty or reversed: "
                        + groupStart[g] + ".." + groupStart[g + 1]);
            }
        }
        int end = groups == 0 ? 0 : groupStart[groups];
        if (index == null || index.length < end) {
            throw new IllegalArgumentException("index needs at least " + end + " entries");
        }
        for (int r = groupStart[0]; r < end; r++) {
            if (index[r] < 0 || index[r] >= m) {
                throw new IllegalArgumentException("index[" + r + "] = " + index[r] + " is not a row in [0, " + m + ")");
            }
        }
        doGroupMeans(x, m, index, groupStart, groups, out);
    }

    @Override
    public final void bucketedMedian(Batch x, int m, int[] perm, int s, Batch out) {
        checkAggregation(x, m, out);
        if (s < 1) {
            throw new IllegalArgumentException("bucket size must be >= 1, got " + s);
        }
        if (perm == null || perm.length < m) {
            throw new IllegalArgumentException("the permutation needs m = " + m + " entries");
        }
        if (seen.length < m) {
            seen = new boolean[m];
        }
        java.util.Arrays.fill(seen, 0, m, false);
        for (int r = 0; r < m; r++) {
            if (perm[r] < 0 || perm[r] >= m || seen[perm[r]]) {
                throw new IllegalArgumentException("perm[" + r + "] = " + perm[r] + " breaks a permutation of 0.." + (m - 1));
            }
            seen[perm[r]] = true;
        }
        doBucketedMedian(x, m, perm, s, out);
    }

    @Override
    public final void coordinateMedian(Batch x, int m, Batch out) {
        checkAggregation(x, m, out);
        doCoordinateMedian(x, m, out);
    }

    @Override
    public final void trimmedMean(Batch x, int m, int t, Batch out) {
        checkAggregation(x, m, out);
        if (t < 0 || 2L * t >= m) {
            throw new IllegalArgumentException("trimmed mean needs 0 <= 2t < m = " + m + ", got t = " + t);
        }
        doTrimmedMean(x, m, t, out);
    }

    @Override
    public final void pairwiseSquaredDistances(Batch x, int m, double[] out) {
        checkRows(x, m, "x");
        checkArray(out, (long) m * m, "out");
        doPairwiseSquaredDistances(x, m, out);
    }

    @Override
    public final void rfa(Batch x, int m, int iterations, double nu, Batch out) {
        checkAggregation(x, m, out);
        if (iterations < 0) {
            throw new IllegalArgumentException("RFA iterations must be >= 0, got " + iterations);
        }
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("RFA smoothing nu must be positive and finite, got " + nu);
        }
        doRfa(x, m, iterations, nu, out);
    }

    @Override
    public final void meanAroundMedian(Batch x, int m, int[] rows, int count, int keep, Batch out) {
        checkRows(x, m, "x");
        checkRows(out, 1, "out");
        checkSameDim(x, out);
        checkNotInput(x, out, "mean around median");
        if (count < 1) {
            throw new IllegalArgumentException("mean around median needs count >= 1 rows, got count = " + count);
        }
        if (rows == null) {
            if (count != m) {
                throw new IllegalArgumentException("without rows, count must equal m = " + m + ", got count = " + count);
            }
        } else {
            if (rows.length < count) {
                throw new IllegalArgumentException("rows has length " + rows.length + " < count = " + count);
            }
            for (int r = 0; r < count; r++) {
                if (rows[r] < 0 || rows[r] >= m) {
                    throw new IllegalArgumentException("rows[" + r + "] = " + rows[r] + " is not a row in [0, " + m + ")");
                }
            }
        }
        if (keep < 1 || keep > count) {
            throw new IllegalArgumentException("keep must be in [1, count = " + count + "], got keep = " + keep);
        }
        doMeanAroundMedian(x, m, rows, count, keep, out);
    }

    @Override
    public final void centeredClip(Batch x, int m, double[] center, double tau, int iterations, Batch out) {
        checkAggregation(x, m, out);
        checkNotInput(x, out, "centered clipping");
        checkArray(center, x.dim(), "center");
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("centered clipping radius tau must be positive and finite, got " + tau);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("centered clipping iterations must be >= 1, got " + iterations);
        }
        doCenteredClip(x, m, center, tau, iterations, out);
    }

    @Override
    public final void dotProducts(Batch x, int m, double[] r, double[] out) {
        checkRows(x, m, "x");
        checkArray(r, x.dim(), "r");
        checkArray(out, m, "out");
        doDotProducts(x, m, r, out);
    }

    @Override
    public final void squaredDistancesTo(Batch x, int m, double[] r, double[] out) {
        checkRows(x, m, "x");
        checkArray(r, x.dim(), "r");
        checkArray(out, m, "out");
        doSquaredDistancesTo(x, m, r, out);
    }

    @Override
    public final void weightedSum(Batch x, int m, double[] weights, double[] out) {
        checkRows(x, m, "x");
        checkArray(weights, m, "weights");
        checkArray(out, x.dim(), "out");
        doWeightedSum(x, m, weights, out);
    }

    protected abstract void doSquaredNorms(Batch x, int m, double[] out);

    protected abstract int doClip(Batch src, Batch dst, int m, double[] levels, double[] sqNorms, byte[] flags);

    protected abstract void doRandK(Batch x, int m, int k, long[] seeds, int[] indices, float[] values, boolean dense);

    protected abstract void doGroupMeans(Batch x, int m, int[] index, int[] groupStart, int groups, Batch out);

    protected abstract void doCoordinateMedian(Batch x, int m, Batch out);

    protected abstract void doBucketedMedian(Batch x, int m, int[] perm, int s, Batch out);

    protected abstract void doTrimmedMean(Batch x, int m, int t, Batch out);

    protected abstract void doPairwiseSquaredDistances(Batch x, int m, double[] out);

    protected abstract void doRfa(Batch x, int m, int iterations, double nu, Batch out);

    protected abstract void doMeanAroundMedian(Batch x, int m, int[] rows, int count, int keep, Batch out);

    protected abstract void doCenteredClip(Batch x, int m, double[] center, double tau, int iterations, Batch out);

    protected abstract void doDotProducts(Batch x, int m, double[] r, double[] out);

    protected abstract void doSquaredDistancesTo(Batch x, int m, double[] r, double[] out);

    protected abstract void doWeightedSum(Batch x, int m, double[] weights, double[] out);

    private static void checkNotInput(Batch x, Batch out, String what) {
        if (x == out) {
            throw new IllegalArgumentException(what + " cannot write its output into its input batch");
        }
    }

    private static void checkAggregation(Batch x, int m, Batch out) {
        checkRows(x, m, "x");
        if (m < 1) {
            throw new IllegalArgumentException("aggregation needs at least one row, got m = " + m);
        }
        checkRows(out, 1, "out");
        checkSameDim(x, out);
    }

    private static void checkRows(Batch b, long m, String name) {
        if (b == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (m < 0 || m > b.rows()) {
            throw new IllegalArgumentException(name + " has " + b.rows() + " rows, cannot use m = " + m);
        }
    }

    private static void checkSameDim(Batch a, Batch b) {
        if (a.dim() != b.dim()) {
            throw new IllegalArgumentException("dimension mismatch: " + a.dim() + " vs " + b.dim());
        }
    }

    private static void checkArray(double[] a, long n, String name) {
        if (a == null || a.length < n) {
            throw new IllegalArgumentException(name + " needs " + n + " entries, has "
                    + (a == null ? "none" : a.length));
        }
    }
}
