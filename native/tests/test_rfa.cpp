// bm_rfa against the reference smoothed Weiszfeld iteration.
#include "test_ref.h"
#include "test_util.h"

void suite_rfa() {
    const int64_t rows[] = {1, 2, 3, 5, 17, 64};
    const int iters[] = {0, 1, 3, 8};
    const double nus[] = {0.1, 1e-3, 10.0};
    int cs = 0;
    for (int64_t m : rows)
        for (int64_t d : kDims) {
            ++cs;
            const int it = iters[cs % 4];
            const double nu = nus[cs % 3];
            Rng r(15000 + cs);
            TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 2), cs % 2);
            b.fill(r, cs % kPatterns);
            std::vector<float> want = ref::rfa(b.x, b.ld, m, d, it, nu);
            for (int simd : simd_levels())
                for (int th : kThreadCounts) {
                    std::vector<float> buf(d + 2, sentinel());
                    float* out = buf.data() + 1;
                    int rc = bm_rfa(b.x, b.ld, m, d, it, nu, out, th, simd);
                    CHECK(rc == BM_OK, "rc %d", rc);
                    CHECK(same_bits(out, want.data(), d * 4), "m=%lld d=%lld T=%d nu=%g simd=%d th=%d %s",
                          (long long)m, (long long)d, it, nu, simd, th, pattern_name(cs % kPatterns));
                    CHECK(bits_of(buf[0]) == bits_of(sentinel()) && bits_of(buf[d + 1]) == bits_of(sentinel()),
                          "wrote outside out");
                }
        }
    // Many column blocks and several rows per thread, T = 8.
    for (int64_t m : {33, 130}) {
        const int64_t d = 5000;
        Rng r(88 + m);
        TestBatch b(m, d, d, 1);
        b.fill(r, kRandom);
        std::vector<float> want = ref::rfa(b.x, b.ld, m, d, 8, 0.1);
        for (int simd : simd_levels())
            for (int th : kThreadCounts) {
                std::vector<float> out(d);
                CHECK(bm_rfa(b.x, b.ld, m, d, 8, 0.1, out.data(), th, simd) == BM_OK, "rc");
                CHECK(same_bits(out.data(), want.data(), d * 4), "big m=%lld simd=%d th=%d", (long long)m, simd, th);
            }
    }
}
