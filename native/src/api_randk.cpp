// bm_randk (kernels.h; docs/algorithm.md "RandK" and "Reproducibility"): per row, k distinct coordinates by
// Floyd's algorithm over SplitMix64 with Lemire's bounded integers, sorted, scaled by d/k.
// One task per row. Floyd's "already chosen?" test uses a per-thread bitmap of d bits (when that
// is small) or an open-addressing hash set of the chosen values.
#include <algorithm>
#include <cstring>
#include <vector>

#include "internal.h"

namespace {

struct SplitMix64 {
    uint64_t s;
    uint64_t next() {
        s += 0x9E3779B97F4A7C15ULL;
        uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    uint32_t next32() { return static_cast<uint32_t>(next() >> 32); }
    // Lemire's multiply-shift with rejection, 1 <= n <= 2^31 (kernels.h).
    uint32_t bounded(uint32_t n) {
        uint32_t x = next32();
        uint64_t p = static_cast<uint64_t>(x) * n;
        uint32_t l = static_cast<uint32_t>(p);
        if (l < n) {
            const uint32_t t = static_cast<uint32_t>(-n) % n;
            while (l < t) {
                x = next32();
                p = static_cast<uint64_t>(x) * n;
                l = static_cast<uint32_t>(p);
            }
        }
        return static_cast<uint32_t>(p >> 32);
    }
};

// Per-thread scratch for one row: the chosen values and a membership structure.
struct Chooser {
    bool use_bitmap = false;
    std::vector<uint64_t> bits;   // d bits, all zero between rows
    std::vector<uint32_t> table;  // hash set, kEmpty = free slot
    uint32_t mask = 0;
    std::vector<int32_t> chosen;  // k values
    static constexpr uint32_t kEmpty = 0xFFFFFFFFu;

    void init(int64_t d, int64_t k) {
        // A bitmap costs d/8 bytes per thread: use it when that is modest or not much more than
        // the chosen list itself; otherwise a hash set of ~4k slots.
        use_bitmap = d <= (int64_t{1} << 23) || d / 64 <= 4 * k;
        if (use_bitmap) {
            bits.assign(static_cast<size_t>((d + 63) / 64), 0);
        } else {
            size_t cap = 16;
            while (cap < static_cast<size_t>(4 * k)) cap *= 2;
            table.assign(cap, kEmpty);
            mask = static_cast<uint32_t>(cap - 1);
        }
        chosen.resize(static_cast<size_t>(k));
    }

    // Inserts v; returns false if it was already there.
    bool insert(uint32_t v) {
        if (use_bitmap) {
            uint64_t& w = bits[v >> 6];
            const uint64_t b = uint64_t{1} << (v & 63);
            if (w & b) return false;
            w |= b;
            return true;
        }
        for (uint32_t h = (v * 0x9E3779B1u) & mask;; h = (h + 1) & mask) {
            if (table[h] == v) return false;
            if (table[h] == kEmpty) {
                table[h] = v;
                return true;
            }
        }
    }

    // Floyd: for j = d-k .. d-1: t = bounded(j + 1); choose j if t is taken, else t. Then sort.
    void choose(uint64_t seed, int64_t d, int64_t k) {
        SplitMix64 rng{seed};
        int64_t n = 0;
        for (int64_t j = d - k; j < d; ++j) {
            const uint32_t t = rng.bounded(static_cast<uint32_t>(j + 1));
            const uint32_t pick = insert(t) ? t : static_cast<uint32_t>(j);
            if (pick != t) insert(pick);  // j is never taken before step j
            chosen[static_cast<size_t>(n++)] = static_cast<int32_t>(pick);
        }
        if (use_bitmap && static_cast<int64_t>(bits.size()) <= 4 * k) {
            // Dense enough: read the bitmap in order (sorted for free) and clear it.
            n = 0;
            for (size_t w = 0; w < bits.size(); ++w) {
                for (uint64_t b = bits[w]; b != 0; b &= b - 1)
                    chosen[static_cast<size_t>(n++)] =
                        static_cast<int32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(b)));
                bits[w] = 0;
            }
            return;
        }
        std::sort(chosen.begin(), chosen.end());
        if (use_bitmap) {
            for (int32_t v : chosen) bits[static_cast<size_t>(v) >> 6] = 0;
        } else {
            std::fill(table.begin(), table.end(), kEmpty);
        }
    }
};

}  // namespace

BM_EXPORT int bm_randk(float* x, int64_t ld, int64_t m, int64_t d, int64_t k, const uint64_t* seeds,
                       int32_t* idx, float* val, int dense, int threads, int simd) {
    const bool need_x = val != nullptr || dense != 0;
    static float dummy;
    if (bm::bad_batch(need_x ? x : &dummy, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (k < 0 || k > d || d > INT32_MAX) return BM_EINVAL;
    if (m == 0 || d == 0) return BM_OK;
    if (k > 0 && seeds == nullptr) return BM_EINVAL;
    return bm::guarded([&]() -> int {
        if (k == 0) {  // empty sparse output; a dense row becomes zero
            if (dense)
                for (int64_t i = 0; i < m; ++i)
                    std::memset(x + i * ld, 0, static_cast<size_t>(d) * sizeof(float));
            return BM_OK;
        }
        const double scale = static_cast<double>(d) / static_cast<double>(k);
        const int nt = bm::plan_threads(threads, m * (dense ? d : 4 * k));
        std::vector<Chooser> scratch(static_cast<size_t>(nt));
        for (Chooser& c : scratch) c.init(d, k);  // allocate before the parallel region
        bm::parallel_tasks(nt, m, [&](int64_t i, int tid) {
            Chooser& c = scratch[static_cast<size_t>(tid)];
            c.choose(seeds[i], d, k);
            const int32_t* ch = c.chosen.data();
            float* row = need_x ? x + i * ld : nullptr;
            if (idx) std::memcpy(idx + i * k, ch, static_cast<size_t>(k) * sizeof(int32_t));
            if (val)
                for (int64_t r = 0; r < k; ++r)
                    val[i * k + r] = static_cast<float>(static_cast<double>(row[ch[r]]) * scale);
            if (dense) {  // scaled at the chosen indices, zero elsewhere (values read first)
                int64_t pos = 0;
                for (int64_t r = 0; r < k; ++r) {
                    const int64_t j = ch[r];
                    const float v = static_cast<float>(static_cast<double>(row[j]) * scale);
                    std::memset(row + pos, 0, static_cast<size_t>(j - pos) * sizeof(float));
                    row[j] = v;
                    pos = j + 1;
                }
                std::memset(row + pos, 0, static_cast<size_t>(d - pos) * sizeof(float));
            }
        });
        return BM_OK;
    });
}
