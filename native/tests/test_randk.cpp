// bm_randk: masks against hand-checked values and the reference, invariants, sparse/dense forms.
#include "test_ref.h"
#include "test_util.h"

namespace {

// Values derived by hand from kernels.h (and cross-checked with an independent script):
// SplitMix64(0) starts e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f. With d = 10, k = 3:
// j = 7: bounded(8) = (0xe220a839 * 8) >> 32 = 7;  j = 8: bounded(9) = (0x6e789e6a * 9) >> 32 = 3;
// j = 9: bounded(10) = (0x06c45d18 * 10) >> 32 = 0  ->  {0, 3, 7}.
struct Known {
    uint64_t seed;
    int64_t d, k;
    std::vector<int32_t> idx;
};
const Known kKnown[] = {
    {0, 10, 3, {0, 3, 7}},
    {1, 100, 5, {43, 44, 54, 72, 95}},
    {42, 1000, 10, {37, 158, 217, 276, 339, 342, 618, 734, 799, 864}},
    {0x123456789ABCDEFULL, 7, 7, {0, 1, 2, 3, 4, 5, 6}},
    {12345, 100000, 8, {11953, 12265, 13307, 17611, 20480, 33702, 43145, 50686}},
    {0xFFFFFFFFFFFFFFFFULL, 2147483647, 4, {471333925, 915331509, 1919727799, 1959787568}},
};

bool invariants(const int32_t* idx, int64_t k, int64_t d) {
    for (int64_t r = 0; r < k; ++r) {
        if (idx[r] < 0 || idx[r] >= d) return false;
        if (r > 0 && idx[r] <= idx[r - 1]) return false;  // sorted and distinct
    }
    return true;
}

}  // namespace

void suite_randk() {
    {  // the first SplitMix64 outputs of the reference itself
        ref::SplitMix64 s{0};
        CHECK(s.next() == 0xE220A8397B1DCDAFULL, "splitmix 1");
        CHECK(s.next() == 0x6E789E6AA1B965F4ULL, "splitmix 2");
        CHECK(s.next() == 0x06C45D188009454FULL, "splitmix 3");
    }
    for (const Known& kn : kKnown) {
        CHECK(ref::randk_indices(kn.seed, kn.d, kn.k) == kn.idx, "reference disagrees with known d=%lld",
              (long long)kn.d);
        for (int simd : simd_levels()) {
            std::vector<int32_t> idx(kn.k, -1);
            // x is not needed for indices only (val == NULL, dense == 0): even d = 2^31 - 1 works.
            int rc = bm_randk(nullptr, kn.d, 1, kn.d, kn.k, &kn.seed, idx.data(), nullptr, 0, 1, simd);
            CHECK(rc == BM_OK, "rc %d", rc);
            CHECK(idx == kn.idx, "known mask d=%lld k=%lld seed=%llu: first %d", (long long)kn.d,
                  (long long)kn.k, (unsigned long long)kn.seed, idx.empty() ? -1 : idx[0]);
        }
    }
    // Reference comparison over sizes, both forms.
    const int64_t rows[] = {1, 2, 3, 5, 17};
    int cs = 0;
    for (int64_t m : rows)
        for (int64_t d : kDims) {
            std::vector<int64_t> ks = {0, d, d / 2, d > 0 ? 1 : 0, d / 7 + (d > 0 ? 1 : 0)};
            for (int64_t k : ks) {
                if (k > d) continue;
                ++cs;
                Rng r(7000 + cs);
                TestBatch src(m, d, d + (cs % 3 == 0 ? 0 : 4), cs % 2);
                src.fill(r, cs % kPatterns);
                std::vector<uint64_t> seeds(m);
                for (auto& s : seeds) s = r.next();
                std::vector<int32_t> want_idx(m * k);
                std::vector<float> want_val(m * k), want_dense(m * d, 0.0f);
                const double scale = k > 0 ? static_cast<double>(d) / static_cast<double>(k) : 0.0;
                for (int64_t i = 0; i < m; ++i) {
                    std::vector<int32_t> ch = ref::randk_indices(seeds[i], d, k);
                    for (int64_t q = 0; q < k; ++q) {
                        want_idx[i * k + q] = ch[q];
                        float v = static_cast<float>(static_cast<double>(src.at(i, ch[q])) * scale);
                        want_val[i * k + q] = v;
                        want_dense[i * d + ch[q]] = v;
                    }
                }
                for (int simd : simd_levels())
                    for (int th : kThreadCounts)
                        for (int dense = 0; dense < 2; ++dense) {
                            TestBatch b(m, d, src.ld, cs % 2);
                            b.buf = src.buf;
                            b.x = b.buf.data() + (src.x - src.buf.data());
                            std::vector<int32_t> idx(m * k + 1, -5);
                            std::vector<float> val(m * k + 1, -5.0f);
                            const bool with_idx = (th + dense) % 3 != 2, with_val = (th + dense) % 3 != 1;
                            int rc = bm_randk(b.x, b.ld, m, d, k, seeds.data(),
                                              with_idx ? idx.data() : nullptr,
                                              with_val ? val.data() : nullptr, dense, th, simd);
                            CHECK(rc == BM_OK, "rc %d", rc);
                            if (with_idx) {
                                CHECK(same_bits(idx.data(), want_idx.data(), m * k * 4),
                                      "idx m=%lld d=%lld k=%lld simd=%d th=%d", (long long)m,
                                      (long long)d, (long long)k, simd, th);
                                for (int64_t i = 0; i < m; ++i)
                                    CHECK(invariants(idx.data() + i * k, k, d), "invariants row %lld",
                                          (long long)i);
                                CHECK(idx[m * k] == -5, "wrote past idx");
                            }
                            if (with_val) {
                                CHECK(same_bits(val.data(), want_val.data(), m * k * 4),
                                      "val m=%lld d=%lld k=%lld simd=%d th=%d dense=%d", (long long)m,
                                      (long long)d, (long long)k, simd, th, dense);
                                CHECK(val[m * k] == -5.0f, "wrote past val");
                            }
                            for (int64_t i = 0; i < m; ++i) {
                                const float* expect = dense ? want_dense.data() + i * d : src.x + i * src.ld;
                                CHECK(same_bits(b.x + i * b.ld, expect, d * 4),
                                      "row %lld after randk (dense=%d m=%lld d=%lld k=%lld)", (long long)i,
                                      dense, (long long)m, (long long)d, (long long)k);
                            }
                            CHECK(b.padding_intact(), "padding written");
                        }
            }
        }
    // The hash-set path (large d, small k) against the reference, with values.
    {
        const int64_t d = 9000001, k = 37;
        std::vector<float> x(d);
        for (int64_t j = 0; j < d; ++j) x[j] = static_cast<float>(j % 1000) - 500.0f;
        uint64_t seed = 99;
        std::vector<int32_t> want = ref::randk_indices(seed, d, k);
        for (int th : kThreadCounts) {
            std::vector<int32_t> idx(k);
            std::vector<float> val(k);
            int rc = bm_randk(x.data(), d, 1, d, k, &seed, idx.data(), val.data(), 0, th, BM_SIMD_BEST);
            CHECK(rc == BM_OK && idx == want, "hash path");
            for (int64_t q = 0; q < k; ++q)
                CHECK(val[q] == static_cast<float>(static_cast<double>(x[want[q]]) * (double(d) / double(k))),
                      "hash path value %lld", (long long)q);
        }
    }
}
