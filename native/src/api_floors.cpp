// bm_copy_rows (kernels.h, machine floors: a benchmark aid): the cost of copying a batch once
// with the engine's threads (bm_row_sums, the cost of reading it, is a row reduction in
// api_rowdots.cpp). One task per row; large copies use non-temporal stores, as bm_clip does.
#include <cstring>

#include "internal.h"

namespace {
constexpr int64_t kStreamFloats = int64_t{4} << 20;  // as api_norms.cpp
}  // namespace

BM_EXPORT int bm_copy_rows(const float* src, int64_t ld_src, float* dst, int64_t ld_dst, int64_t m, int64_t d,
                           int threads, int simd) {
    if (bm::bad_batch(src, ld_src, m, d) || bm::bad_batch(dst, ld_dst, m, d) || bm::bad_exec(threads, simd))
        return BM_EINVAL;
    if (m == 0 || d == 0) return BM_OK;
    {  // no overlap
        const char* s0 = reinterpret_cast<const char*>(src);
        const char* s1 = reinterpret_cast<const char*>(src + (m - 1) * ld_src + d);
        const char* d0 = reinterpret_cast<const char*>(dst);
        const char* d1 = reinterpret_cast<const char*>(dst + (m - 1) * ld_dst + d);
        if (s0 < d1 && d0 < s1) return BM_EINVAL;
    }
    return bm::guarded([&]() -> int {
        const bm::SimdOps* ops = bm::select_ops(simd);
        const bool stream = m * d >= kStreamFloats;
        bm::parallel_tasks(bm::plan_threads(threads, m * d), m, [&](int64_t i, int) {
            if (stream) {
                ops->stream_copy(src + i * ld_src, dst + i * ld_dst, d);
                ops->stream_fence();
            } else {
                std::memcpy(dst + i * ld_dst, src + i * ld_src, static_cast<size_t>(d) * sizeof(float));
            }
        });
        return BM_OK;
    });
}
