// bm_mean_around_median against the reference walk of kernels.h (test_ref.h), bit for bit: odd and
// even counts, keep from 1 to count, all rows or chosen rows (with repeats), both sorting networks
// and the sorting path (count > 16384), misaligned rows and outputs; plus argument validation.
#include <limits>

#include "test_ref.h"
#include "test_util.h"

namespace {

const int64_t kRows[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65, 128, 129, 255, 256, 257, 300};

bool skip(int64_t m, int64_t d) { return m * d > 300000 && d != 1000; }

// Runs every SIMD level and thread count on one input against `want`.
void check_all(const TestBatch& b, const int32_t* rows, int64_t count, int64_t keep, const std::vector<float>& want,
               int cs, const char* what) {
    const int64_t m = b.m, d = b.d;
    for (int simd : simd_levels())
        for (int th : kThreadCounts) {
            std::vector<float> buf(d + 3, sentinel());
            float* out = buf.data() + 1 + (cs % 2);  // misaligned or not
            const int rc = bm_mean_around_median(b.x, b.ld, m, d, rows, count, keep, out, th, simd);
            CHECK(rc == BM_OK, "rc %d", rc);
            int64_t bad = -1;
            for (int64_t j = 0; j < d && bad < 0; ++j)
                if (bits_of(out[j]) != bits_of(want[j])) bad = j;
            CHECK(bad < 0, "meamed %s m=%lld count=%lld keep=%lld d=%lld simd=%d th=%d: j=%lld got %.9g want %.9g",
                  what, (long long)m, (long long)count, (long long)keep, (long long)d, simd, th, (long long)bad,
                  bad < 0 ? 0.0 : out[bad], bad < 0 ? 0.0 : want[bad]);
            CHECK(bits_of(out[-1]) == bits_of(sentinel()) && bits_of(out[d]) == bits_of(sentinel()),
                  "wrote outside out");
        }
    CHECK(b.padding_intact(), "input changed");
}

void run_case(int64_t m, int64_t d, int cs) {
    Rng r(31000 + cs);
    const int pattern = cs % kPatterns;
    TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 2), cs % 2);
    b.fill(r, pattern);
    // Variant 0: all rows (rows = NULL); 1: a shuffled subset; 2: rows drawn with repeats.
    const int variant = cs % 3;
    std::vector<int32_t> rows;
    int64_t count = m;
    if (variant == 1) {
        std::vector<int32_t> perm(m);
        for (int64_t i = 0; i < m; ++i) perm[i] = static_cast<int32_t>(i);
        for (int64_t i = m - 1; i > 0; --i) std::swap(perm[i], perm[r.below(i + 1)]);
        count = std::max<int64_t>(1, m - r.below(m / 2 + 1));
        rows.assign(perm.begin(), perm.begin() + count);
    } else if (variant == 2) {
        count = 1 + r.below(m + 3);
        for (int64_t i = 0; i < count; ++i) rows.push_back(static_cast<int32_t>(r.below(m)));
    }
    const int32_t* rp = variant == 0 ? nullptr : rows.data();
    std::vector<int64_t> keeps = {1, count, (count + 1) / 2, 1 + r.below(count)};
    if (count > 4) keeps.push_back(count - 2 * (count / 4));  // Bulyan-like: count - 2f
    for (int64_t keep : keeps) {
        std::vector<float> want(d);
        for (int64_t j = 0; j < d; ++j) want[j] = ref::meamed(b.x, b.ld, rp, count, keep, j);
        check_all(b, rp, count, keep, want, cs, pattern_name(pattern));
    }
}

// Inputs where the tie rule and the rounding of distances decide: ties at equal distance on both
// sides (the lower value wins), values whose distances to a huge median round to the same double.
void tie_cases() {
    const float big = 1e38f;
    const std::vector<std::vector<float>> cols = {
        {1, 3, 2, 2, 0, 4},            // med 2: 1 and 3 tie, then 0 and 4
        {5, 5, 5, 5, 5},               // all equal
        {-1, 1, -1, 1},                // med 0: every distance 1
        {big, -1, -0.5f, big, big, -2, big},  // med big: the small ones at the same rounded distance
        {-big, -big, 1, 2, big, big},  // symmetric around 1.5
        {0.0f, -0.0f, 0.0f, -0.0f, 1, -1, 0.0f},  // signed zeros
        {3.4e38f, -3.4e38f, 3.4e38f, -3.4e38f, 3.4e38f},
    };
    int cs = 0;
    for (const auto& col : cols) {
        const int64_t m = static_cast<int64_t>(col.size());
        for (int64_t d : {int64_t{1}, int64_t{17}, int64_t{40}}) {
            TestBatch b(m, d, d + 1, 1);
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < d; ++j) b.at(i, j) = col[(i + j) % m];  // rotations: same column values
            for (int64_t keep = 1; keep <= m; ++keep) {
                std::vector<float> want(d);
                for (int64_t j = 0; j < d; ++j) want[j] = ref::meamed(b.x, b.ld, nullptr, m, keep, j);
                for (int64_t j = 1; j < d; ++j)
                    CHECK(bits_of(want[j]) == bits_of(want[0]), "reference depends on row order");
                check_all(b, nullptr, m, keep, want, ++cs, "ties");
            }
        }
    }
}

void validation() {
    std::vector<float> x(8 * 10, 1.0f), out(10, 0.0f);
    std::vector<int32_t> rows = {0, 7, 3};
    const float* X = x.data();
    float* O = out.data();
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 8, 4, O, 1, -1) == BM_OK, "ok");
    CHECK(bm_mean_around_median(X, 10, 8, 10, rows.data(), 3, 3, O, 1, -1) == BM_OK, "rows ok");
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 7, 4, O, 1, -1) == BM_EINVAL, "no rows, count != m");
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 8, 0, O, 1, -1) == BM_EINVAL, "keep 0");
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 8, 9, O, 1, -1) == BM_EINVAL, "keep > count");
    CHECK(bm_mean_around_median(X, 10, 8, 10, rows.data(), 0, 1, O, 1, -1) == BM_EINVAL, "count 0");
    CHECK(bm_mean_around_median(X, 10, 8, 10, rows.data(), 3, -1, O, 1, -1) == BM_EINVAL, "keep < 0");
    rows[1] = 8;
    CHECK(bm_mean_around_median(X, 10, 8, 10, rows.data(), 3, 2, O, 1, -1) == BM_EINVAL, "row >= m");
    rows[1] = -1;
    CHECK(bm_mean_around_median(X, 10, 8, 10, rows.data(), 3, 2, O, 1, -1) == BM_EINVAL, "row < 0");
    CHECK(bm_mean_around_median(X, 10, 8, 0, rows.data(), 3, 2, nullptr, 1, -1) == BM_EINVAL, "rows checked at d = 0");
    rows[1] = 1;
    CHECK(bm_mean_around_median(X, 10, 8, 0, rows.data(), 3, 2, nullptr, 1, -1) == BM_OK, "d = 0 ok");
    CHECK(bm_mean_around_median(X, 10, 8, 10, rows.data(), 3, 2, nullptr, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_mean_around_median(nullptr, 10, 8, 10, nullptr, 8, 2, O, 1, -1) == BM_EINVAL, "x null");
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 8, 2, x.data() + 35, 1, -1) == BM_EINVAL, "out overlaps x");
    CHECK(bm_mean_around_median(X, 9, 8, 10, nullptr, 8, 2, O, 1, -1) == BM_EINVAL, "ld < d");
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 8, 2, O, 0, -1) == BM_EINVAL, "threads 0");
    CHECK(bm_mean_around_median(X, 10, 8, 10, nullptr, 8, 2, O, 1, 3) == BM_EINVAL, "simd 3");
    CHECK(bm_mean_around_median(X, 10, 0, 10, nullptr, 0, 1, O, 1, -1) == BM_EINVAL, "m = 0: no rows to keep");
    // Non-finite input: unspecified values, but it must finish and stay inside the output.
    for (int64_t m : {5, 64, 300}) {
        TestBatch b(m, 40, 40, 1);
        Rng r(3);
        b.fill(r, kRandom);
        b.at(1, 3) = NAN;
        b.at(2, 5) = INFINITY;
        b.at(0, 5) = -INFINITY;
        std::vector<float> buf(42, sentinel());
        CHECK(bm_mean_around_median(b.x, b.ld, m, 40, nullptr, m, m / 2 + 1, buf.data() + 1, 2, BM_SIMD_BEST) == BM_OK,
              "nan");
        CHECK(bits_of(buf[0]) == bits_of(sentinel()) && bits_of(buf[41]) == bits_of(sentinel()), "outside");
    }
}

}  // namespace

void suite_meamed() {
    int cs = 0;
    for (int64_t m : kRows)
        for (int64_t d : kDims) {
            if (skip(m, d)) continue;
            run_case(m, d, ++cs);
        }
    tie_cases();
    validation();
    // The sorting path (count > 16384 = kNetMaxRows), all rows and chosen rows.
    {
        const int64_t m = 16390, d = 21;
        Rng r(4711);
        TestBatch b(m, d, d + 3, 1);
        b.fill(r, kMixed);
        std::vector<int32_t> rows(16387);
        for (auto& v : rows) v = static_cast<int32_t>(r.below(m));
        for (int variant = 0; variant < 2; ++variant) {
            const int32_t* rp = variant ? rows.data() : nullptr;
            const int64_t count = variant ? static_cast<int64_t>(rows.size()) : m;
            for (int64_t keep : {int64_t{1}, count / 3, count}) {
                std::vector<float> want(d);
                for (int64_t j = 0; j < d; ++j) want[j] = ref::meamed(b.x, b.ld, rp, count, keep, j);
                check_all(b, rp, count, keep, want, variant, "sorting path");
            }
        }
    }
}
