package org.byzmarina.kernels;

/**
 * The batch kernels of byzmarina: the narrow interface between the protocol and the two engines,
 * {@link JavaKernels} (the plain-loop reference) and {@link NativeKernels} (C++ SIMD through JavaCPP).
 *
 * <p>Every operation works on the first {@code m} rows of a {@link Batch} and writes its results from
 * row 0 of an output batch (or into a Java array). The arithmetic, including the order of every
 * floating-point sum, is specified once in native/include/byzmarina/kernels.h; both implementations
 * follow it, so their results agree bit for bit and do not depend on the thread count.
 * The "canonical sum" (csum) is a 16-lane double accumulation folded by halves.
 *
 * <p>Non-finite inputs (docs/algorithm.md non-finite rule): {@link #clip} replaces any row holding NaN or ±Inf
 * by the zero vector and flags it {@link #NON_FINITE}. All other aggregation kernels expect finite
 * rows (run {@code clip}, possibly with level +Inf, first); they never produce non-finite output
 * from finite input, however large (±3.4e38: sums and products run in double). Vector parameters
 * ({@code r}, {@code center}, {@code weights}) are not scanned for non-finite entries (that would cost
 * a pass at small m); a non-finite entry gives non-finite outputs.
 *
 * <p>Arguments are validated before any work (see {@link CheckedKernels}); a violation is an
 * {@link IllegalArgumentException} naming the bad value.
 */
public interface Kernels {
    /** Clip flag: row unchanged. */
    byte KEPT = 0;
    /** Clip flag: row scaled down to its level. */
    byte CLIPPED = 1;
    /** Clip flag: row held a non-finite entry and was replaced by zeros. */
    byte NON_FINITE = 2;

    /** "java" or "native". */
    String backend();

    /** SIMD level in use ("portable", "avx2", "avx512"; "scalar-java" for the Java reference). */
    String simdLevel();

    /** Threads each call may use. */
    int threads();

    /** out[i] = ||x_i||² (csum in double; a 1e38 entry does not overflow). */
    void squaredNorms(Batch x, int m, double[] out);

    /**
     * clip_λ(v) = min(1, λ/||v||)·v of docs/algorithm.md for every row i with λ = levels[i] (+Inf = no clipping),
     * from src into dst (dst may be src). Rows with a non-finite entry become zero (flag NON_FINITE).
     *
     * @param sqNorms if non-null, receives ||v_i||² of the input (0 for non-finite rows)
     * @param flags   if non-null, receives KEPT, CLIPPED or NON_FINITE per row
     * @return the number of rows that were clipped (flag CLIPPED)
     */
    int clip(Batch src, Batch dst, int m, double[] levels, double[] sqNorms, byte[] flags);

    /**
     * RandK of docs/algorithm.md: for each row i, k distinct coordinates from SplitMix64(seeds[i]) by Floyd's
     * algorithm, sorted; kept values scaled by d/k.
     *
     * @param indices if non-null, receives m*k sorted coordinates (row i at i*k)
     * @param values  if non-null, receives the m*k scaled values
     * @param dense   if true, each row is rewritten in place (scaled kept values, zeros elsewhere)
     */
    void randK(Batch x, int m, int k, long[] seeds, int[] indices, float[] values, boolean dense);

    /**
     * Group means: out row g = mean of x rows index[groupStart[g]] .. index[groupStart[g+1]-1],
     * summed in double in that order. Mean, bucket means, Multi-Krum and NNM are all group means.
     */
    void groupMeans(Batch x, int m, int[] index, int[] groupStart, int groups, Batch out);

    /**
     * CM∘Bucketing(s): the coordinate-wise median of the ⌈m/s⌉ bucket means over the permutation
     * perm (groups of s consecutive entries, the last what remains), into row 0 of out. Bit for bit
     * the same as {@link #groupMeans} followed by {@link #coordinateMedian}; the native engine fuses
     * the two so the means are never written to memory.
     */
    void bucketedMedian(Batch x, int m, int[] perm, int s, Batch out);

    /** Coordinate-wise median into row 0 of out (average of the two middle values for even m). */
    void coordinateMedian(Batch x, int m, Batch out);

    /** Coordinate-wise trimmed mean dropping t values from each side (0 <= 2t < m) into row 0 of out. */
    void trimmedMean(Batch x, int m, int t, Batch out);

    /** out[i*m + k] = ||x_i - x_k||² (csum in double), m*m entries. */
    void pairwiseSquaredDistances(Batch x, int m, double[] out);

    /** Smoothed Weiszfeld (RFA) with the given iterations and ν > 0, into row 0 of out. */
    void rfa(Batch x, int m, int iterations, double nu, Batch out);

    /**
     * MeaMed (Xie, Koyejo, Gupta 2018; Bulyan's last stage): per coordinate, the mean of the {@code keep}
     * values closest to the median of the inputs, into row 0 of out. The inputs are rows
     * {@code rows[0..count)} of x (each in [0, m), repeats allowed), or rows 0..m-1 when {@code rows} is
     * null (then {@code count} must equal m). The median is the coordinate median's (the average of the
     * two middle values, in double, for even count); distances |v − med| in double, ties to the lower
     * value; the chosen values are summed in double in ascending order and divided by keep
     * (kernels.h: bm_mean_around_median). 1 ≤ keep ≤ count.
     */
    void meanAroundMedian(Batch x, int m, int[] rows, int count, int keep, Batch out);

    /**
     * Centered clipping (CClip; Karimireddy, He, Jaggi 2021) from {@code center} (d doubles) with radius
     * {@code tau} (positive, finite) for {@code iterations} ≥ 1 rounds, into row 0 of out: each round,
     * c_i = min(1, τ/||x_i − v||) (norms as csum in double) and v ← v + (1/m) Σ_i c_i (x_i − v), the sum
     * over i in ascending order in double per coordinate (kernels.h: bm_centered_clip).
     */
    void centeredClip(Batch x, int m, double[] center, double tau, int iterations, Batch out);

    /** out[i] = ⟨x_i, r⟩ = csum_j (double)x_ij · r_j, for a double vector r of d entries. */
    void dotProducts(Batch x, int m, double[] r, double[] out);

    /** out[i] = ||x_i − r||² = csum_j ((double)x_ij − r_j)², for a double vector r of d entries. */
    void squaredDistancesTo(Batch x, int m, double[] r, double[] out);

    /**
     * out_j = Σ_i weights[i] · (double)x_ij over i = 0..m-1 in ascending order, in double (each product
     * rounded, then added; no fused multiply-add), d entries; m = 0 gives zeros.
     */
    void weightedSum(Batch x, int m, double[] weights, double[] out);

    /** Mean of the first m rows into row 0 of out (a single group mean). */
    default void mean(Batch x, int m, Batch out) {
        int[] index = new int[m];
        for (int i = 0; i < m; i++) {
            index[i] = i;
        }
        groupMeans(x, m, index, new int[] {0, m}, 1, out);
    }
}
