/*
 * byzmarina native kernels: the C contract between the C++ SIMD engine and the Java layer.
 *
 * Plain pointers and sizes in, no JVM types, no SIMD types. Every function validates its
 * arguments and returns BM_EINVAL (never aborts, never prints) when they are inconsistent.
 *
 * Batches: m vectors of dimension d in float32, row-major, row i starting at x + i*ld
 * (ld >= d; padding floats are never read as data and never written). Pointers need not be
 * aligned. When m == 0 or d == 0 a function does nothing and succeeds (pointers may then be NULL).
 *
 * Every function takes `threads` (>= 1; work is split over that many threads, 1 = run on the
 * calling thread only) and `simd` (BM_SIMD_BEST or a level <= bm_simd_supported()).
 * Results never depend on `threads` or `simd`: each output element is computed by one thread,
 * in the canonical order written below, so all backends (and the Java reference) agree bit for bit.
 *
 * Canonical 16-lane sum ("csum") of terms t_0 .. t_{n-1}, in double:
 *   s[l] = 0.0 for l in 0..15; for j = 0 .. n-1 in increasing order: s[j % 16] += t_j;
 *   then fold halves: for w = 8, 4, 2, 1: s[l] = s[l] + s[l + w] for l in 0..w-1; result s[0].
 * No fused multiply-add anywhere (-ffp-contract=off): products and sums are rounded separately.
 *
 * Output canonicalisation: every float written by an aggregation kernel (median, trimmed mean,
 * RFA) is v + 0.0f, so -0.0f never appears (makes outputs bit-comparable).
 *
 * Non-finite inputs: only bm_clip and bm_squared_norms accept rows with NaN or +-Inf; bm_clip
 * applies docs/algorithm.md's non-finite rule (the whole row becomes zero). The other kernels require finite
 * input (callers run bm_clip first); given non-finite input they still terminate and write only
 * inside their outputs, but the values are unspecified. Vector parameters (r, center, weights)
 * are not scanned: a non-finite entry gives unspecified (typically non-finite) outputs.
 * Finite inputs, however large (+-3.4e38), never overflow: every sum and product runs in double.
 */
#ifndef BYZMARINA_KERNELS_H
#define BYZMARINA_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BM_OK 0
#define BM_EINVAL (-1)
#define BM_ENOMEM (-2)

#define BM_SIMD_BEST (-1)
#define BM_SIMD_PORTABLE 0
#define BM_SIMD_AVX2 1
#define BM_SIMD_AVX512 2

/* Highest SIMD level both this CPU and this build support (0, 1 or 2). */
int bm_simd_supported(void);
/* "portable", "avx2", "avx512", or "unknown". */
const char* bm_simd_name(int level);
/* Version of the library, e.g. 100 for 0.1.0. */
int bm_version(void);

/* out[i] = csum_j x[i][j]^2 with terms (double)x*(double)x. Non-finite rows give non-finite out. */
int bm_squared_norms(const float* x, int64_t ld, int64_t m, int64_t d, double* out,
                     int threads, int simd);

/*
 * clip_lambda (docs/algorithm.md) of every row, out of place or in place (dst == src with the same ld).
 *   n2 = squared norm as bm_squared_norms.
 *   if n2 is not finite:   dst row = 0, sq_norms[i] = 0, flags[i] = 2   (non-finite rule)
 *   else if sqrt(n2) > levels[i]: scale = levels[i] / sqrt(n2) (double);
 *                          dst[j] = (float)((double)src[j] * scale), sq_norms[i] = n2, flags[i] = 1
 *   else:                  dst row = src row (copied if out of place), sq_norms[i] = n2, flags[i] = 0
 * levels[i] >= 0 (may be +Inf = no clipping, only the non-finite rule); NaN or negative -> BM_EINVAL.
 * sq_norms and flags may be NULL. Returns the number of rows with flag 1, or a negative error.
 */
int64_t bm_clip(const float* src, int64_t ld_src, float* dst, int64_t ld_dst, int64_t m, int64_t d,
                const double* levels, double* sq_norms, int8_t* flags, int threads, int simd);

/*
 * RandK (docs/algorithm.md): for row i, K distinct coordinates chosen uniformly from [0, d) by Floyd's
 * algorithm over a SplitMix64 stream seeded with seeds[i], then sorted ascending.
 *   SplitMix64 next(): s += 0x9E3779B97F4A7C15; z = s; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
 *                      z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31);  (s starts at seed)
 *   next32() = (uint32_t)(next() >> 32)
 *   bounded(n), 1 <= n <= 2^31, Lemire multiply-shift with rejection:
 *       x = next32(); p = (uint64_t)x * n; l = (uint32_t)p;
 *       if (l < n) { t = (uint32_t)(-(uint32_t)n) % n; while (l < t) { x = next32(); p = (uint64_t)x * n; l = (uint32_t)p; } }
 *       return p >> 32;
 *   Floyd: for j = d-k .. d-1: t = bounded(j + 1); if t already chosen, choose j, else choose t.
 * Kept values are scaled by d/k: v' = (float)((double)v * ((double)d / (double)k)).
 * Sparse form (idx, val may each be NULL): idx[i*k + r] = r-th smallest chosen index (int32),
 *   val[i*k + r] = scaled value at that index (read before any dense rewrite).
 * Dense form (dense != 0): row i of x is rewritten in place: scaled at chosen indices, 0 elsewhere.
 * 0 <= k <= d; k == 0 gives empty sparse output and (dense) a zero row; d <= 2^31 - 1.
 */
int bm_randk(float* x, int64_t ld, int64_t m, int64_t d, int64_t k, const uint64_t* seeds,
             int32_t* idx, float* val, int dense, int threads, int simd);

/*
 * Group means: for g in 0..groups-1, out row g (row stride ld_out) is the mean of rows
 * index[group_start[g]] .. index[group_start[g+1] - 1] of x:
 *   acc = 0.0 (double); for r = group_start[g] .. group_start[g+1]-1 in increasing order:
 *   acc += (double)x[index[r]][j];   out[g][j] = (float)(acc / (double)count)
 * group_start has groups+1 non-decreasing entries with group_start[0] >= 0; every group non-empty;
 * every index in [0, m). Rows may repeat. out must not overlap x. Covers: mean (one group of all
 * rows), bucket means (index = permutation, groups of s), Multi-Krum, NNM.
 */
int bm_group_means(const float* x, int64_t ld, int64_t m, int64_t d, const int32_t* index,
                   const int64_t* group_start, int64_t groups, float* out, int64_t ld_out,
                   int threads, int simd);

/*
 * Coordinate-wise median of the m >= 1 rows: per coordinate sort the m values ascending (v_0 ..);
 * odd m: out[j] = v_{(m-1)/2}; even m: out[j] = (float)(((double)v_{m/2-1} + (double)v_{m/2}) * 0.5);
 * then out[j] = out[j] + 0.0f.
 */
int bm_coordinate_median(const float* x, int64_t ld, int64_t m, int64_t d, float* out,
                         int threads, int simd);

/*
 * Median of bucket means (the paper's CM∘Bucketing(s)): the m rows are taken in the order
 * perm[0..m) (a permutation of 0..m-1), consecutive groups of s >= 1 are averaged exactly as
 * bm_group_means does (the last group averages what remains; each mean rounded to float), and
 * out is the coordinate-wise median of the ceil(m/s) means exactly as bm_coordinate_median.
 * Bit for bit equal to bm_group_means followed by bm_coordinate_median, without writing the
 * means to memory. m >= 1. BM_EINVAL if s < 1 or (m >= 1) perm is NULL or not a permutation of
 * 0..m-1 (checked even when d == 0); m == 0 does nothing.
 */
int bm_bucketed_median(const float* x, int64_t ld, int64_t m, int64_t d, const int32_t* perm, int64_t s,
                       float* out, int threads, int simd);

/*
 * Coordinate-wise trimmed mean, 0 <= 2t < m: per coordinate sort ascending (v_0 .. v_{m-1});
 * acc = 0.0; for r = t .. m-t-1: acc += (double)v_r; out[j] = (float)(acc / (double)(m - 2t)) + 0.0f.
 */
int bm_trimmed_mean(const float* x, int64_t ld, int64_t m, int64_t d, int64_t t, float* out,
                    int threads, int simd);

/*
 * Pairwise squared distances: out[i*m + k] = csum_j ((double)x[i][j] - (double)x[k][j])^2 for i < k
 * (difference and square in double), mirrored to out[k*m + i]; out[i*m + i] = 0.
 */
int bm_pairwise_sq_dists(const float* x, int64_t ld, int64_t m, int64_t d, double* out,
                         int threads, int simd);

/*
 * Smoothed Weiszfeld (RFA, docs/algorithm.md), m >= 1, iterations >= 0, nu > 0 and finite:
 *   z = 0 (double[d]); repeat `iterations` times:
 *     dist_i = sqrt(csum_j (z[j] - (double)x[i][j])^2);  beta_i = 1.0 / max(nu, dist_i)
 *     B = 0.0; for i = 0..m-1: B += beta_i
 *     for each j: acc = 0.0; for i = 0..m-1: acc += beta_i * (double)x[i][j];  z[j] = acc / B
 *   out[j] = (float)z[j] + 0.0f.
 */
int bm_rfa(const float* x, int64_t ld, int64_t m, int64_t d, int32_t iterations, double nu,
           float* out, int threads, int simd);

/*
 * Mean around the median (MeaMed; Bulyan's last stage), 1 <= keep <= count. The inputs are rows
 * rows[0..count) of x (rows[r] in [0, m), repeats allowed), or rows 0..m-1 when rows is NULL (then
 * count must equal m). Per coordinate j, with v_0 <= .. <= v_{n-1} the n = count values sorted:
 *   med = (double)v_{(n-1)/2} (odd n), ((double)v_{n/2-1} + (double)v_{n/2}) * 0.5 (even n; not
 *         rounded to float);
 *   the window [a, a + keep) of the keep values closest to med, chosen by a two-pointer walk with
 *   ties to the lower value: start with L = (n-1)/2, R = L + 1 (odd n) or L = R = n/2 (even n);
 *   while R - L < keep: if L == 0 then R += 1; else if R == n then L -= 1;
 *   else if med - (double)v_{L-1} <= (double)v_R - med then L -= 1; else R += 1.   a = L.
 *   (Equivalently, as the engine computes it: a = the number of s in [0, n - keep) with
 *   med - (double)v_s > (double)v_{s+keep} - med; both distances are monotone in s, and the two
 *   give windows holding the same values.)
 *   acc = 0.0; for r = a .. a+keep-1: acc += (double)v_r;   out[j] = (float)(acc / (double)keep) + 0.0f.
 * keep == n gives the plain mean of the sorted values (in ascending order). out must not overlap x.
 */
int bm_mean_around_median(const float* x, int64_t ld, int64_t m, int64_t d, const int32_t* rows,
                          int64_t count, int64_t keep, float* out, int threads, int simd);

/*
 * Centered clipping (CClip), m >= 1, tau > 0 and finite, iterations >= 1, center: d doubles:
 *   v = center (double[d]); repeat `iterations` times:
 *     n_i = sqrt(csum_j ((double)x[i][j] - v[j])^2);  c_i = (n_i > tau) ? tau / n_i : 1.0
 *     for each j: acc = 0.0; for i = 0..m-1: acc += c_i * ((double)x[i][j] - v[j]);
 *                 v[j] = v[j] + acc / (double)m
 *   out[j] = (float)v[j] + 0.0f.
 * The norms of one iteration use the v of the previous one (all coordinates). out (d floats) must
 * not overlap x. Work: 2 * iterations passes over the batch (norms over rows, update over coordinates).
 */
int bm_centered_clip(const float* x, int64_t ld, int64_t m, int64_t d, const double* center, double tau,
                     int32_t iterations, float* out, int threads, int simd);

/* out[i] = csum_j (double)x[i][j] * r[j]  (r: d doubles; one product then one add per term). */
int bm_dot_products(const float* x, int64_t ld, int64_t m, int64_t d, const double* r, double* out,
                    int threads, int simd);

/* out[i] = csum_j ((double)x[i][j] - r[j])^2  (r: d doubles; difference, square, add). */
int bm_sq_dists_to(const float* x, int64_t ld, int64_t m, int64_t d, const double* r, double* out,
                   int threads, int simd);

/*
 * Weighted sum of the rows, in double: for each j: acc = 0.0; for i = 0..m-1 in increasing order:
 * acc += w[i] * (double)x[i][j] (product rounded, then the add);  out[j] = acc.  m == 0 writes zeros.
 */
int bm_weighted_sum(const float* x, int64_t ld, int64_t m, int64_t d, const double* w, double* out,
                    int threads, int simd);

/*
 * Machine floors (benchmark aids, not aggregation kernels): what it costs this machine to read a
 * batch once, and to copy it, with the engine's threads and SIMD.
 *   bm_row_sums: out[i] = csum_j (double)x[i][j] (one pass over the batch, rows split over threads).
 *   bm_copy_rows: dst row i = src row i (no overlap; large copies use non-temporal stores).
 */
int bm_row_sums(const float* x, int64_t ld, int64_t m, int64_t d, double* out, int threads, int simd);
int bm_copy_rows(const float* src, int64_t ld_src, float* dst, int64_t ld_dst, int64_t m, int64_t d,
                 int threads, int simd);

/*
 * SHA-256 (FIPS 180-4) of data[0 .. n) into out[0 .. 32): the provenance hash of data files
 * (the JDK's MessageDigest gives the same digest, only slower before its JIT warms up).
 */
int bm_sha256(const uint8_t* data, int64_t n, uint8_t* out);

/*
 * Logistic regression on sparse rows: the twins of LogisticRegression.java's sparse paths, equal to
 * them bit for bit (same operations, same order; results do not depend on `simd`). Rows in
 * compressed sparse form: row r's non-zeros are k = row_start[r] .. row_start[r+1]-1, in column
 * order, at columns col_index[k] in [0, d) with values[k]; labels[r] in {0, 1}. Single-threaded.
 * bm_logistic_batch and bm_logistic_full also take narrower layouts of the same rows (the
 * results are the same bits): col_index entries of col_bytes = 1 (uint8_t, d <= 256), 2 (uint16_t,
 * d <= 65536) or 4 (int32_t) bytes, and with row_values != 0 one value per row, values[r], for
 * rows whose non-zeros all share it (values[k] below reads values[r] of k's row).
 *
 *   bm_exp: out[i] = exp(x[i]) exactly as fdlibm's e_exp.c (Java's StrictMath.exp).
 *   sigma(t) = 1/(1 + exp(-t)) for t >= 0, else e/(1 + e) with e = exp(t) (that exp).
 *   dot(r, x) = sum over k in order of values[k] * x[col_index[k]], from 0.0.
 *   bm_logistic_batch: out = 0; for i = 0 .. size-1 in order, row = base + batch[i]:
 *       c = sigma(dot(row, x1)) - sigma(dot(row, x0))       (x0 != NULL: a difference)
 *       c = sigma(dot(row, x1)) - (flip ? 1 - y : y)        (x0 == NULL: a gradient)
 *       out[col_index[k]] += c * values[k] over the row;
 *     then out[j] *= 1.0/size, then the regulariser: out[j] += eta * x1[j] + rho * ncg(x1[j]), or
 *     for a difference out[j] += eta * (x1[j] - x0[j]) + rho * (ncg(x1[j]) - ncg(x0[j])), where
 *     ncg(t) = 2 * t / (q * q), q = 1 + t * t. z: scratch of 2*size doubles.
 *   bm_logistic_full: z[r] = sigma(dot(base + r, x)) - (flip ? 1 - y : y) for r < m; out = 0;
 *     for r in order with z[r] != 0: out[col_index[k]] += z[r] * values[k]; out[j] *= 1.0/m; then
 *     the regulariser at x as above. z: m doubles (left holding the coefficients).
 *   bm_logistic_loss: the metrics' data term over binary rows (every non-zero of row r equals
 *     common[r]): t_r = (sum over k of x[col_index[k]]) * common[r]; e_r = exp(-|t_r|) by
 *     Softplus.expNeg (Tang's method with Softplus.java's tables; fdlibm above 700);
 *     f = sum over r in order, skipping rows with w0 = w1 = 0, of
 *       w0[r] (max(t_r, 0) + L_r) + w1[r] (max(-t_r, 0) + L_r), L_r = Softplus.log1p(e_r);
 *     with grad != NULL: coefficient c_r = W0 sigma - W1 (1 - sigma) (0 for skipped rows) and
 *     grad[j] = (s0 + s1) + (s2 + s3) over the column index's rows of j (col_start, row_index:
 *     the rows holding column j in increasing order), term k - col_start[j] going to s_(that mod 4)
 *     for the full groups of four and to s0 after, each term c_row * common[row].
 *     t, e, scaled: scratch of rows doubles. *f_out = f (the regularisers are the caller's).
 */
int bm_exp(const double* x, int64_t n, double* out, int simd);
int bm_logistic_batch(const int32_t* row_start, const void* col_index, int col_bytes, const double* values,
                      int row_values, const double* labels, int64_t rows, int64_t d, int64_t base,
                      const int32_t* batch, int64_t size, const double* x1, const double* x0, int flip,
                      double eta, double rho, double* out, double* z, int simd);
int bm_logistic_full(const int32_t* row_start, const void* col_index, int col_bytes, const double* values,
                     int row_values, const double* labels, int64_t rows, int64_t d, int64_t base, int64_t m,
                     const double* x, int flip, double eta, double rho, double* out, double* z, int simd);
/*
 * Compressed sparse rows rearranged, the twins of Rows.java (the same arrays). Single-threaded.
 *   bm_rows_gather: rows order[0 .. n) of (row_start, col_index, values) as new rows, row i being row
 *     order[i]: out_start (n + 1 ints) always; with out_col and out_val (out_start[n] entries each)
 *     also the non-zeros (call first without them to size them).
 *   bm_rows_by_columns: the column index of rows x cols: col_start (cols + 1 ints) with column j's
 *     entries at col_start[j] .. col_start[j+1]-1 of row_index (row_start[rows] ints): the rows holding
 *     column j, in increasing order. next: cols ints of scratch.
 *   bm_narrow_index: out[k] = in[k] as an unsigned integer of bytes = 1 or 2 bytes (in[k] must fit).
 */
int bm_rows_gather(const int32_t* row_start, const int32_t* col_index, const double* values, const int32_t* order,
                   int64_t n, int32_t* out_start, int32_t* out_col, double* out_val);
int bm_rows_by_columns(const int32_t* row_start, const int32_t* col_index, int64_t rows, int64_t cols,
                       int32_t* col_start, int32_t* row_index, int32_t* next);
int bm_narrow_index(const int32_t* in, int64_t n, int bytes, void* out);

/*
 * bm_distinct_rows: the distinct rows of compressed sparse rows whose non-zeros of row r all equal
 * common[r] (the twin of Rows.java's DistinctHolder): rows r and s are the same when common[r] and
 * common[s] have the same bits (every NaN alike, as Double.compare) and the same column lists. Groups
 * are numbered in order of first occurrence: group_of[r] (rows ints) is row r's group,
 * representative[g] (rows ints) the first row of group g, *groups their number. Single-threaded.
 */
int bm_distinct_rows(const int32_t* row_start, const int32_t* col_index, const double* common, int64_t rows,
                     int32_t* group_of, int32_t* representative, int64_t* groups);
int bm_logistic_loss(const int32_t* row_start, const int32_t* col_index, const double* common,
                     const int32_t* col_start, const int32_t* row_index, const double* w0, const double* w1,
                     int64_t rows, int64_t cols, const double* x, double* t, double* e, double* scaled,
                     double* f_out, double* grad, int simd);

/*
 * LIBSVM text (label idx:val idx:val ...) to compressed sparse rows, the native twin of the fast path
 * of the Java reader (org.byzmarina.data.LibsvmReader), giving the same arrays bit for bit. Two passes
 * over the same bytes s[0 .. n), on the calling thread:
 *
 * bm_libsvm_scan: returns 0 and writes out4[0] = rows, out4[1] = non-zeros (values != 0, which are
 *   the ones kept), out4[2] = the largest feature index (1-based; 0 when every row is a bare label),
 *   out4[3] = idx:val pairs read, explicit zeros included. Returns 1 (nothing written) wherever the
 *   Java reader would report an error or leave its fast path, so that it redoes the file: any
 *   malformed line, an index of 0, above 10 000 000 or not above the previous one, no rows, more
 *   than INT32_MAX - 8 pairs, or a label or value that is not [-+]? digits with at most one '.' and
 *   1 to 15 digits (leading zeros count; "5." and ".5" are numbers, ".", "-", "1e5" are not).
 *   BM_EINVAL for n < 0, a NULL out4, or a NULL s with n > 0.
 * Syntax: lines end in LF, CRLF or a lone CR (the last may lack one); blanks are space and tab;
 *   blank lines and lines (or line ends) from '#' on are skipped; a row is a label, then
 *   blank-separated idx:val pairs (a pair needs a blank before it).
 * Value of a number with digits D (as an integer mant) of which `scale` follow the '.':
 *   v = scale == 0 ? (double)mant : (double)mant / 10^scale (mant < 2^53 and 10^scale exact, one
 *   correctly rounded division), then -v for a '-' (so "-0" is -0.0, and is dropped as a value).
 *
 * bm_libsvm_fill: with bytes that bm_libsvm_scan accepted, writes row_start (rows + 1 entries,
 *   row_start[0] = 0), col_index and values (non-zeros entries each: 0-based index and value of
 *   each pair whose value != 0, in file order) and labels (rows entries); returns 0.
 *   BM_EINVAL for n <= 0 or a NULL s, row_start or labels (col_index and values may be NULL when
 *   there are no non-zeros).
 */
int64_t bm_libsvm_scan(const uint8_t* s, int64_t n, int64_t* out4);
int bm_libsvm_fill(const uint8_t* s, int64_t n, int32_t* row_start, int32_t* col_index, double* values,
                   double* labels);

#ifdef __cplusplus
}
#endif

#endif /* BYZMARINA_KERNELS_H */
