// bm_bucketed_median against its definition (kernels.h): bm_group_means over perm in groups of s
// (the last group what remains) followed by bm_coordinate_median, bit for bit, for every SIMD
// level and thread count; plus the scalar reference of both, and argument validation.
#include <limits>

#include "test_ref.h"
#include "test_util.h"

namespace {

// Scalar reference: the bucket means (group means arithmetic), then the median of each column.
std::vector<float> reference(const TestBatch& b, const std::vector<int32_t>& perm, int64_t s) {
    const int64_t m = b.m, d = b.d, nb = (m - 1) / s + 1;
    std::vector<float> means(nb * d), out(d);
    for (int64_t g = 0; g < nb; ++g)
        for (int64_t j = 0; j < d; ++j) {
            const int64_t r0 = g * s, r1 = std::min(m, r0 + s);
            double acc = 0.0;
            for (int64_t r = r0; r < r1; ++r) acc += static_cast<double>(b.x[perm[r] * b.ld + j]);
            means[g * d + j] = static_cast<float>(acc / static_cast<double>(r1 - r0));
        }
    for (int64_t j = 0; j < d; ++j) out[j] = ref::median(means.data(), d, nb, j);
    return out;
}

// The composition the kernel replaces, through the library itself.
std::vector<float> composition(const TestBatch& b, const std::vector<int32_t>& perm, int64_t s, int th,
                               int simd) {
    const int64_t m = b.m, d = b.d, nb = (m - 1) / s + 1;
    std::vector<int64_t> start;
    for (int64_t g = 0; g < nb; ++g) start.push_back(g * s);
    start.push_back(m);
    std::vector<float> means(nb * d + 1), out(d + 1);
    const int rc1 = bm_group_means(b.x, b.ld, m, d, perm.data(), start.data(), nb, means.data(), d, th, simd);
    const int rc2 = bm_coordinate_median(means.data(), d, nb, d, out.data(), th, simd);
    CHECK(rc1 == BM_OK && rc2 == BM_OK, "composition rc %d %d", rc1, rc2);
    out.resize(d);
    return out;
}

std::vector<int32_t> shuffled(int64_t m, Rng& r) {
    std::vector<int32_t> p(m);
    for (int64_t i = 0; i < m; ++i) p[i] = static_cast<int32_t>(i);
    for (int64_t i = m - 1; i > 0; --i) std::swap(p[i], p[r.below(i + 1)]);
    return p;
}

void check_case(int64_t m, int64_t d, int64_t s, int cs, int pattern = -1) {
    Rng r(21000 + cs);
    if (pattern < 0) pattern = cs % kPatterns;
    TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 5), cs % 2);
    b.fill(r, pattern);
    const std::vector<int32_t> perm = shuffled(m, r);
    const std::vector<float> want = reference(b, perm, s);
    for (int simd : simd_levels())
        for (int th : kThreadCounts) {
            std::vector<float> buf(d + 3, sentinel());
            float* out = buf.data() + 1 + (cs % 2);  // misaligned or not
            const int rc = bm_bucketed_median(b.x, b.ld, m, d, perm.data(), s, out, th, simd);
            CHECK(rc == BM_OK, "rc %d", rc);
            int64_t bad = -1;
            for (int64_t j = 0; j < d && bad < 0; ++j)
                if (bits_of(out[j]) != bits_of(want[j])) bad = j;
            CHECK(bad < 0, "bucketed m=%lld d=%lld s=%lld simd=%d th=%d %s: j=%lld got %g want %g", (long long)m,
                  (long long)d, (long long)s, simd, th, pattern_name(pattern), (long long)bad,
                  bad < 0 ? 0.0 : out[bad], bad < 0 ? 0.0 : want[bad]);
            CHECK(bits_of(out[-1]) == bits_of(sentinel()) && bits_of(out[d]) == bits_of(sentinel()),
                  "wrote outside out");
            if (th != 2) continue;  // the composition is thread-independent too; once per level
            const std::vector<float> comp = composition(b, perm, s, th, simd);
            CHECK(same_bits(comp.data(), out, d * 4), "composition differs m=%lld d=%lld s=%lld simd=%d",
                  (long long)m, (long long)d, (long long)s, simd);
        }
    CHECK(b.padding_intact(), "input changed");
}

void validation() {
    std::vector<float> x(8 * 10, 1.0f), out(10, 0.0f);
    std::vector<int32_t> p = {0, 1, 2, 3, 4, 5, 6, 7};
    const float* X = x.data();
    float* O = out.data();
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), 2, O, 1, -1) == BM_OK, "ok");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), 0, O, 1, -1) == BM_EINVAL, "s=0");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), -2, O, 1, -1) == BM_EINVAL, "s<0");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), INT64_MAX, O, 1, -1) == BM_OK, "huge s: one bucket");
    CHECK(bm_bucketed_median(X, 10, 8, 10, nullptr, 2, O, 1, -1) == BM_EINVAL, "perm null");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), 2, nullptr, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_bucketed_median(nullptr, 10, 8, 10, p.data(), 2, O, 1, -1) == BM_EINVAL, "x null");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), 2, x.data() + 75, 1, -1) == BM_EINVAL, "out overlaps x");
    CHECK(bm_bucketed_median(X, 9, 8, 10, p.data(), 2, O, 1, -1) == BM_EINVAL, "ld<d");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), 2, O, 0, -1) == BM_EINVAL, "threads 0");
    CHECK(bm_bucketed_median(X, 10, 8, 10, p.data(), 2, O, 1, 3) == BM_EINVAL, "simd 3");
    CHECK(bm_bucketed_median(nullptr, 10, 0, 10, nullptr, 2, nullptr, 1, -1) == BM_OK, "m=0");
    CHECK(bm_bucketed_median(nullptr, 10, 0, 10, nullptr, 0, nullptr, 1, -1) == BM_EINVAL, "m=0, s=0");
    std::vector<int32_t> dup = {0, 1, 2, 3, 4, 5, 6, 6}, high = {0, 1, 2, 3, 4, 5, 6, 8}, neg = {0, 1, 2, 3, 4, 5, 6, -1};
    std::fill(out.begin(), out.end(), 7.0f);
    CHECK(bm_bucketed_median(X, 10, 8, 10, dup.data(), 2, O, 1, -1) == BM_EINVAL, "repeated row");
    CHECK(bm_bucketed_median(X, 10, 8, 10, high.data(), 2, O, 1, -1) == BM_EINVAL, "perm >= m");
    CHECK(bm_bucketed_median(X, 10, 8, 10, neg.data(), 2, O, 1, -1) == BM_EINVAL, "perm < 0");
    CHECK(out[0] == 7.0f, "nothing written before validation failed");
    CHECK(bm_bucketed_median(X, 10, 8, 0, dup.data(), 2, O, 1, -1) == BM_EINVAL, "perm checked when d=0");
    CHECK(bm_bucketed_median(X, 10, 8, 0, p.data(), 2, nullptr, 1, -1) == BM_OK, "d=0");
}

}  // namespace

void suite_bucketed_median() {
    validation();
    int cs = 0;
    const int64_t rows[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64, 65, 128, 129, 255, 256, 257, 300, 1000};
    const int64_t dims[] = {1, 7, 16, 17, 33, 64, 1000};
    for (int64_t m : rows)
        for (int64_t d : dims)
            for (int64_t s : {int64_t{1}, int64_t{2}, int64_t{3}, m, m + 1}) {
                if (m * d > 40000 && d != 17) continue;  // keep it quick
                check_case(m, d, s, ++cs);
            }
    // Many tiles (prefetch, task runs), a bucket of 5 rows, large networks and the sorting path
    // (> 16384 buckets).
    check_case(130, 4097, 2, ++cs);
    check_case(129, 3001, 5, ++cs);
    check_case(4100, 19, 1, ++cs);
    check_case(8200, 17, 4, ++cs);
    check_case(16390, 9, 1, ++cs);
    check_case(32790, 5, 2, ++cs);
    // Pairs whose float sum overflows (s = 2 falls back to double sums), signed zeros.
    for (int64_t m : {64, 65, 128})
        for (int64_t s : {1, 2}) {
            check_case(m, 100, s, ++cs, kHuge);
            check_case(m, 100, s, ++cs, kZerosTies);
        }
}
