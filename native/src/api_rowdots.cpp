// bm_dot_products, bm_sq_dists_to, bm_weighted_sum (kernels.h; FLTrust, MoNNA, CAF, DnC).
// Row reductions: one task per group of rows, each row's csum lanes continued block by block in
// j order (simd/rowdots.inc). Weighted sum: one task per run of coordinate blocks, all rows added
// per coordinate in row order (simd/rfa.inc's rfa_update, whose arithmetic it is).
#include <algorithm>
#include <vector>

#include "internal.h"

namespace {

constexpr int64_t kColBlock = 2048;  // coordinates per block of a row reduction (16 KiB of r)
constexpr int64_t kSumBlock = 512;   // coordinates per block of the weighted sum (4 KiB of out)

int row_reduce_api(const float* x, int64_t ld, int64_t m, int64_t d, const double* r, double* out,
                   int threads, int simd, int kind) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (m > 0 && out == nullptr) return BM_EINVAL;
    if (m > 0 && d > 0 && r == nullptr && kind != bm::kRowSum) return BM_EINVAL;
    if (m == 0) return BM_OK;
    return bm::guarded([&]() -> int {
        if (d == 0) {  // csum of no terms
            std::fill(out, out + m, 0.0);
            return BM_OK;
        }
        std::vector<double> lanes(static_cast<size_t>(m * 16));
        bm::row_reduce_all(bm::select_ops(simd), x, ld, m, d, r, kind, out, lanes.data(),
                           bm::plan_threads(threads, m * d));
        return BM_OK;
    });
}

}  // namespace

namespace bm {

void row_reduce_all(const SimdOps* ops, const float* x, int64_t ld, int64_t m, int64_t d, const double* r,
                    int kind, double* out, double* lanes, int nt) {
    // Rows per task: enough tasks for every thread (twice over), at most 16 rows.
    const int64_t per = std::max<int64_t>(1, std::min<int64_t>(16, (m + 2 * nt - 1) / (2 * nt)));
    const int64_t tasks = (m + per - 1) / per;
    parallel_tasks(nt, tasks, [&](int64_t t, int) {
        const int64_t i0 = t * per, n = std::min(per, m - i0);
        double* acc = lanes + i0 * 16;
        std::fill(acc, acc + n * 16, 0.0);
        for (int64_t j0 = 0; j0 < d; j0 += kColBlock)
            ops->row_reduce(x + i0 * ld + j0, ld, n, r ? r + j0 : nullptr, std::min(kColBlock, d - j0), acc,
                            kind);
        for (int64_t i = 0; i < n; ++i) out[i0 + i] = csum_fold(acc + 16 * i);
    });
}

}  // namespace bm

BM_EXPORT int bm_dot_products(const float* x, int64_t ld, int64_t m, int64_t d, const double* r, double* out,
                              int threads, int simd) {
    return row_reduce_api(x, ld, m, d, r, out, threads, simd, bm::kRowDot);
}

BM_EXPORT int bm_sq_dists_to(const float* x, int64_t ld, int64_t m, int64_t d, const double* r, double* out,
                             int threads, int simd) {
    return row_reduce_api(x, ld, m, d, r, out, threads, simd, bm::kRowDist);
}

BM_EXPORT int bm_row_sums(const float* x, int64_t ld, int64_t m, int64_t d, double* out, int threads,
                          int simd) {
    return row_reduce_api(x, ld, m, d, nullptr, out, threads, simd, bm::kRowSum);
}

BM_EXPORT int bm_weighted_sum(const float* x, int64_t ld, int64_t m, int64_t d, const double* w, double* out,
                              int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (d == 0) return BM_OK;
    if (out == nullptr || (m > 0 && w == nullptr)) return BM_EINVAL;
    return bm::guarded([&]() -> int {
        if (m == 0) {  // a sum of no terms
            std::fill(out, out + d, 0.0);
            return BM_OK;
        }
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int nt = bm::plan_threads(threads, m * d);
        const int64_t blocks = (d + kSumBlock - 1) / kSumBlock;
        // Tasks are runs of consecutive blocks, so each block can prefetch the next one's rows.
        const int64_t run = std::max<int64_t>(1, blocks / (8 * nt));
        const int64_t runs = (blocks + run - 1) / run;
        bm::parallel_tasks(nt, runs, [&](int64_t k, int) {
            const int64_t b1 = std::min(blocks, (k + 1) * run);
            for (int64_t b = k * run; b < b1; ++b) {
                const int64_t j0 = b * kSumBlock, len = std::min(kSumBlock, d - j0);
                ops->rfa_update(x + j0, ld, m, w, len, out + j0, 1, b + 1 < b1 ? x + j0 + kSumBlock : nullptr);
            }
        });
        return BM_OK;
    });
}
