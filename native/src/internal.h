// Internal declarations of the byzmarina native engine (not installed, not part of the C contract).
#ifndef BYZMARINA_INTERNAL_H
#define BYZMARINA_INTERNAL_H

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "byzmarina/kernels.h"

// Every C entry point is defined with this (the library is built with -fvisibility=hidden).
#define BM_EXPORT extern "C" __attribute__((visibility("default")))

namespace bm {

// ---------------------------------------------------------------------------------------------
// SIMD bodies: one table per compiled target (simd/simd_kernels.cpp, compiled three times).
// The functions are single-threaded pieces; threading and validation live in the api_*.cpp files.
// ---------------------------------------------------------------------------------------------

enum OrderMode { kMedian = 0, kTrimmed = 1, kMeaMed = 2 };

// Row reductions (simd/rowdots.inc).
enum RowKind { kRowDot = 0, kRowDist = 1, kRowSum = 2 };

// One coordinate-wise order-statistics job (median or trimmed mean) over a whole batch, or over
// the bucket means of a batch (bm_bucketed_median: perm != nullptr).
struct OrderJob {
    const float* x;         // batch
    int64_t ld;             // row stride
    int64_t rows;           // rows of the batch
    const int32_t* perm;    // bucketed (MeaMed over chosen rows: s = 1): the rows in bucket
                            // order (rows entries), else nullptr
    int64_t s;              // bucketed: rows per bucket (the last bucket: what remains)
    int64_t m;              // network wires: rows, or (bucketed) the number of buckets
    int64_t mpad;           // wires in scratch: m, or (bitonic) the power of two >= m, reg_wires
    int bitonic;            // 1: register-blocked bitonic sort (wires m .. mpad-1 hold +Inf)
    int mode;               // kMedian, kTrimmed or kMeaMed
    int64_t t;              // trimmed-mean t, or MeaMed's keep
    const uint32_t* comps;  // not bitonic: Batcher comparators, pairs (lo, hi) of byte offsets
    int64_t ncomps;         // number of pairs
    float* out;             // output row
};

// Sparse rows of a logistic-regression problem (kernels.h, bm_logistic_batch / bm_logistic_full).
struct LrRows {
    const int32_t* row_start;  // rows + 1
    const void* col_index;     // col_bytes = 1 (uint8_t), 2 (uint16_t) or 4 (int32_t) per entry
    const double* values;      // per non-zero, or (row_values) one per row
    const double* labels;      // y in {0, 1}
    int64_t rows;
    int64_t d;
    int col_bytes;
    int row_values;
};

// The metrics' loss over binary rows (kernels.h, bm_logistic_loss).
struct LrLoss {
    const int32_t* row_start;
    const int32_t* col_index;
    const double* common;      // the value every non-zero of row r shares
    const int32_t* col_start;  // the column index: cols + 1 (may be null when grad is null)
    const int32_t* row_index;
    const double* w0;
    const double* w1;
    const double* x;
    int64_t rows;
    int64_t cols;
    double* t;                 // scratch, rows each
    double* e;
    double* scaled;
    double* grad;              // cols, or null
};

struct SimdOps {
    int level;      // BM_SIMD_PORTABLE / BM_SIMD_AVX2 / BM_SIMD_AVX512
    int lanes;      // floats per vector (= coordinates per sorting-network lane group: 4, 8, 16)
    int reg_wires;  // wires sorted / merged together in registers by the bitonic sort (8, 16)

    // csum_j x[j]^2 (kernels.h, bm_squared_norms).
    double (*sq_norm)(const float* x, int64_t n);
    // dst[j] = (float)((double)src[j] * scale)  (bm_clip, clipped rows); stream: non-temporal
    // stores (then stream_fence before the results are used).
    void (*scale_row)(const float* src, float* dst, int64_t n, double scale, int stream);
    // dst[j] = src[j] with non-temporal stores (no overlap).
    void (*stream_copy)(const float* src, float* dst, int64_t n);
    void (*stream_fence)();
    // out[j] = (float)(acc / count), acc = 0.0 + x[rows[0]][j] + ... in row order (bm_group_means).
    // x points at column j0 of row 0; acc is scratch of len doubles; the caller's next block is
    // the same rows at x + next_off (prefetched; 0: none).
    void (*group_mean)(const float* x, int64_t ld, const int32_t* rows, int64_t count, int64_t len,
                       float* out, double* acc, int64_t next_off);
    // Median / trimmed mean of coordinates [j0, j0 + len) (bm_coordinate_median, bm_trimmed_mean);
    // meanwhile prefetches coordinates [pf_j0, pf_j0 + pf_len) of every row (pf_len 0: none).
    // scratch: 2*mpad*lanes floats, 64-byte aligned.
    void (*order_tile)(const OrderJob* job, int64_t j0, int64_t len, int64_t pf_j0, int64_t pf_len,
                       float* scratch);
    // For k in [0, nk): acc[16k + l] += csum lanes of ((double)xi[j] - (double)xk[j])^2 over
    // j in [0, len) (len % 16 != 0 only in the last block), xk = x0 + k*ld (bm_pairwise_sq_dists).
    void (*pair_acc)(const float* xi, const float* x0, int64_t ld, int64_t nk, int64_t len,
                     double* acc);
    // acc[j] (+)= beta[r] * (double)x[r][j] for r = 0..rows-1 in order; first: acc starts at 0.0.
    // next: where the caller reads next (same rows; prefetched meanwhile), or nullptr.
    void (*rfa_update)(const float* x, int64_t ld, int64_t rows, const double* beta, int64_t len,
                       double* acc, int first, const float* next);
    // z[j] = acc[j] / B, or (z == nullptr) out[j] = (float)(acc[j] / B) + 0.0f.
    void (*rfa_finish)(const double* acc, int64_t len, double B, double* z, float* out);
    // For each row r: acc16[16r + l] += csum lanes of (z[j] - (double)x[r][j])^2 over j in [0, len).
    // next: as for rfa_update (nullptr: x is in cache, no prefetch).
    void (*rfa_dist)(const float* x, int64_t ld, int64_t rows, const double* z, int64_t len,
                     double* acc16, const float* next);
    // For each row i in [0, rows): acc16[16i + l] += csum lanes over j in [0, len) of the terms of
    // `kind` (RowKind): (double)x[i][j] * r[j], ((double)x[i][j] - r[j])^2, or (double)x[i][j].
    void (*row_reduce)(const float* x, int64_t ld, int64_t rows, const double* r, int64_t len,
                       double* acc16, int kind);
    // acc[j] = sum over rows i (in order, from 0.0) of c[i] * ((double)x[i][j] - v[j]) (bm_centered_clip).
    // next: as for rfa_update.
    void (*cc_update)(const float* x, int64_t ld, int64_t rows, const double* c, const double* v,
                      int64_t len, double* acc, const float* next);
    // v[j] = v[j] + acc[j] / m, or (out != nullptr) out[j] = (float)(v[j] + acc[j] / m) + 0.0f.
    void (*cc_finish)(const double* acc, int64_t len, double m, double* v, float* out);
    // Logistic regression on sparse rows (simd/logistic.inc): fdlibm's exp, a minibatch gradient or
    // difference (z: 2*size doubles of scratch), a full gradient of rows base .. base+m (z: m),
    // and the metrics' loss (returns the data term of f).
    void (*exp_many)(const double* x, int64_t n, double* out);
    void (*lr_batch)(const LrRows* a, int64_t base, const int32_t* batch, int64_t size, const double* x1,
                     const double* x0, int flip, double eta, double rho, double* out, double* z);
    void (*lr_full)(const LrRows* a, int64_t base, int64_t m, const double* x, int flip, double eta, double rho,
                    double* out, double* z);
    double (*lr_loss)(const LrLoss* q);
};

namespace portable { const SimdOps* ops(); }
namespace avx2 { const SimdOps* ops(); }
namespace avx512 { const SimdOps* ops(); }

// The table for `simd` (BM_SIMD_BEST or 0..bm_simd_supported()), or nullptr if invalid.
const SimdOps* select_ops(int simd);

// Folds 16 csum lanes by halves (kernels.h): w = 8, 4, 2, 1.
static inline double csum_fold(double* s) {
    for (int w = 8; w >= 1; w /= 2)
        for (int l = 0; l < w; ++l) s[l] = s[l] + s[l + w];
    return s[0];
}

// out[i] = csum of row i's terms of `kind` (RowKind) against r (d doubles; nullptr for kRowSum),
// for m >= 1 rows of d >= 1 floats, on up to nt threads (api_rowdots.cpp). Tasks are groups of
// rows, each walking the coordinates in blocks (r's block stays in cache while its rows use it);
// each row's lanes are continued in j order by one thread, so results never depend on nt.
// lanes: m * 16 doubles of scratch. Opens its own parallel region.
void row_reduce_all(const SimdOps* ops, const float* x, int64_t ld, int64_t m, int64_t d, const double* r,
                    int kind, double* out, double* lanes, int nt);

// ---------------------------------------------------------------------------------------------
// Argument validation.
// ---------------------------------------------------------------------------------------------

// Negative sizes, ld < d, missing data, or an address range that overflows.
static inline bool bad_batch(const void* x, int64_t ld, int64_t m, int64_t d) {
    if (m < 0 || d < 0 || ld < d) return true;
    if (m > 0 && d > 0) {
        if (x == nullptr) return true;
        const int64_t limit = INT64_MAX / 8;  // bytes of the largest batch we accept
        if (ld > limit || (m - 1) > (limit - d) / ld) return true;
    }
    return false;
}

static inline bool bad_exec(int threads, int simd) { return threads < 1 || select_ops(simd) == nullptr; }

// ---------------------------------------------------------------------------------------------
// Threads (pool.cpp).
// ---------------------------------------------------------------------------------------------

// How many threads to use for `work` floats of work: 1 below the parallel threshold.
int plan_threads(int threads, int64_t work);

// A parallel region on the shared pool. Holding a lease serialises pool use; if another caller
// holds the pool, or threads cannot be started, threads() is smaller than asked (down to 1 =
// the caller alone). Results never depend on it.
class Lease {
public:
    explicit Lease(int want);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    int threads() const { return nt_; }
    // Runs f(tid, threads()) for every tid concurrently; the caller is tid 0. f must not throw.
    template <class F>
    void run(F&& f) {
        if (nt_ == 1) {
            f(0, 1);
            return;
        }
        run_raw([](void* c, int tid, int nt) { (*static_cast<F*>(c))(tid, nt); }, &f);
    }

private:
    void run_raw(void (*fn)(void*, int, int), void* ctx);
    int nt_ = 1;
    bool locked_ = false;
};

// Runs body(task, tid) for task in [0, ntasks) on up to `nt` threads (dynamic assignment).
// Returns the number of threads used (tid < that); per-thread scratch must be sized for nt.
template <class F>
int parallel_tasks(int nt, int64_t ntasks, F&& body);

// Sets the SSE control word to IEEE defaults (round to nearest, no flush-to-zero, no
// denormals-are-zero, exceptions masked) for the duration of a call, and restores it after:
// results must not depend on what the calling thread left in MXCSR. Pool threads use the same.
class FpScope {
public:
    FpScope();
    ~FpScope();
    FpScope(const FpScope&) = delete;
    FpScope& operator=(const FpScope&) = delete;

private:
    unsigned saved_;
};

// Runs f() (returning a BM_* code or count) with IEEE floating point and every C++ exception
// caught: std::bad_alloc and anything else become BM_ENOMEM (the only resource failure code).
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        FpScope fp;
        return f();
    } catch (...) {
        return BM_ENOMEM;
    }
}

// Blocks until a >= v (spin, then yield): used by the RFA pipeline between pool threads.
void wait_at_least(const std::atomic<int64_t>& a, int64_t v);

template <class F>
int parallel_tasks(int nt, int64_t ntasks, F&& body) {
    if (nt > ntasks) nt = static_cast<int>(ntasks < 1 ? 1 : ntasks);
    if (nt <= 1) {
        for (int64_t t = 0; t < ntasks; ++t) body(t, 0);
        return 1;
    }
    Lease lease(nt);
    std::atomic<int64_t> next{0};
    lease.run([&](int tid, int) {
        for (int64_t t = next.fetch_add(1, std::memory_order_relaxed); t < ntasks;
             t = next.fetch_add(1, std::memory_order_relaxed))
            body(t, tid);
    });
    return lease.threads();
}
}  // namespace bm

#endif  // BYZMARINA_INTERNAL_H
