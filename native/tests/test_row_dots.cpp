// bm_dot_products, bm_sq_dists_to, bm_weighted_sum and the machine floors (bm_row_sums,
// bm_copy_rows) against test_ref.h, bit for bit, for every SIMD level and thread count.
#include <limits>

#include "test_ref.h"
#include "test_util.h"

namespace {

const int64_t kRows[] = {1, 2, 3, 4, 5, 8, 17, 33, 64, 130};

// A double vector of d entries in the pattern's range (r and weights).
std::vector<double> vec(Rng& r, int64_t n, int pattern) {
    std::vector<double> v(n);
    for (auto& e : v) e = static_cast<double>(draw(r, pattern)) * (r.uniform() + 0.5);
    return v;
}

int call(int kind, const TestBatch& b, const double* r, double* out, int th, int simd) {
    switch (kind) {
        case 0: return bm_dot_products(b.x, b.ld, b.m, b.d, r, out, th, simd);
        case 1: return bm_sq_dists_to(b.x, b.ld, b.m, b.d, r, out, th, simd);
        default: return bm_row_sums(b.x, b.ld, b.m, b.d, out, th, simd);
    }
}

void row_kind(int kind) {
    static const char* names[] = {"dot", "dist", "row sums"};
    int cs = 0;
    for (int64_t m : kRows)
        for (int64_t d : kDims) {
            ++cs;
            if (m * d > 300000 && d != 4097) continue;
            Rng r(51000 + 1000 * kind + cs);
            const int pattern = cs % kPatterns;
            TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 3), cs % 2);
            b.fill(r, pattern);
            const std::vector<double> rv = vec(r, d, (cs / 2) % kPatterns);
            std::vector<double> want(m);
            for (int64_t i = 0; i < m; ++i) want[i] = ref::row_reduce(b.x + i * b.ld, rv.data(), d, kind);
            for (int simd : simd_levels())
                for (int th : kThreadCounts) {
                    std::vector<double> got(m + 1, -7.0);
                    CHECK(call(kind, b, rv.data(), got.data(), th, simd) == BM_OK, "rc");
                    CHECK(same_bits(got.data(), want.data(), m * 8), "%s m=%lld d=%lld simd=%d th=%d %s", names[kind],
                          (long long)m, (long long)d, simd, th, pattern_name(pattern));
                    CHECK(got[m] == -7.0, "wrote past out");
                    for (int64_t i = 0; i < m; ++i)
                        if (!std::isfinite(got[i])) {
                            CHECK(false, "%s: non-finite output for finite input (row %lld)", names[kind], (long long)i);
                            break;
                        }
                }
            CHECK(b.padding_intact(), "input changed");
        }
    // Validation.
    std::vector<float> x(40, 1.0f);
    std::vector<double> rv(10, 1.0), out(4, 5.0);
    TestBatch b(4, 10, 10, 0);
    CHECK(bm_dot_products(x.data(), 10, 4, 10, nullptr, out.data(), 1, -1) == BM_EINVAL, "dot r null");
    CHECK(bm_sq_dists_to(x.data(), 10, 4, 10, nullptr, out.data(), 1, -1) == BM_EINVAL, "dist r null");
    CHECK(bm_dot_products(x.data(), 10, 4, 10, rv.data(), nullptr, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_sq_dists_to(x.data(), 9, 4, 10, rv.data(), out.data(), 1, -1) == BM_EINVAL, "ld < d");
    CHECK(bm_row_sums(x.data(), 10, 4, 10, out.data(), 0, -1) == BM_EINVAL, "threads 0");
    CHECK(bm_dot_products(x.data(), 10, 4, 10, rv.data(), out.data(), 1, 4) == BM_EINVAL, "simd 4");
    CHECK(bm_dot_products(x.data(), 10, 4, 0, nullptr, out.data(), 1, -1) == BM_OK && out[3] == 0.0, "d = 0 -> 0");
    CHECK(bm_sq_dists_to(nullptr, 10, 0, 10, nullptr, nullptr, 1, -1) == BM_OK, "m = 0");
}

void weighted() {
    int cs = 0;
    for (int64_t m : kRows)
        for (int64_t d : kDims) {
            ++cs;
            if (m * d > 300000 && d != 4097) continue;
            Rng r(61000 + cs);
            const int pattern = cs % kPatterns;
            TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 1), (cs + 1) % 2);
            b.fill(r, pattern);
            const std::vector<double> w = vec(r, m, (cs / 3) % kPatterns);
            const std::vector<double> want = ref::weighted_sum(b.x, b.ld, m, d, w.data());
            for (int simd : simd_levels())
                for (int th : kThreadCounts) {
                    std::vector<double> buf(d + 2, -7.0);
                    CHECK(bm_weighted_sum(b.x, b.ld, m, d, w.data(), buf.data() + 1, th, simd) == BM_OK, "rc");
                    CHECK(same_bits(buf.data() + 1, want.data(), d * 8), "wsum m=%lld d=%lld simd=%d th=%d %s",
                          (long long)m, (long long)d, simd, th, pattern_name(pattern));
                    CHECK(buf[0] == -7.0 && buf[d + 1] == -7.0, "wrote outside out");
                }
            CHECK(b.padding_intact(), "input changed");
        }
    std::vector<float> x(40, 1.0f);
    std::vector<double> w(4, 1.0), out(10, 5.0);
    CHECK(bm_weighted_sum(x.data(), 10, 4, 10, nullptr, out.data(), 1, -1) == BM_EINVAL, "w null");
    CHECK(bm_weighted_sum(x.data(), 10, 4, 10, w.data(), nullptr, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_weighted_sum(x.data(), 10, 4, 10, w.data(), out.data(), 0, -1) == BM_EINVAL, "threads 0");
    CHECK(bm_weighted_sum(x.data(), 10, 4, 11, w.data(), out.data(), 1, -1) == BM_EINVAL, "ld < d");
    CHECK(bm_weighted_sum(nullptr, 10, 0, 10, nullptr, out.data(), 1, -1) == BM_OK && out[9] == 0.0,
          "m = 0 -> zeros");
    CHECK(bm_weighted_sum(nullptr, 0, 0, 0, nullptr, nullptr, 1, -1) == BM_OK, "d = 0");
}

}  // namespace

void suite_row_dots() {
    row_kind(0);
    row_kind(1);
}

void suite_weighted_sum() { weighted(); }

void suite_floors() {
    row_kind(2);
    // Copies: small (memcpy) and large (non-temporal stores), misaligned, own strides.
    for (int64_t m : {int64_t{1}, int64_t{3}, int64_t{5}}) {
        for (int64_t d : {int64_t{1}, int64_t{17}, int64_t{1000}, (int64_t{4} << 20) / 3 + 7}) {
            Rng r(71 + m + d);
            TestBatch src(m, d, d + 3, 1);
            src.fill(r, kRandom);
            for (int simd : simd_levels())
                for (int th : kThreadCounts) {
                    TestBatch dst(m, d, d + 1, (th + 1) % 2);
                    CHECK(bm_copy_rows(src.x, src.ld, dst.x, dst.ld, m, d, th, simd) == BM_OK, "copy rc");
                    for (int64_t i = 0; i < m; ++i)
                        CHECK(same_bits(dst.x + i * dst.ld, src.x + i * src.ld, d * 4), "copy row %lld d=%lld",
                              (long long)i, (long long)d);
                    CHECK(dst.padding_intact(), "copy wrote padding");
                }
        }
    }
    std::vector<float> x(40, 1.0f);
    CHECK(bm_copy_rows(x.data(), 10, x.data() + 5, 10, 3, 10, 1, -1) == BM_EINVAL, "copy overlap");
    CHECK(bm_copy_rows(x.data(), 10, nullptr, 10, 3, 10, 1, -1) == BM_EINVAL, "copy dst null");
}
