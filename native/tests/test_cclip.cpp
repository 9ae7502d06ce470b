// bm_centered_clip against the reference iteration of kernels.h (test_ref.h), bit for bit, for
// every SIMD level and thread count; tau below, between and above the distances; argument checks.
// v stays a convex combination of the center and the rows (c_i <= 1), so a center in float range
// gives finite outputs, even from +-3.4e38 rows.
#include <limits>

#include "test_ref.h"
#include "test_util.h"

namespace {

void check_case(const TestBatch& b, const std::vector<double>& center, double tau, int iters, int cs) {
    const int64_t m = b.m, d = b.d;
    const std::vector<float> want = ref::cclip(b.x, b.ld, m, d, center.data(), tau, iters);
    for (int simd : simd_levels())
        for (int th : kThreadCounts) {
            std::vector<float> buf(d + 3, sentinel());
            float* out = buf.data() + 1 + (cs % 2);
            const int rc = bm_centered_clip(b.x, b.ld, m, d, center.data(), tau, iters, out, th, simd);
            CHECK(rc == BM_OK, "rc %d", rc);
            int64_t bad = -1;
            for (int64_t j = 0; j < d && bad < 0; ++j)
                if (bits_of(out[j]) != bits_of(want[j])) bad = j;
            CHECK(bad < 0, "cclip m=%lld d=%lld tau=%g L=%d simd=%d th=%d %s: j=%lld got %.9g want %.9g",
                  (long long)m, (long long)d, tau, iters, simd, th, pattern_name(cs % kPatterns), (long long)bad,
                  bad < 0 ? 0.0 : out[bad], bad < 0 ? 0.0 : want[bad]);
            for (int64_t j = 0; j < d; ++j)
                if (!std::isfinite(out[j])) {
                    CHECK(false, "non-finite output at %lld (m=%lld d=%lld)", (long long)j, (long long)m, (long long)d);
                    break;
                }
            CHECK(bits_of(out[-1]) == bits_of(sentinel()) && bits_of(out[d]) == bits_of(sentinel()),
                  "wrote outside out");
        }
    CHECK(b.padding_intact(), "input changed");
}

void validation() {
    std::vector<float> x(4 * 10, 1.0f), out(10, 0.0f);
    std::vector<double> c(10, 0.0);
    const float* X = x.data();
    float* O = out.data();
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 1.0, 1, O, 1, -1) == BM_OK, "ok");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 0.0, 1, O, 1, -1) == BM_EINVAL, "tau 0");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), -1.0, 1, O, 1, -1) == BM_EINVAL, "tau < 0");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), inf, 1, O, 1, -1) == BM_EINVAL, "tau inf");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), nan, 1, O, 1, -1) == BM_EINVAL, "tau NaN");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 1.0, 0, O, 1, -1) == BM_EINVAL, "iterations 0");
    CHECK(bm_centered_clip(X, 10, 4, 10, nullptr, 1.0, 1, O, 1, -1) == BM_EINVAL, "center null");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 1.0, 1, nullptr, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 1.0, 1, x.data() + 25, 1, -1) == BM_EINVAL, "out overlaps x");
    CHECK(bm_centered_clip(nullptr, 10, 4, 10, c.data(), 1.0, 1, O, 1, -1) == BM_EINVAL, "x null");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 1.0, 1, O, 0, -1) == BM_EINVAL, "threads 0");
    CHECK(bm_centered_clip(X, 10, 4, 10, c.data(), 1.0, 1, O, 1, 7) == BM_EINVAL, "simd 7");
    CHECK(bm_centered_clip(nullptr, 10, 0, 10, nullptr, 1.0, 1, nullptr, 1, -1) == BM_OK, "m = 0");
    CHECK(bm_centered_clip(X, 10, 4, 0, nullptr, 1.0, 1, nullptr, 1, -1) == BM_OK, "d = 0");
}

}  // namespace

void suite_cclip() {
    const int64_t rows[] = {1, 2, 3, 5, 8, 17, 33, 64};
    const int iters[] = {1, 2, 5};
    int cs = 0;
    for (int64_t m : rows)
        for (int64_t d : kDims) {
            ++cs;
            Rng r(41000 + cs);
            TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 2), cs % 2);
            b.fill(r, cs % kPatterns);
            std::vector<double> center(d);
            for (int64_t j = 0; j < d; ++j)
                center[j] = cs % 4 == 0 ? 0.0 : static_cast<double>(draw(r, cs % kPatterns)) * r.uniform();  // in float range
            // tau: tiny (every row clipped), about the median distance, huge (nothing clipped).
            std::vector<double> n(m);
            for (int64_t i = 0; i < m; ++i) n[i] = std::sqrt(ref::row_reduce(b.x + i * b.ld, center.data(), d, 1));
            std::sort(n.begin(), n.end());
            const double mid = n[m / 2] > 0 && std::isfinite(n[m / 2]) ? n[m / 2] : 1.0;
            for (double tau : {1e-3 * mid, mid, 1e6 * mid + 1.0}) check_case(b, center, tau, iters[cs % 3], cs);
        }
    // Many update blocks and row groups (both phases split over threads).
    for (int64_t m : {16, 130}) {
        const int64_t d = 5003;
        Rng r(91 + m);
        TestBatch b(m, d, d + 1, 1);
        b.fill(r, kRandom);
        std::vector<double> center(d, 0.25);
        check_case(b, center, 3.0, 3, 1);
    }
    validation();
}
