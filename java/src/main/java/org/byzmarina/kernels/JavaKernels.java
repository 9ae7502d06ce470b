package org.byzmarina.kernels;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.SplitMix64;

/**
 * The pure-Java reference engine: plain loops that can be read against docs/algorithm.md and kernels.h.
 * Work is split into independent tasks (one row, or one block of coordinates), so results do not
 * depend on the thread count.
 */
public final class JavaKernels extends CheckedKernels {
    /** Coordinates per task in the coordinate-wise kernels. */
    private static final int BLOCK = 512;

    private final Parallel parallel;

    public JavaKernels(int threads) {
        this.parallel = new Parallel(threads);
    }

    @Override
    public String backend() {
        return "java";
    }

    @Override
    public String simdLevel() {
        return "scalar-java";
    }

    @Override
    public int threads() {
        return parallel.threads();
    }

    @Override
    protected void doSquaredNorms(Batch x, int m, double[] out) {
        parallel.forEach(m, (long) m * x.dim(), i -> out[i] = Csum.squaredNorm(x, i));
    }

    @Override
    protected int doClip(Batch src, Batch dst, int m, double[] levels, double[] sqNorms, byte[] flags) {
        byte[] flag = new byte[m];
        parallel.forEach(m, 2L * m * src.dim(), i -> {
            double n2 = Csum.squaredNorm(src, i);
            FloatBuffer in = src.buffer();
            FloatBuffer out = dst.buffer();
            int a = i * src.stride();
            int b = i * dst.stride();
            int d = src.dim();
            if (!Double.isFinite(n2)) {              // docs/algorithm.md non-finite rule: the whole row becomes 0
                for (int j = 0; j < d; j++) {
                    out.put(b + j, 0f);
                }
                n2 = 0;
                flag[i] = NON_FINITE;
            } else if (Math.sqrt(n2) > levels[i]) {  // clip_λ(v) = (λ/||v||) v when ||v|| > λ
                double scale = levels[i] / Math.sqrt(n2);
                for (int j = 0; j < d; j++) {
                    out.put(b + j, (float) (in.get(a + j) * scale));
                }
                flag[i] = CLIPPED;
            } else {
                if (src != dst) {
                    for (int j = 0; j < d; j++) {
                        out.put(b + j, in.get(a + j));
                    }
                }
                flag[i] = KEPT;
            }
            if (sqNorms != null) {
                sqNorms[i] = n2;
            }
        });
        int clipped = 0;
        for (int i = 0; i < m; i++) {
            clipped += flag[i] == CLIPPED ? 1 : 0;
        }
        if (flags != null) {
            System.arraycopy(flag, 0, flags, 0, m);
        }
        return clipped;
    }

    @Override
    protected void doRandK(Batch x, int m, int k, long[] seeds, int[] indices, float[] values, boolean dense) {
        int d = x.dim();
        double scale = (double) d / (double) k;
        parallel.forEach(m, (long) m * d, i -> {
            int[] chosen = Sampling.floyd(new SplitMix64(seeds[i]), d, k);
            FloatBuffer buf = x.buffer();
            int base = i * x.stride();
            for (int r = 0; r < k; r++) {
                float v = (float) (buf.get(base + chosen[r]) * scale);
                if (indices != null) {
                    indices[i * k + r] = chosen[r];
                }
                if (values != null) {
                    values[i * k + r] = v;
                }
            }
            if (dense) {
                float[] kept = new float[k];
                for (int r = 0; r < k; r++) {
                    kept[r] = (float) (buf.get(base + chosen[r]) * scale);
                }
                for (int j = 0; j < d; j++) {
                    buf.put(base + j, 0f);
                }
                for (int r = 0; r < k; r++) {
                    buf.put(base + chosen[r], kept[r]);
                }
            }
        });
    }

    @Override
    protected void doGroupMeans(Batch x, int m, int[] index, int[] groupStart, int groups, Batch out) {
        int d = x.dim();
        int blocks = (d + BLOCK - 1) / BLOCK;
        parallel.forEach(groups * blocks, (long) (groupStart[groups] - groupStart[0]) * d, task -> {
            int g = task / blocks;
            int lo = (task % blocks) * BLOCK;
            int hi = Math.min(d, lo + BLOCK);
            double[] acc = new double[hi - lo];
            FloatBuffer in = x.buffer();
            for (int r = groupStart[g]; r < groupStart[g + 1]; r++) {
                int base = index[r] * x.stride();
                for (int j = lo; j < hi; j++) {
                    acc[j - lo] += in.get(base + j);
                }
            }
            double count = groupStart[g + 1] - groupStart[g];
            int o = g * out.stride();
            for (int j = lo; j < hi; j++) {
                out.buffer().put(o + j, (float) (acc[j - lo] / count));
            }
        });
    }

    @Override
    protected void doCoordinateMedian(Batch x, int m, Batch out) {
        forEachSortedColumn(x, m, out, col -> {
            double med = m % 2 == 1 ? col[(m - 1) / 2] : ((double) col[m / 2 - 1] + (double) col[m / 2]) * 0.5;
            return (float) med;
        });
    }

    /** The reference: bucket means (as groupMeans), then their coordinate-wise median. */
    @Override
    protected void doBucketedMedian(Batch x, int m, int[] perm, int s, Batch out) {
        int groups = (m + s - 1) / s;
        int[] start = new int[groups + 1];
        for (int g = 0; g <= groups; g++) {
            start[g] = Math.min(m, g * s);
        }
        Batch means = Batch.allocate(groups, x.dim());
        doGroupMeans(x, m, perm, start, groups, means);
        doCoordinateMedian(means, groups, out);
    }

    @Override
    protected void doTrimmedMean(Batch x, int m, int t, Batch out) {
        forEachSortedColumn(x, m, out, col -> {
            double acc = 0.0;
            for (int r = t; r < m - t; r++) {
                acc += col[r];
            }
            return (float) (acc / (double) (m - 2 * t));
        });
    }

    @Override
    protected void doMeanAroundMedian(Batch x, int m, int[] rows, int count, int keep, Batch out) {
        forEachSortedColumn(x, rows, count, out, col -> meanAroundMedian(col, keep));
    }

    /**
     * bm_mean_around_median on one sorted column (kernels.h): the median, then the two-pointer walk
     * outwards from it taking the nearer of the two candidates (the lower one on a tie) until keep
     * values are in the window, then their mean summed in ascending order.
     */
    static float meanAroundMedian(float[] v, int keep) {
        int n = v.length;
        double med = n % 2 == 1 ? v[(n - 1) / 2] : ((double) v[n / 2 - 1] + (double) v[n / 2]) * 0.5;
        int lo = n % 2 == 1 ? (n - 1) / 2 : n / 2;
        int hi = n % 2 == 1 ? lo + 1 : lo;
        while (hi - lo < keep) {
            if (lo == 0) {
                hi++;
            } else if (hi == n) {
                lo--;
            } else if (med - v[lo - 1] <= v[hi] - med) {
                lo--;
            } else {
                hi++;
            }
        }
        double acc = 0.0;
        for (int r = lo; r < lo + keep; r++) {
            acc += v[r];
        }
        return (float) (acc / (double) keep);
    }

    @Override
    protected void doCenteredClip(Batch x, int m, double[] center, double tau, int iterations, Batch out) {
        int d = x.dim();
        double[] v = Arrays.copyOf(center, d);
        double[] c = new double[m];
        int blocks = (d + BLOCK - 1) / BLOCK;
        for (int it = 0; it < iterations; it++) {
            // c_i = min(1, τ/||x_i - v||) with the norm as a csum; then v += (1/m) Σ_i c_i (x_i - v).
            parallel.forEach(m, (long) m * d, i -> {
                double n = Math.sqrt(Csum.squaredDistanceTo(x, i, v));
                c[i] = n > tau ? tau / n : 1.0;
            });
            parallel.forEach(blocks, (long) m * d, b -> {
                int lo = b * BLOCK;
                int hi = Math.min(d, lo + BLOCK);
                double[] acc = new double[hi - lo];
                FloatBuffer in = x.buffer();
                for (int i = 0; i < m; i++) {
                    int base = i * x.stride();
                    for (int j = lo; j < hi; j++) {
                        acc[j - lo] += c[i] * ((double) in.get(base + j) - v[j]);
                    }
                }
                for (int j = lo; j < hi; j++) {
                    v[j] = v[j] + acc[j - lo] / (double) m;
                }
            });
        }
        for (int j = 0; j < d; j++) {
            out.buffer().put(j, (float) v[j] + 0.0f);
        }
    }

    @Override
    protected void doDotProducts(Batch x, int m, double[] r, double[] out) {
        parallel.forEach(m, (long) m * x.dim(), i -> out[i] = Csum.dot(x, i, r));
    }

    @Override
    protected void doSquaredDistancesTo(Batch x, int m, double[] r, double[] out) {
        parallel.forEach(m, (long) m * x.dim(), i -> out[i] = Csum.squaredDistanceTo(x, i, r));
    }

    @Override
    protected void doWeightedSum(Batch x, int m, double[] weights, double[] out) {
        int d = x.dim();
        int blocks = (d + BLOCK - 1) / BLOCK;
        parallel.forEach(blocks, (long) m * d, b -> {
            int lo = b * BLOCK;
            int hi = Math.min(d, lo + BLOCK);
            double[] acc = new double[hi - lo];   // acc = 0.0, then each row in order
            FloatBuffer in = x.buffer();
            for (int i = 0; i < m; i++) {
                int base = i * x.stride();
                for (int j = lo; j < hi; j++) {
                    acc[j - lo] += weights[i] * (double) in.get(base + j);
                }
            }
            System.arraycopy(acc, 0, out, lo, hi - lo);
        });
    }

    private interface ColumnRule {
        float apply(float[] sortedColumn);
    }

    private void forEachSortedColumn(Batch x, int m, Batch out, ColumnRule rule) {
        forEachSortedColumn(x, null, m, out, rule);
    }

    /**
     * For every coordinate: gather the n values of rows[0..n) (rows 0..n-1 if rows is null), sort them,
     * write rule(sorted) + 0.0f to out row 0.
     */
    private void forEachSortedColumn(Batch x, int[] rows, int n, Batch out, ColumnRule rule) {
        int d = x.dim();
        int blocks = (d + BLOCK - 1) / BLOCK;
        parallel.forEach(blocks, 8L * n * d, b -> {
            float[] col = new float[n];
            FloatBuffer in = x.buffer();
            for (int j = b * BLOCK; j < Math.min(d, (b + 1) * BLOCK); j++) {
                for (int i = 0; i < n; i++) {
                    col[i] = in.get((rows == null ? i : rows[i]) * x.stride() + j);
                }
                Arrays.sort(col);
                out.buffer().put(j, rule.apply(col) + 0.0f);
            }
        });
    }

    @Override
    protected void doPairwiseSquaredDistances(Batch x, int m, double[] out) {
        parallel.forEach(m, (long) m * m * x.dim() / 2, i -> {
            out[i * m + i] = 0.0;
            for (int k = i + 1; k < m; k++) {
                double dist = Csum.squaredDistance(x, i, k);
                out[i * m + k] = dist;
                out[k * m + i] = dist;
            }
        });
    }

    @Override
    protected void doRfa(Batch x, int m, int iterations, double nu, Batch out) {
        int d = x.dim();
        double[] z = new double[d];
        double[] beta = new double[m];
        int blocks = (d + BLOCK - 1) / BLOCK;
        for (int it = 0; it < iterations; it++) {
            // Smoothed Weiszfeld step: β_i = 1 / max(ν, ||z - x_i||), z ← Σ β_i x_i / Σ β_i.
            parallel.forEach(m, (long) m * d, i -> beta[i] = 1.0 / Math.max(nu, Math.sqrt(Csum.squaredDistance(z, x, i))));
            double total = 0.0;
            for (int i = 0; i < m; i++) {
                total += beta[i];
            }
            double sumBeta = total;
            parallel.forEach(blocks, (long) m * d, b -> {
                FloatBuffer in = x.buffer();
                for (int j = b * BLOCK; j < Math.min(d, (b + 1) * BLOCK); j++) {
                    double acc = 0.0;
                    for (int i = 0; i < m; i++) {
                        acc += beta[i] * (double) in.get(i * x.stride() + j);
                    }
                    z[j] = acc / sumBeta;
                }
            });
        }
        for (int j = 0; j < d; j++) {
            out.buffer().put(j, (float) z[j] + 0.0f);
        }
    }
}
