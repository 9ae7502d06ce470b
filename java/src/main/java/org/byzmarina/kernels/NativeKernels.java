package org.byzmarina.kernels;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The native engine: C++ SIMD kernels (native/) through {@link NativeLib}. Batches are passed as
 * pointers to their off-heap memory; arguments were validated by {@link CheckedKernels}, so a
 * native error code here is a bug and raises {@link IllegalStateException}.
 */
public final class NativeKernels extends CheckedKernels {
    private final int threads;
    private final SimdLevel level;

    private NativeKernels(int threads, SimdLevel level) {
        this.threads = threads;
        this.level = level;
    }

    /**
     * Loads the native library and returns kernels running at {@code level} (null = the best this
     * CPU supports).
     *
     * @throws NativeUnavailableException if the library cannot be loaded or the level is unsupported
     */
    public static NativeKernels create(int threads, SimdLevel level) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        SimdLevel best = supportedLevel();
        if (level != null && level.code > best.code) {
            throw new NativeUnavailableException("SIMD level " + level.label() + " requested but this CPU supports at most "
                    + best.label(), null);
        }
        return new NativeKernels(threads, level == null ? best : level);
    }

    /** The highest SIMD level of this CPU and build, loading the library if needed. */
    public static SimdLevel supportedLevel() {
        NativeLoading.requireKernels(); // loads it under the loader lock, never first here
        try {
            return SimdLevel.ofCode(NativeLib.bm_simd_supported());
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            throw new NativeUnavailableException("the native engine could not be loaded (" + e + "); "
                    + "build it with `mvn package`, or use the Java engine (--backend java)", e);
        }
    }

    @Override
    public String backend() {
        return "native";
    }

    @Override
    public String simdLevel() {
        return level.label();
    }

    public SimdLevel level() {
        return level;
    }

    @Override
    public int threads() {
        return threads;
    }

    private static FloatPointer ptr(Batch b) {
        Object view = b.nativeView;
        if (view == null) {
            view = new FloatPointer(b.buffer());
            b.nativeView = view;
        }
        return (FloatPointer) view;
    }

    private static long check(long rc, String function) {
        if (rc < 0) {
            throw new IllegalStateException(function + " returned error " + rc + " on validated arguments (a bug)");
        }
        return rc;
    }

    @Override
    protected void doSquaredNorms(Batch x, int m, double[] out) {
        check(NativeLib.bm_squared_norms(ptr(x), x.stride(), m, x.dim(), out, threads, level.code), "bm_squared_norms");
    }

    @Override
    protected int doClip(Batch src, Batch dst, int m, double[] levels, double[] sqNorms, byte[] flags) {
        return (int) check(NativeLib.bm_clip(ptr(src), src.stride(), ptr(dst), dst.stride(), m, src.dim(), levels,
                sqNorms, flags, threads, level.code), "bm_clip");
    }

    @Override
    protected void doRandK(Batch x, int m, int k, long[] seeds, int[] indices, float[] values, boolean dense) {
        check(NativeLib.bm_randk(ptr(x), x.stride(), m, x.dim(), k, seeds, indices, values, dense ? 1 : 0,
                threads, level.code), "bm_randk");
    }

    @Override
    protected void doGroupMeans(Batch x, int m, int[] index, int[] groupStart, int groups, Batch out) {
        long[] starts = new long[groups + 1];
        for (int g = 0; g <= groups; g++) {
            starts[g] = groupStart[g];
        }
        check(NativeLib.bm_group_means(ptr(x), x.stride(), m, x.dim(), index, starts, groups, ptr(out), out.stride(),
                threads, level.code), "bm_group_means");
    }

    @Override
    protected void doCoordinateMedian(Batch x, int m, Batch out) {
        check(NativeLib.bm_coordinate_median(ptr(x), x.stride(), m, x.dim(), ptr(out), threads, level.code),
                "bm_coordinate_median");
    }

    @Override
    protected void doBucketedMedian(Batch x, int m, int[] perm, int s, Batch out) {
        check(NativeLib.bm_bucketed_median(ptr(x), x.stride(), m, x.dim(), perm, s, ptr(out), threads, level.code),
                "bm_bucketed_median");
    }

    @Override
    protected void doTrimmedMean(Batch x, int m, int t, Batch out) {
        check(NativeLib.bm_trimmed_mean(ptr(x), x.stride(), m, x.dim(), t, ptr(out), threads, level.code),
                "bm_trimmed_mean");
    }

    @Override
    protected void doPairwiseSquaredDistances(Batch x, int m, double[] out) {
        check(NativeLib.bm_pairwise_sq_dists(ptr(x), x.stride(), m, x.dim(), out, threads, level.code),
                "bm_pairwise_sq_dists");
    }

    @Override
    protected void doRfa(Batch x, int m, int iterations, double nu, Batch out) {
        check(NativeLib.bm_rfa(ptr(x), x.stride(), m, x.dim(), iterations, nu, ptr(out), threads, level.code),
                "bm_rfa");
    }

    @Override
    protected void doMeanAroundMedian(Batch x, int m, int[] rows, int count, int keep, Batch out) {
        check(NativeLib.bm_mean_around_median(ptr(x), x.stride(), m, x.dim(), rows, count, keep, ptr(out), threads,
                level.code), "bm_mean_around_median");
    }

    @Override
    protected void doCenteredClip(Batch x, int m, double[] center, double tau, int iterations, Batch out) {
        check(NativeLib.bm_centered_clip(ptr(x), x.stride(), m, x.dim(), center, tau, iterations, ptr(out), threads,
                level.code), "bm_centered_clip");
    }

    @Override
    protected void doDotProducts(Batch x, int m, double[] r, double[] out) {
        check(NativeLib.bm_dot_products(ptr(x), x.stride(), m, x.dim(), r, out, threads, level.code),
                "bm_dot_products");
    }

    @Override
    protected void doSquaredDistancesTo(Batch x, int m, double[] r, double[] out) {
        check(NativeLib.bm_sq_dists_to(ptr(x), x.stride(), m, x.dim(), r, out, threads, level.code),
                "bm_sq_dists_to");
    }

    @Override
    protected void doWeightedSum(Batch x, int m, double[] weights, double[] out) {
        check(NativeLib.bm_weighted_sum(ptr(x), x.stride(), m, x.dim(), weights, out, threads, level.code),
                "bm_weighted_sum");
    }

    /** The native view of a batch's memory (for benchmark aids that call {@link NativeLib} directly). */
    public static FloatPointer pointer(Batch b) {
        return ptr(b);
    }
}
