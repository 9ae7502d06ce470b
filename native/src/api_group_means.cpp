// bm_group_means (kernels.h): out[g][j] = (float)(acc / count), acc summing the group's rows in
// order in double. Tasks are (group, coordinate chunk); inside a task the SIMD body works on
// blocks of kBlock coordinates with a double accumulator that stays in L1.
#include <algorithm>
#include <vector>

#include "internal.h"

namespace {
constexpr int64_t kBlock = 1024;          // coordinates per accumulator block (8 KiB of doubles)
constexpr int64_t kChunk = 16 * kBlock;   // coordinates per task
}  // namespace

BM_EXPORT int bm_group_means(const float* x, int64_t ld, int64_t m, int64_t d, const int32_t* index,
                             const int64_t* group_start, int64_t groups, float* out,
                             int64_t ld_out, int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd) || groups < 0) return BM_EINVAL;
    if (bm::bad_batch(out, ld_out, groups, d)) return BM_EINVAL;
    if (groups == 0) return BM_OK;
    // Groups are validated even when d == 0 (as the Java facade does): every group non-empty,
    // starts non-decreasing from >= 0, every index a row of x (so m == 0 admits no group).
    if (group_start == nullptr || index == nullptr || group_start[0] < 0) return BM_EINVAL;
    for (int64_t g = 0; g < groups; ++g)
        if (group_start[g + 1] <= group_start[g]) return BM_EINVAL;
    for (int64_t r = group_start[0]; r < group_start[groups]; ++r)
        if (index[r] < 0 || index[r] >= m) return BM_EINVAL;
    if (d == 0) return BM_OK;
    // out must not overlap x.
    {
        const float* x1 = x + (m - 1) * ld + d;
        const float* o1 = out + (groups - 1) * ld_out + d;
        if (x < o1 && out < x1) return BM_EINVAL;
    }
    return bm::guarded([&]() -> int {
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int64_t rows_read = group_start[groups] - group_start[0];
        const int nt = bm::plan_threads(threads, rows_read * d);
        // Coordinates per task: kChunk, or less when few groups would leave threads idle.
        int64_t chunk = kChunk;
        while (chunk > kBlock && groups * ((d + chunk - 1) / chunk) < 8 * nt) chunk /= 2;
        const int64_t chunks = (d + chunk - 1) / chunk;
        std::vector<double> acc(static_cast<size_t>(nt * kBlock));
        bm::parallel_tasks(nt, groups * chunks, [&](int64_t task, int tid) {
            const int64_t g = task / chunks;
            const int64_t c0 = (task % chunks) * chunk, c1 = std::min(d, c0 + chunk);
            const int32_t* rows = index + group_start[g];
            const int64_t count = group_start[g + 1] - group_start[g];
            double* a = acc.data() + static_cast<size_t>(tid) * kBlock;
            for (int64_t j0 = c0; j0 < c1; j0 += kBlock)
                ops->group_mean(x + j0, ld, rows, count, std::min(kBlock, c1 - j0),
                                out + g * ld_out + j0, a, j0 + kBlock < c1 ? kBlock : 0);
        });
        return BM_OK;
    });
}
