// bm_pairwise_sq_dists (kernels.h; docs/algorithm.md "Krum": distances in double, fixed order).
// Pairs (i, k), i < k, are numbered row by row; each thread owns a contiguous range of pairs and
// walks the coordinates in blocks (so the block's rows stay in cache while all its pairs use
// them), keeping each pair's 16 csum lanes across blocks: the per-pair order is the canonical one.
#include <algorithm>
#include <vector>

#include "internal.h"

namespace {

constexpr int64_t kMaxPairsPerPass = int64_t{1} << 19;  // 64 MiB of lanes per pass over x

int64_t pair_index(int64_t m, int64_t i) { return i * m - i * (i + 1) / 2; }  // first pair of row i

}  // namespace

BM_EXPORT int bm_pairwise_sq_dists(const float* x, int64_t ld, int64_t m, int64_t d, double* out,
                                   int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (m == 0) return BM_OK;
    if (out == nullptr || m > (INT64_MAX / 8) / m) return BM_EINVAL;
    return bm::guarded([&]() -> int {
        for (int64_t i = 0; i < m * m; ++i) out[i] = 0.0;  // diagonal (and everything if d == 0)
        const int64_t pairs = m * (m - 1) / 2;
        if (d == 0 || pairs == 0) return BM_OK;
        const bm::SimdOps* ops = bm::select_ops(simd);
        // Columns per block: the block of all rows fits in about 512 KiB.
        const int64_t block = std::max<int64_t>(16, std::min<int64_t>(4096, (131072 / m) / 16 * 16));
        const int64_t chunk = std::min(pairs, kMaxPairsPerPass);
        std::vector<double> lanes(static_cast<size_t>(chunk * 16));
        std::vector<int64_t> row_first(static_cast<size_t>(m + 1));
        for (int64_t i = 0; i <= m; ++i) row_first[i] = pair_index(m, std::min(i, m - 1));
        row_first[m] = pairs;
        for (int64_t c0 = 0; c0 < pairs; c0 += chunk) {
            const int64_t c1 = std::min(pairs, c0 + chunk);
            const int nt = bm::plan_threads(threads, (c1 - c0) * d);
            bm::Lease lease(nt);
            lease.run([&](int tid, int n) {
                const int64_t p0 = c0 + (c1 - c0) * tid / n, p1 = c0 + (c1 - c0) * (tid + 1) / n;
                if (p0 >= p1) return;
                double* acc = lanes.data() + (p0 - c0) * 16;
                std::fill(acc, acc + (p1 - p0) * 16, 0.0);
                // Row of the first pair.
                const int64_t i0 = std::upper_bound(row_first.begin(), row_first.end(), p0) -
                                   row_first.begin() - 1;
                for (int64_t j0 = 0; j0 < d; j0 += block) {
                    const int64_t len = std::min(block, d - j0);
                    int64_t p = p0, i = i0;
                    while (p < p1) {
                        const int64_t k0 = i + 1 + (p - row_first[i]);
                        const int64_t k1 = std::min(m, k0 + (p1 - p));
                        ops->pair_acc(x + i * ld + j0, x + k0 * ld + j0, ld, k1 - k0, len,
                                      acc + (p - p0) * 16);
                        p += k1 - k0;
                        ++i;
                    }
                }
                int64_t i = i0;
                for (int64_t p = p0; p < p1; ++p) {
                    while (row_first[i + 1] <= p) ++i;
                    const int64_t k = i + 1 + (p - row_first[i]);
                    const double v = bm::csum_fold(acc + (p - p0) * 16);
                    out[i * m + k] = v;
                    out[k * m + i] = v;
                }
            });
        }
        return BM_OK;
    });
}
