// bm_pairwise_sq_dists against the reference csum of squared differences.
#include "test_ref.h"
#include "test_util.h"

void suite_pairwise() {
    const int64_t rows[] = {1, 2, 3, 5, 8, 17, 33};
    int cs = 0;
    for (int64_t m : rows)
        for (int64_t d : kDims) {
            ++cs;
            Rng r(13000 + cs);
            TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 3), cs % 2);
            b.fill(r, cs % kPatterns);
            std::vector<double> want(m * m, 0.0);
            for (int64_t i = 0; i < m; ++i)
                for (int64_t k = i + 1; k < m; ++k)
                    want[i * m + k] = want[k * m + i] = ref::sq_dist(b.x + i * b.ld, b.x + k * b.ld, d);
            for (int simd : simd_levels())
                for (int th : kThreadCounts) {
                    std::vector<double> got(m * m + 1, -3.0);
                    int rc = bm_pairwise_sq_dists(b.x, b.ld, m, d, got.data(), th, simd);
                    CHECK(rc == BM_OK, "rc %d", rc);
                    CHECK(same_bits(got.data(), want.data(), m * m * 8), "m=%lld d=%lld simd=%d th=%d %s",
                          (long long)m, (long long)d, simd, th, pattern_name(cs % kPatterns));
                    CHECK(got[m * m] == -3.0, "wrote past out");
                }
        }
    // A bigger case that spans many column blocks and splits pairs across threads mid-row.
    {
        const int64_t m = 129, d = 4097;
        Rng r(77);
        TestBatch b(m, d, d + 1, 1);
        b.fill(r, kRandom);
        std::vector<double> want(m * m, 0.0);
        for (int64_t i = 0; i < m; ++i)
            for (int64_t k = i + 1; k < m; ++k)
                want[i * m + k] = want[k * m + i] = ref::sq_dist(b.x + i * b.ld, b.x + k * b.ld, d);
        for (int simd : simd_levels())
            for (int th : kThreadCounts) {
                std::vector<double> got(m * m);
                CHECK(bm_pairwise_sq_dists(b.x, b.ld, m, d, got.data(), th, simd) == BM_OK, "rc");
                CHECK(same_bits(got.data(), want.data(), m * m * 8), "big simd=%d th=%d", simd, th);
            }
    }
}
