// bm_squared_norms and bm_clip (kernels.h; docs/algorithm.md "clip_lambda" and the non-finite rule).
// One task per row: each row's csum and its scaling are done by one thread.
#include <cmath>
#include <cstring>
#include <vector>

#include "internal.h"

namespace {

constexpr int64_t kStreamFloats = int64_t{4} << 20;  // 16 MiB of output: half the L3

// dst overlaps src other than exactly in place (same pointer, same stride)?
bool bad_overlap(const float* src, int64_t ld_src, float* dst, int64_t ld_dst, int64_t m, int64_t d) {
    if (src == dst) return ld_src != ld_dst;
    const char* s0 = reinterpret_cast<const char*>(src);
    const char* s1 = reinterpret_cast<const char*>(src + (m - 1) * ld_src + d);
    const char* d0 = reinterpret_cast<const char*>(dst);
    const char* d1 = reinterpret_cast<const char*>(dst + (m - 1) * ld_dst + d);
    return s0 < d1 && d0 < s1;
}

}  // namespace

BM_EXPORT int bm_squared_norms(const float* x, int64_t ld, int64_t m, int64_t d, double* out,
                               int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (m > 0 && out == nullptr) return BM_EINVAL;
    return bm::guarded([&]() -> int {
        if (d == 0) {  // every row is empty: csum of no terms
            for (int64_t i = 0; i < m; ++i) out[i] = 0.0;
            return BM_OK;
        }
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int nt = bm::plan_threads(threads, m * d);
        bm::parallel_tasks(nt, m, [&](int64_t i, int) { out[i] = ops->sq_norm(x + i * ld, d); });
        return BM_OK;
    });
}

BM_EXPORT int64_t bm_clip(const float* src, int64_t ld_src, float* dst, int64_t ld_dst, int64_t m,
                          int64_t d, const double* levels, double* sq_norms, int8_t* flags,
                          int threads, int simd) {
    if (bm::bad_batch(src, ld_src, m, d) || bm::bad_batch(dst, ld_dst, m, d) || bm::bad_exec(threads, simd))
        return BM_EINVAL;
    if (m == 0) return 0;
    if (levels == nullptr) return BM_EINVAL;
    for (int64_t i = 0; i < m; ++i)
        if (!(levels[i] >= 0.0)) return BM_EINVAL;  // negative or NaN; +Inf = never clip
    if (d > 0 && bad_overlap(src, ld_src, dst, ld_dst, m, d)) return BM_EINVAL;
    return bm::guarded([&]() -> int64_t {
        if (d == 0) {  // empty rows: n2 = 0, nothing to clip
            for (int64_t i = 0; i < m; ++i) {
                if (sq_norms) sq_norms[i] = 0.0;
                if (flags) flags[i] = 0;
            }
            return 0;
        }
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int nt = bm::plan_threads(threads, m * d);
        std::vector<int64_t> clipped(static_cast<size_t>(nt) * 8, 0);  // per thread, own cache line
        // A large out-of-place output is written with non-temporal stores: it will not stay in
        // cache anyway, and they avoid reading every destination line first.
        const int stream = dst != src && m * d >= kStreamFloats ? 1 : 0;
        bm::parallel_tasks(nt, m, [&](int64_t i, int tid) {
            const float* s = src + i * ld_src;
            float* o = dst + i * ld_dst;
            double n2 = ops->sq_norm(s, d);
            int8_t flag;
            if (!std::isfinite(n2)) {  // non-finite rule: the whole row becomes zero
                std::memset(o, 0, static_cast<size_t>(d) * sizeof(float));
                n2 = 0.0;
                flag = 2;
            } else if (std::sqrt(n2) > levels[i]) {  // clip: scale = lambda / ||v||
                ops->scale_row(s, o, d, levels[i] / std::sqrt(n2), stream);
                flag = 1;
                ++clipped[static_cast<size_t>(tid) * 8];
            } else {
                if (stream)
                    ops->stream_copy(s, o, d);
                else if (o != s)
                    std::memcpy(o, s, static_cast<size_t>(d) * sizeof(float));
                flag = 0;
            }
            if (sq_norms) sq_norms[i] = n2;
            if (flags) flags[i] = flag;
            if (stream) ops->stream_fence();
        });
        int64_t total = 0;
        for (int t = 0; t < nt; ++t) total += clipped[static_cast<size_t>(t) * 8];
        return total;
    });
}
