// bm_coordinate_median, bm_bucketed_median and bm_trimmed_mean (kernels.h; docs/algorithm.md "CM",
// "CWTM", "Bucketing").
// Up to kNetMaxRows wires: SIMD sorting networks, FL coordinates at a time (simd/order_stats.inc):
// a register-blocked bitonic sort, or for tiny m Batcher's network from a comparator list
// (order_net.cpp). Tasks are runs of consecutive tiles (each tile prefetches the next one).
// Above kNetMaxRows: each coordinate's values are sorted (std::sort / nth_element on totally
// ordered integer keys; medians by radix selection on those keys).
// All paths yield the same order statistics, so all give the same outputs.
// The bucketed median sorts the bucket means, computed per tile straight into the sort's scratch
// with bm_group_means' arithmetic, so it equals bm_group_means followed by bm_coordinate_median.
#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <vector>

#include "internal.h"
#include "order_net.h"

namespace {

constexpr int64_t kTileFloats = 65536;  // floats of the batch per tile (prefetch unit, 256 KiB)
constexpr int64_t kPrefetchTiles = 1;  // prefetch distance, in tiles (1 measured best)
constexpr int64_t kSortTile = 64;       // coordinates per task in the sorting path
constexpr int64_t kPrefetchRows = 16;   // rows ahead the sorting path's gather prefetches

// What is sorted per coordinate: the rows of x, or (perm != nullptr) the means of the buckets
// perm[g*s .. min(rows, g*s + s)), g = 0 .. wires-1.
struct Source {
    const float* x;
    int64_t ld, rows, d;
    const int32_t* perm;
    int64_t s;
    int64_t wires;
};

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

// The keys of ranks k - 1 and k (0-based, signed order; k >= 1) among col[0 .. m), by
// most-significant-digit radix selection: digits of 11, 11 and 10 bits. Each level counts the
// candidates' digits and keeps those in the digit holding rank k (compacted into sel); once ranks
// k - 1 and k fall in different digits, k - 1 is the largest key of its digit and k the smallest
// of its digit, found in the same pass. Ends early with nth_element once few candidates are left.
void radix_select_pair(const int32_t* col, int64_t m, int64_t k, uint32_t* sel, int32_t* lo, int32_t* hi) {
    static constexpr int kShift[3] = {21, 10, 0};
    uint32_t count[2048];
    const uint32_t* src = reinterpret_cast<const uint32_t*>(col);
    int64_t n = m;
    for (int level = 0; level < 3; ++level) {
        const int shift = kShift[level];
        const uint32_t bins = level == 2 ? 1024u : 2048u;
        const uint32_t mask = bins - 1;
        const uint32_t flip = level == 0 ? 0x400u : 0u;  // signed order: the sign bit flipped
        std::memset(count, 0, bins * sizeof(uint32_t));
        for (int64_t i = 0; i < n; ++i) ++count[((src[i] >> shift) & mask) ^ flip];
        uint32_t b = 0;
        int64_t below = 0;
        while (below + count[b] <= k) below += count[b++];
        k -= below;
        if (k == 0) {  // rank k - 1 lies in an earlier digit: the largest key there
            uint32_t a = b - 1;
            while (count[a] == 0) --a;
            int32_t best_lo = INT32_MIN, best_hi = INT32_MAX;
            for (int64_t i = 0; i < n; ++i) {
                const uint32_t dgt = ((src[i] >> shift) & mask) ^ flip;
                const int32_t v = static_cast<int32_t>(src[i]);
                if (dgt == a && v > best_lo) best_lo = v;
                if (dgt == b && v < best_hi) best_hi = v;
            }
            *lo = best_lo;
            *hi = best_hi;
            return;
        }
        int64_t kept = 0;
        for (int64_t i = 0; i < n; ++i)
            if ((((src[i] >> shift) & mask) ^ flip) == b) sel[kept++] = src[i];
        src = sel;
        n = kept;
        if (n <= 32) break;
    }
    int32_t* rest = reinterpret_cast<int32_t*>(sel);
    std::nth_element(rest, rest + k, rest + n);
    *hi = rest[k];
    *lo = *std::max_element(rest, rest + k);
}

// The median of col[0 .. m) (m >= 2) by radix selection (col left as it is), as sorted_rule gives it.
float selected_median(const int32_t* col, int64_t m, uint32_t* sel) {
    int32_t lo, hi;
    radix_select_pair(col, m, m / 2, sel, &lo, &hi);
    if (m & 1) return from_key(hi) + 0.0f;  // v_{(m-1)/2}
    const double v = (static_cast<double>(from_key(lo)) + static_cast<double>(from_key(hi))) * 0.5;
    return static_cast<float>(v) + 0.0f;
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
    if (mode == bm::kMeaMed) {  // t: keep (kernels.h; the window as simd/order_stats.inc finds it)
        const double med = (m & 1) ? static_cast<double>(from_key(col[(m - 1) / 2]))
                                   : (static_cast<double>(from_key(col[m / 2 - 1])) +
                                      static_cast<double>(from_key(col[m / 2]))) * 0.5;
        int64_t a = 0;
        for (int64_t s = 0; s + t < m; ++s)
            a += med - static_cast<double>(from_key(col[s])) > static_cast<double>(from_key(col[s + t])) - med;
        double acc = 0.0;
        for (int64_t r = a; r < a + t; ++r) acc += static_cast<double>(from_key(col[r]));
        return static_cast<float>(acc / static_cast<double>(t)) + 0.0f;
    }
    double acc = 0.0;
    for (int64_t r = t; r < m - t; ++r) acc += static_cast<double>(from_key(col[r]));
    return static_cast<float>(acc / static_cast<double>(m - 2 * t)) + 0.0f;
}

// Keys of coordinates [j0, j0 + w) of every wire: kb[c * wires + i]. Bucket means as
// bm_group_means: acc = 0.0; acc += (double)x[perm[r]][j] in bucket order; (float)(acc / count).
void gather_keys(const Source& S, int64_t j0, int64_t w, int32_t* kb) {
    const int64_t n = S.wires;
    if (S.perm == nullptr) {
        for (int64_t i = 0; i < n; ++i) {
            const float* row = S.x + i * S.ld + j0;
            for (int64_t c = 0; c < w; ++c) kb[c * n + i] = to_key(row[c]);
        }
        return;
    }
    double acc[kSortTile];
    for (int64_t g = 0; g < n; ++g) {
        const int64_t r0 = g * S.s, r1 = std::min(S.rows, r0 + S.s);
        // The buckets' rows are in random order: fetch a few buckets ahead (memory latency, not
        // bandwidth, bounds this loop otherwise).
        const int64_t p0 = std::min(S.rows, r0 + kPrefetchRows), p1 = std::min(S.rows, r1 + kPrefetchRows);
        for (int64_t r = p0; r < p1; ++r) {
            const char* row = reinterpret_cast<const char*>(S.x + static_cast<int64_t>(S.perm[r]) * S.ld + j0);
            for (int64_t b = 0; b < w * 4; b += 64) __builtin_prefetch(row + b);
        }
        for (int64_t c = 0; c < w; ++c) acc[c] = 0.0;
        for (int64_t r = r0; r < r1; ++r) {
            const float* row = S.x + static_cast<int64_t>(S.perm[r]) * S.ld + j0;
            for (int64_t c = 0; c < w; ++c) acc[c] += static_cast<double>(row[c]);
        }
        for (int64_t c = 0; c < w; ++c)
            kb[c * n + g] = to_key(static_cast<float>(acc[c] / static_cast<double>(r1 - r0)));
    }
}

int order_sorting(const Source& S, int mode, int64_t t, float* out, int nt) {
    const int64_t d = S.d, m = S.wires;
    const int64_t tiles = (d + kSortTile - 1) / kSortTile;
    // Medians by radix selection: 3.7x faster than nth_element here (bucketed median of 40 000 rows);
    // below kNetMaxRows wires the SIMD networks stay faster (they gather in registers, without the
    // transposition through memory), so this path only sees more wires.
    const bool select = mode == bm::kMedian;
    std::vector<int32_t> keys(static_cast<size_t>(nt * kSortTile * m));
    std::vector<uint32_t> sel(select ? static_cast<size_t>(nt * m) : 0);
    bm::parallel_tasks(nt, tiles, [&](int64_t tile, int tid) {
        const int64_t j0 = tile * kSortTile, w = std::min(kSortTile, d - j0);
        int32_t* kb = keys.data() + static_cast<size_t>(tid) * kSortTile * m;
        gather_keys(S, j0, w, kb);
        for (int64_t c = 0; c < w; ++c)
            out[j0 + c] = select ? selected_median(kb + c * m, m, sel.data() + static_cast<size_t>(tid) * m)
                                 : sorted_rule(kb + c * m, m, mode, t);
    });
    return BM_OK;
}

int order_by_network(const Source& S, int mode, int64_t t, float* out, int nt, const bm::SimdOps* ops) {
    const int64_t d = S.d, m = S.wires;
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
        const int64_t lo = mode == bm::kMedian ? (m - 1) / 2 : (mode == bm::kMeaMed ? 0 : t);
        const int64_t hi = mode == bm::kMedian ? m / 2 : (mode == bm::kMeaMed ? m - 1 : m - t - 1);
        net = bm::order_network(m, lanes, lo, hi);
        job.comps = net->data();
        job.ncomps = static_cast<int64_t>(net->size() / 2);
    }
    job.x = S.x;
    job.ld = S.ld;
    job.rows = S.rows;
    job.perm = S.perm;
    job.s = S.s;
    job.m = m;
    job.mpad = mpad;
    job.bitonic = bitonic;
    job.mode = mode;
    job.t = t;
    job.out = out;
    const int64_t height = std::max(mpad, S.rows);  // scratch wires or rows read per coordinate
    const int64_t subs = std::max<int64_t>(1, std::min<int64_t>(256, kTileFloats / (height * lanes)));
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

// Validated: runs the rule on S (S.wires >= 1, S.d >= 1) into out.
int order_run(const Source& S, int mode, int64_t t, float* out, int threads, int simd) {
    return bm::guarded([&]() -> int {
        const bm::SimdOps* ops = bm::select_ops(simd);
        const int nt = bm::plan_threads(threads, S.rows * S.d);
        if (S.wires > bm::kNetMaxRows) return order_sorting(S, mode, t, out, nt);
        return order_by_network(S, mode, t, out, nt, ops);
    });
}

// out (d floats) must not overlap the batch.
bool overlaps(const float* x, int64_t ld, int64_t m, int64_t d, const float* out) {
    const float* x1 = x + (m - 1) * ld + d;
    return x < out + d && out < x1;
}

int order_stat(const float* x, int64_t ld, int64_t m, int64_t d, int mode, int64_t t, float* out,
               int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (t < 0) return BM_EINVAL;
    if (m == 0) return BM_OK;
    if (t > (m - 1) / 2) return BM_EINVAL;  // 2t >= m, written without overflow
    if (d == 0) return BM_OK;
    if (out == nullptr || overlaps(x, ld, m, d, out)) return BM_EINVAL;
    return order_run(Source{x, ld, m, d, nullptr, 1, m}, mode, t, out, threads, simd);
}

// rows[0..count) are rows of a batch of m rows.
bool rows_in_range(const int32_t* rows, int64_t count, int64_t m) {
    for (int64_t r = 0; r < count; ++r)
        if (rows[r] < 0 || rows[r] >= m) return false;
    return true;
}

// perm[0..m) is a permutation of 0..m-1.
bool is_permutation(const int32_t* perm, int64_t m) {
    std::vector<char> seen(static_cast<size_t>(m), 0);
    for (int64_t i = 0; i < m; ++i) {
        const int32_t p = perm[i];
        if (p < 0 || p >= m || seen[static_cast<size_t>(p)]) return false;
        seen[static_cast<size_t>(p)] = 1;
    }
    return true;
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

// Median of the ceil(m/s) bucket means over perm (kernels.h): validated like the other kernels;
// perm must be a permutation of 0..m-1 (checked, also when d == 0).
BM_EXPORT int bm_bucketed_median(const float* x, int64_t ld, int64_t m, int64_t d, const int32_t* perm,
                                 int64_t s, float* out, int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd) || s < 1) return BM_EINVAL;
    if (m == 0) return BM_OK;
    if (perm == nullptr) return BM_EINVAL;
    const int perm_ok = bm::guarded([&]() -> int { return is_permutation(perm, m) ? BM_OK : BM_EINVAL; });
    if (perm_ok != BM_OK) return perm_ok;
    if (d == 0) return BM_OK;
    if (out == nullptr || overlaps(x, ld, m, d, out)) return BM_EINVAL;
    const int64_t buckets = (m - 1) / s + 1;  // ceil(m / s) without overflow
    return order_run(Source{x, ld, m, d, perm, s, buckets}, bm::kMedian, 0, out, threads, simd);
}

// MeaMed (kernels.h): the order-statistics engine in mode kMeaMed with parameter keep, over the
// rows of x, or over the chosen rows as buckets of one row (s = 1: each wire is x[rows[g]] + 0.0f,
// which changes no result: signed zeros are equal in every comparison and in every sum from 0.0).
BM_EXPORT int bm_mean_around_median(const float* x, int64_t ld, int64_t m, int64_t d, const int32_t* rows,
                                    int64_t count, int64_t keep, float* out, int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (count < 1 || keep < 1 || keep > count) return BM_EINVAL;
    if (rows == nullptr ? count != m : !rows_in_range(rows, count, m)) return BM_EINVAL;
    if (d == 0) return BM_OK;
    if (out == nullptr || overlaps(x, ld, m, d, out)) return BM_EINVAL;
    const Source S{x, ld, count, d, rows, 1, count};
    return order_run(S, bm::kMeaMed, keep, out, threads, simd);
}
