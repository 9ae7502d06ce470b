// bm_coordinate_median and bm_trimmed_mean (kernels.h; SPEC.md "CM", "CWTM").
// Up to kNetMaxRows rows: SIMD sorting networks, FL coordinates at a time (simd/order_stats.inc):
// a register-blocked bitonic sort, or for tiny m Batcher's network from a comparator list
// (order_net.cpp). Tasks are runs of consecutive tiles (each tile prefetches the next one).
// Above kNetMaxRows: each coordinate's m values are sorted (std::sort / nth_element on totally
// ordered integer keys). All paths yield the sorted values, so all give the same outputs.
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "internal.h"
#include "order_net.h"

namespace {

constexpr int64_t kTileFloats = 65536;  // floats of the batch per tile (prefetch unit, 256 KiB)
constexpr int64_t kPrefetchTiles = 1;  // prefetch distance, in tiles (1 measured best)
constexpr int64_t kSortTile = 64;       // coordinates per task in the sorting path

// Float <-> int32 key whose signed order is a total order of floats (-0 < +0, NaNs at the ends).
inline int32_t to_key(float f) {
    int32_t b;
    std::memcpy(&b, &f, 4);
    return b ^ ((b >> 31) & 0x7FFFFFFF);
}
inline float from_key(int32_t k) {
    const int32_t b = k ^ ((k >> 31) & 0x7FFFFFFF);
    float f;
    std::memcpy(&f, &b, 4);
    return f;
}

// The per-coordinate rule on a column of keys (reordered in place).
float sorted_rule(int32_t* col, int64_t m, int mode, int64_t t) {
    if (mode == bm::kMedian) {
        const int64_t hi = m / 2;
        std::nth_element(col, col + hi, col + m);
        if (m & 1) return from_key(col[hi]) + 0.0f;  // v_{(m-1)/2}
        const float lo = from_key(*std::max_element(col, col + hi));
        const double v = (static_cast<double>(lo) + static_cast<double>(from_key(col[hi]))) * 0.5;
        return static_cast<float>(v) + 0.0f;
    }
    std::sort(col, col + m);
    double acc = 0.0;
    for (int64_t r = t; r < m - t; ++r) acc += static_cast<double>(from_key(col[r]));
    return static_cast<float>(acc / static_cast<double>(m - 2 * t)) + 0.0f;
}

int order_sorting(const float* x, int64_t ld, int64_t m, int64_t d, int mode, int64_t t, float* out,
                  int nt) {
    const int64_t tiles = (d + kSortTile - 1) / kSortTile;
    std::vector<int32_t> keys(static_cast<size_t>(nt * kSortTile * m));
    bm::parallel_tasks(nt, tiles, [&](int64_t tile, int tid) {
        const int64_t j0 = tile * kSortTile, w = std::min(kSortTile, d - j0);
        int32_t* kb = keys.data() + static_cast<size_t>(tid) * kSortTile * m;
        for (int64_t i = 0; i < m; ++i) {
            const float* row = x + i * ld + j0;
            for (int64_t c = 0; c < w; ++c) kb[c * m + i] = to_key(row[c]);
        }
        for (int64_t c = 0; c < w; ++c) out[j0 + c] = sorted_rule(kb + c * m, m, mode, t);
    });
    return BM_OK;
}

int order_by_network(const float* x, int64_t ld, int64_t m, int64_t d, int mode, int64_t t, float* out,
                  int nt, const bm::SimdOps* ops) {
    const int lanes = ops->lanes;
    // Tiny m: Batcher's network for m wires from a comparator list; otherwise the register-blocked
    // bitonic sort on a power of two of wires (simd/order_stats.inc).
    const int bitonic = m > ops->reg_wires / 2 ? 1 : 0;
    int64_t mpad = m;
    if (bitonic) {
        mpad = ops->reg_wires;
        while (mpad < m) mpad *= 2;
    }
    std::shared_ptr<const std::vector<uint32_t>> net;
    bm::OrderJob job;
    job.comps = nullptr;
    job.ncomps = 0;
    if (!bitonic) {
        const int64_t lo = mode == bm::kMedian ? (m - 1) / 2 : t;
        const int64_t hi = mode == bm::kMedian ? m / 2 : m - t - 1;
        net = bm::order_network(m, lanes, lo, hi);
        job.comps = net->data();
        job.ncomps = static_cast<int64_t>(net->size() / 2);
    }
    job.x = x;
    job.ld = ld;
    job.m = m;
    job.mpad = mpad;
    job.bitonic = bitonic;
    job.mode = mode;
    job.t = t;
    job.out = out;
    const int64_t subs = std::max<int64_t>(1, std::min<int64_t>(256, kTileFloats / (mpad * lanes)));
    const int64_t tile = subs * lanes;
    const int64_t tiles = (d + tile - 1) / tile;
    const int64_t per_thread = 2 * mpad * lanes + 16;  // floats, +16 for 64-byte alignment
    std::vector<float> scratch(static_cast<size_t>(nt * per_thread));
    // Tasks are runs of consecutive tiles, so each tile can prefetch the next one.
    const int64_t run = std::max<int64_t>(1, tiles / (8 * nt));
    const int64_t runs = (tiles + run - 1) / run;
    bm::parallel_tasks(nt, runs, [&](int64_t r, int tid) {
        float* s = scratch.data() + static_cast<size_t>(tid) * per_thread;
        s += (16 - (reinterpret_cast<uintptr_t>(s) / 4) % 16) % 16;  // 64-byte aligned
        const int64_t k1 = std::min(tiles, (r + 1) * run);
        for (int64_t k = r * run; k < k1; ++k) {
            const int64_t j0 = k * tile, len = std::min(tile, d - j0);
            // Prefetch tile k + kPrefetchTiles (the first tile of a run: all tiles up to it).
            const int64_t p0 = k == r * run ? k + 1 : k + kPrefetchTiles;
            const int64_t p1 = std::min(k1, k + kPrefetchTiles + 1);
            const int64_t pf_j0 = p0 * tile, pf_len = p0 < p1 ? std::min(d, p1 * tile) - pf_j0 : 0;
            ops->order_tile(&job, j0, len, pf_j0, pf_len, s);
        }
    });
    return BM_OK;
}

int order_stat(const float* x, int64_t ld, int64_t m, int64_t d, int mode, int64_t t, float* out,
               int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (t < 0) return BM_EINVAL;
    if (m == 0) return BM_OK;
    if (t > (m - 1) / 2) return BM_EINVAL;  // 2t >= m, written without overflow
    if (d == 0) return BM_OK;
    if (out == nullptr) return BM_EINVAL;
    {  // the output row must not overlap the batch
        const float* x1 = x + (m - 1) * ld + d;
        if (x < out + d && out < x1) return BM_EINVAL;
    }
    return bm::guarded([&]() -> int {
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int nt = bm::plan_threads(threads, m * d);
        if (m > bm::kNetMaxRows) return order_sorting(x, ld, m, d, mode, t, out, nt);
        return order_by_network(x, ld, m, d, mode, t, out, nt, ops);
    });
}

}  // namespace

BM_EXPORT int bm_coordinate_median(const float* x, int64_t ld, int64_t m, int64_t d, float* out,
                                   int threads, int simd) {
    return order_stat(x, ld, m, d, bm::kMedian, 0, out, threads, simd);
}

BM_EXPORT int bm_trimmed_mean(const float* x, int64_t ld, int64_t m, int64_t d, int64_t t, float* out,
                              int threads, int simd) {
    return order_stat(x, ld, m, d, bm::kTrimmed, t, out, threads, simd);
}
