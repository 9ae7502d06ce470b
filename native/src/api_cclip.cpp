// bm_centered_clip (kernels.h; Karimireddy, He, Jaggi 2021). Each iteration is two passes over the
// batch: the distances of the rows to v (rows split over threads, bm::row_reduce_all), then the
// update v += (1/m) sum_i c_i (x_i - v) (coordinate blocks split over threads, every row added per
// coordinate in row order). Each output element is computed by one thread in the canonical order.
#include <algorithm>
#include <cmath>
#include <vector>

#include "internal.h"

namespace {
constexpr int64_t kBlock = 512;  // coordinates per update block (4 KiB accumulator per thread)
}  // namespace

BM_EXPORT int bm_centered_clip(const float* x, int64_t ld, int64_t m, int64_t d, const double* center,
                               double tau, int32_t iterations, float* out, int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (iterations < 1 || !(tau > 0.0) || !std::isfinite(tau)) return BM_EINVAL;
    if (m == 0 || d == 0) return BM_OK;
    if (center == nullptr || out == nullptr) return BM_EINVAL;
    {  // the output row must not overlap the batch
        const float* x1 = x + (m - 1) * ld + d;
        if (x < out + d && out < x1) return BM_EINVAL;
    }
    return bm::guarded([&]() -> int {
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int nt = bm::plan_threads(threads, m * d);
        std::vector<double> v(center, center + d), lanes(static_cast<size_t>(m * 16)), n2(m), c(m);
        std::vector<double> acc(static_cast<size_t>(nt * kBlock));
        const int64_t blocks = (d + kBlock - 1) / kBlock;
        const int64_t run = std::max<int64_t>(1, blocks / (8 * nt));
        const int64_t runs = (blocks + run - 1) / run;
        for (int32_t p = 1; p <= iterations; ++p) {
            bm::row_reduce_all(ops, x, ld, m, d, v.data(), bm::kRowDist, n2.data(), lanes.data(), nt);
            for (int64_t i = 0; i < m; ++i) {
                const double n = std::sqrt(n2[i]);
                c[i] = n > tau ? tau / n : 1.0;
            }
            float* o = p == iterations ? out : nullptr;
            bm::parallel_tasks(nt, runs, [&](int64_t k, int tid) {
                double* a = acc.data() + static_cast<size_t>(tid) * kBlock;
                const int64_t b1 = std::min(blocks, (k + 1) * run);
                for (int64_t b = k * run; b < b1; ++b) {
                    const int64_t j0 = b * kBlock, len = std::min(kBlock, d - j0);
                    ops->cc_update(x + j0, ld, m, c.data(), v.data() + j0, len, a,
                                   b + 1 < b1 ? x + j0 + kBlock : nullptr);
                    ops->cc_finish(a, len, static_cast<double>(m), v.data() + j0, o ? o + j0 : nullptr);
                }
            });
        }
        return BM_OK;
    });
}
