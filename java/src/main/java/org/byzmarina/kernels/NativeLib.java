package org.byzmarina.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.CriticalRegion;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * JavaCPP bindings of native/include/byzmarina/kernels.h. The JavaCPP Maven plugin generates and
 * compiles the JNI glue for this class and packages it with libbyzmarina.so inside the jar.
 * Batches travel as {@link FloatPointer}s over their off-heap memory (no copy); the small
 * per-row arrays (levels, flags, seeds, indices) are plain Java arrays. Loaded only through
 * {@link NativeLoading}.
 */
@Platform(include = "byzmarina/kernels.h", link = "byzmarina")
public final class NativeLib {
    static {
        // Runs only inside NativeLoading, under its lock (NativeLoading.loadCommon initialises this class).
        Loader.load();
    }

    private NativeLib() {
    }

    public static native int bm_simd_supported();

    public static native int bm_version();

    public static native int bm_squared_norms(@Const FloatPointer x, long ld, long m, long d, double[] out,
                                              int threads, int simd);

    public static native long bm_clip(@Const FloatPointer src, long ldSrc, FloatPointer dst, long ldDst, long m,
                                      long d, @Const double[] levels, double[] sqNorms,
                                      @Cast("int8_t*") byte[] flags, int threads, int simd);

    public static native int bm_randk(FloatPointer x, long ld, long m, long d, long k,
                                      @Cast("const uint64_t*") long[] seeds, @Cast("int32_t*") int[] idx,
                                      float[] val, int dense, int threads, int simd);

    public static native int bm_group_means(@Const FloatPointer x, long ld, long m, long d,
                                            @Cast("const int32_t*") int[] index,
                                            @Cast("const int64_t*") long[] groupStart, long groups,
                                            FloatPointer out, long ldOut, int threads, int simd);

    public static native int bm_coordinate_median(@Const FloatPointer x, long ld, long m, long d, FloatPointer out,
                                                  int threads, int simd);

    public static native int bm_bucketed_median(@Const FloatPointer x, long ld, long m, long d,
                                                @Cast("const int32_t*") int[] perm, long s, FloatPointer out,
                                                int threads, int simd);

    public static native int bm_trimmed_mean(@Const FloatPointer x, long ld, long m, long d, long t,
                                             FloatPointer out, int threads, int simd);

    public static native int bm_pairwise_sq_dists(@Const FloatPointer x, long ld, long m, long d, double[] out,
                                                  int threads, int simd);

    public static native int bm_rfa(@Const FloatPointer x, long ld, long m, long d, int iterations, double nu,
                                    FloatPointer out, int threads, int simd);

    public static native int bm_mean_around_median(@Const FloatPointer x, long ld, long m, long d,
                                                   @Cast("const int32_t*") int[] rows, long count, long keep,
                                                   FloatPointer out, int threads, int simd);

    // The d-long double arrays below are pinned for the call (@CriticalRegion), not copied in and out.

    @CriticalRegion
    public static native int bm_centered_clip(@Const FloatPointer x, long ld, long m, long d, @Const double[] center,
                                              double tau, int iterations, FloatPointer out, int threads, int simd);

    @CriticalRegion
    public static native int bm_dot_products(@Const FloatPointer x, long ld, long m, long d, @Const double[] r,
                                             double[] out, int threads, int simd);

    @CriticalRegion
    public static native int bm_sq_dists_to(@Const FloatPointer x, long ld, long m, long d, @Const double[] r,
                                            double[] out, int threads, int simd);

    @CriticalRegion
    public static native int bm_weighted_sum(@Const FloatPointer x, long ld, long m, long d, @Const double[] w,
                                             double[] out, int threads, int simd);

    /** SHA-256 of data[0 .. n) into out[0 .. 32) (kernels.h); the arrays are pinned, not copied. */
    @CriticalRegion
    public static native int bm_sha256(@Cast("const uint8_t*") @Const byte[] data, long n, @Cast("uint8_t*") byte[] out);

    /** Benchmark aid (kernels.h, machine floors): out[i] = csum of row i, one read of the batch. */
    public static native int bm_row_sums(@Const FloatPointer x, long ld, long m, long d, double[] out,
                                         int threads, int simd);

    /** Benchmark aid (kernels.h, machine floors): copies m rows of d floats. */
    public static native int bm_copy_rows(@Const FloatPointer src, long ldSrc, FloatPointer dst, long ldDst, long m,
                                          long d, int threads, int simd);

    // Logistic regression on sparse rows (kernels.h): the twins of LogisticRegression's sparse
    // paths. bm_exp and bm_logistic_loss pin their arrays for the call (@CriticalRegion; grad may be
    // null); the clients' kernels take addresses (x0 may be 0).

    @CriticalRegion
    public static native int bm_exp(@Const double[] x, long n, double[] out, int simd);

    /**
     * bm_logistic_batch and bm_logistic_full over raw addresses of off-heap memory: the clients' hot
     * path, called many times a round, where pinning eight arrays cost about 150 ns a call.
     */
    public static native int bm_logistic_batch(@Cast("const int32_t*") long rowStart, @Cast("const void*") long colIndex,
                                               int colBytes, @Cast("const double*") long values, int rowValues,
                                               @Cast("const double*") long labels, long rows, long d, long base,
                                               @Cast("const int32_t*") long batch, long size, @Cast("const double*") long x1,
                                               @Cast("const double*") long x0, int flip, double eta, double rho,
                                               @Cast("double*") long out, @Cast("double*") long z, int simd);

    public static native int bm_logistic_full(@Cast("const int32_t*") long rowStart, @Cast("const void*") long colIndex,
                                              int colBytes, @Cast("const double*") long values, int rowValues,
                                              @Cast("const double*") long labels, long rows, long d, long base, long m,
                                              @Cast("const double*") long x, int flip, double eta, double rho,
                                              @Cast("double*") long out, @Cast("double*") long z, int simd);

    @CriticalRegion
    public static native int bm_rows_gather(@Cast("const int32_t*") @Const int[] rowStart,
                                            @Cast("const int32_t*") @Const int[] colIndex, @Const double[] values,
                                            @Cast("const int32_t*") @Const int[] order, long n,
                                            @Cast("int32_t*") int[] outStart, @Cast("int32_t*") int[] outCol,
                                            double[] outVal);

    @CriticalRegion
    public static native int bm_rows_by_columns(@Cast("const int32_t*") @Const int[] rowStart,
                                                @Cast("const int32_t*") @Const int[] colIndex, long rows, long cols,
                                                @Cast("int32_t*") int[] colStart, @Cast("int32_t*") int[] rowIndex,
                                                @Cast("int32_t*") int[] next);

    @CriticalRegion
    public static native int bm_narrow_index(@Cast("const int32_t*") @Const int[] in, long n, int bytes,
                                             @Cast("void*") long out);

    @CriticalRegion
    public static native int bm_distinct_rows(@Cast("const int32_t*") @Const int[] rowStart,
                                              @Cast("const int32_t*") @Const int[] colIndex, @Const double[] common,
                                              long rows, @Cast("int32_t*") int[] groupOf,
                                              @Cast("int32_t*") int[] representative, @Cast("int64_t*") long[] groups);

    @CriticalRegion
    public static native int bm_logistic_loss(@Cast("const int32_t*") @Const int[] rowStart,
                                              @Cast("const int32_t*") @Const int[] colIndex, @Const double[] common,
                                              @Cast("const int32_t*") @Const int[] colStart,
                                              @Cast("const int32_t*") @Const int[] rowIndex, @Const double[] w0,
                                              @Const double[] w1, long rows, long cols, @Const double[] x, double[] t,
                                              double[] e, double[] scaled, double[] fOut, double[] grad, int simd);
    // LIBSVM parsing (kernels.h): the native twin of LibsvmReader's fast path. The arrays are pinned
    // for the call (@CriticalRegion), not copied: the file's bytes in, the sparse rows out.

    /** Counts rows, non-zeros, largest index and pairs into out4; 0, or 1 where the Java parser must read the file. */
    @CriticalRegion
    public static native long bm_libsvm_scan(@Cast("const uint8_t*") @Const byte[] s, long n, @Cast("int64_t*") long[] out4);

    /** Fills the sparse rows of bytes that bm_libsvm_scan accepted (arrays sized from its counts). */
    @CriticalRegion
    public static native int bm_libsvm_fill(@Cast("const uint8_t*") @Const byte[] s, long n, @Cast("int32_t*") int[] rowStart,
                                            @Cast("int32_t*") int[] colIndex, double[] values, double[] labels);
}
