// bm_coordinate_median and bm_trimmed_mean against sort-per-coordinate, bit for bit, for odd and
// even m, both the network path (m <= 16384) and the sorting path (m > 16384).
#include <cmath>

#include "test_ref.h"
#include "test_util.h"

namespace {

const int64_t kRows[] = {1,   2,   3,   4,   5,   7,   8,    9,    15,   16,   17,   31,   32,  33,
                         64,  65,  128, 129, 255, 256, 257,  300,  511,  512,  513,  1024, 1025, 1500,
                         2047, 2049, 4096, 4097, 16385};

bool skip(int64_t m, int64_t d) {  // keep it quick
    if (m > 300) return d != 17 && d != 33 && !(d == 1000 && m <= 1025);
    return m * d > 300000 && d != 1000;
}

void run(bool median) {
    int cs = 0;
    for (int64_t m : kRows)
        for (int64_t d : kDims) {
            if (skip(m, d)) continue;
            std::vector<int64_t> ts = {0};
            if (!median) ts = {0, 1, (m - 1) / 2, m * 12 / 128, m / 4};
            for (int64_t t : ts) {
                if (2 * t >= m) continue;
                ++cs;
                Rng r(11000 + cs + (median ? 0 : 50000));
                const int pattern = cs % kPatterns;
                TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 2), cs % 2);
                b.fill(r, pattern);
                std::vector<float> want(d + 1);
                for (int64_t j = 0; j < d; ++j)
                    want[j] = median ? ref::median(b.x, b.ld, m, j) : ref::trimmed_mean(b.x, b.ld, m, t, j);
                for (int simd : simd_levels())
                    for (int th : kThreadCounts) {
                        std::vector<float> buf(d + 3, sentinel());
                        float* out = buf.data() + 1 + (cs % 2);  // misaligned or not
                        int rc = median ? bm_coordinate_median(b.x, b.ld, m, d, out, th, simd)
                                        : bm_trimmed_mean(b.x, b.ld, m, d, t, out, th, simd);
                        CHECK(rc == BM_OK, "rc %d", rc);
                        int64_t bad = -1;
                        for (int64_t j = 0; j < d && bad < 0; ++j)
                            if (bits_of(out[j]) != bits_of(want[j])) bad = j;
                        CHECK(bad < 0, "%s m=%lld d=%lld t=%lld simd=%d th=%d %s: j=%lld got %g want %g",
                              median ? "median" : "trimmed", (long long)m, (long long)d, (long long)t, simd,
                              th, pattern_name(pattern), (long long)bad, bad < 0 ? 0.0 : out[bad],
                              bad < 0 ? 0.0 : want[bad]);
                        CHECK(bits_of(out[-1]) == bits_of(sentinel()) && bits_of(out[d]) == bits_of(sentinel()),
                              "wrote outside out");
                    }
            }
        }
}

}  // namespace

void suite_median() {
    run(true);
    // Radix selection (the sorting path, m > 16384) where its digits cannot tell keys apart: one value repeated,
    // signed zeros only, two values, and values one ulp apart; odd and even m.
    for (int64_t m : {16385, 16386, 20001, 20002}) {
        const int64_t d = 4;
        TestBatch b(m, d, d, 0);
        Rng r(77 + m);
        for (int64_t i = 0; i < m; ++i) {
            b.at(i, 0) = 0.75f;
            b.at(i, 1) = r.below(2) ? 0.0f : -0.0f;
            b.at(i, 2) = r.below(3) ? -2.5f : 1e30f;
            b.at(i, 3) = std::nextafter(1.0f, 2.0f * static_cast<float>(r.below(2)));
        }
        std::vector<float> out(d);
        CHECK(bm_coordinate_median(b.x, b.ld, m, d, out.data(), 2, BM_SIMD_BEST) == BM_OK, "rc");
        for (int64_t j = 0; j < d; ++j) {
            const float want = ref::median(b.x, b.ld, m, j);
            CHECK(bits_of(out[j]) == bits_of(want), "radix median m=%lld j=%lld got %g want %g", (long long)m,
                  (long long)j, out[j], want);
        }
    }
    // Non-finite input: unspecified values, but it must finish and stay inside the output.
    for (int64_t m : {5, 64, 300}) {
        TestBatch b(m, 40, 40, 1);
        Rng r(3);
        b.fill(r, kRandom);
        b.at(1, 3) = NAN;
        b.at(2, 5) = INFINITY;
        b.at(0, 5) = -INFINITY;
        std::vector<float> buf(42, sentinel());
        CHECK(bm_coordinate_median(b.x, b.ld, m, 40, buf.data() + 1, 2, BM_SIMD_BEST) == BM_OK, "nan");
        CHECK(bm_trimmed_mean(b.x, b.ld, m, 40, 1, buf.data() + 1, 2, BM_SIMD_BEST) == BM_OK, "nan");
        CHECK(bits_of(buf[0]) == bits_of(sentinel()) && bits_of(buf[41]) == bits_of(sentinel()), "outside");
    }
}

void suite_trimmed_mean() { run(false); }
