// bm_group_means against the reference: mean, buckets of 2 (last bucket odd), groups of 3,
// repeated rows, an offset group_start[0], output with its own stride and misalignment.
#include "test_ref.h"
#include "test_util.h"

namespace {

std::vector<float> reference(const TestBatch& b, const std::vector<int32_t>& index,
                             const std::vector<int64_t>& start) {
    const int64_t groups = static_cast<int64_t>(start.size()) - 1, d = b.d;
    std::vector<float> out(groups * d);
    for (int64_t g = 0; g < groups; ++g)
        for (int64_t j = 0; j < d; ++j) {
            double acc = 0.0;
            for (int64_t r = start[g]; r < start[g + 1]; ++r) acc += static_cast<double>(b.x[index[r] * b.ld + j]);
            out[g * d + j] = static_cast<float>(acc / static_cast<double>(start[g + 1] - start[g]));
        }
    return out;
}

}  // namespace

void suite_group_means() {
    const int64_t rows[] = {1, 2, 3, 5, 8, 17, 64, 65, 128, 129};
    int cs = 0;
    for (int64_t m : rows)
        for (int64_t d : kDims)
            for (int kind = 0; kind < 4; ++kind, ++cs) {
                if (m * d > 70000 && kind > 1) continue;  // keep the suite quick
                Rng r(9000 + cs);
                TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 1), cs % 2);
                b.fill(r, cs % kPatterns);
                std::vector<int32_t> index;
                std::vector<int64_t> start;
                if (kind == 0) {  // plain mean
                    start = {0, m};
                    for (int64_t i = 0; i < m; ++i) index.push_back(static_cast<int32_t>(i));
                } else {
                    // A random permutation (kind 1: buckets of 2, 2: of 3, 3: random sizes with
                    // repeated rows and a leading unused index entry).
                    std::vector<int32_t> perm(m);
                    for (int64_t i = 0; i < m; ++i) perm[i] = static_cast<int32_t>(i);
                    for (int64_t i = m - 1; i > 0; --i) std::swap(perm[i], perm[r.below(i + 1)]);
                    if (kind == 3) {
                        index.push_back(-1);  // never read: groups start at 1
                        for (int64_t i = 0; i < m; ++i) index.push_back(perm[r.below(m)]);
                        start.push_back(1);
                        int64_t pos = 1;
                        while (pos < m + 1) {
                            pos = std::min<int64_t>(m + 1, pos + 1 + r.below(5));
                            start.push_back(pos);
                        }
                    } else {
                        index = perm;
                        const int64_t s = kind == 1 ? 2 : 3;
                        for (int64_t g = 0; g < m; g += s) start.push_back(g);
                        start.push_back(m);
                    }
                }
                const int64_t groups = static_cast<int64_t>(start.size()) - 1;
                std::vector<float> want = reference(b, index, start);
                for (int simd : simd_levels())
                    for (int th : kThreadCounts) {
                        TestBatch out(groups, d, d + (cs % 2 ? 3 : 0), (cs / 2) % 2);
                        int rc = bm_group_means(b.x, b.ld, m, d, index.data(), start.data(), groups,
                                                out.x, out.ld, th, simd);
                        CHECK(rc == BM_OK, "rc %d", rc);
                        for (int64_t g = 0; g < groups; ++g)
                            CHECK(same_bits(out.x + g * out.ld, want.data() + g * d, d * 4),
                                  "group %lld (m=%lld d=%lld kind=%d simd=%d th=%d %s)", (long long)g,
                                  (long long)m, (long long)d, kind, simd, th, pattern_name(cs % kPatterns));
                        CHECK(out.padding_intact(), "out padding written");
                    }
                CHECK(b.padding_intact(), "input changed");
            }
}
