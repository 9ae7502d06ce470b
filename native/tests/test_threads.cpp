// Argument validation (BM_EINVAL, nothing written) and concurrent use from several threads.
#include <limits>
#include <thread>

#include "test_ref.h"
#include "test_util.h"

void suite_validation() {
    const int top = bm_simd_supported();
    std::vector<float> x(64 * 10, 1.0f), out(64 * 10, 0.0f);
    std::vector<double> dv(64 * 64, 0.0), lv(64, 1.0);
    float* X = x.data();
    double* D = dv.data();
    // Common: sizes, strides, pointers, threads, simd.
    CHECK(bm_squared_norms(X, 10, -1, 10, D, 1, -1) == BM_EINVAL, "m<0");
    CHECK(bm_squared_norms(X, 10, 4, -1, D, 1, -1) == BM_EINVAL, "d<0");
    CHECK(bm_squared_norms(X, 9, 4, 10, D, 1, -1) == BM_EINVAL, "ld<d");
    CHECK(bm_squared_norms(nullptr, 10, 4, 10, D, 1, -1) == BM_EINVAL, "x null");
    CHECK(bm_squared_norms(X, 10, 4, 10, nullptr, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_squared_norms(X, 10, 4, 10, D, 0, -1) == BM_EINVAL, "threads 0");
    CHECK(bm_squared_norms(X, 10, 4, 10, D, -3, -1) == BM_EINVAL, "threads <0");
    CHECK(bm_squared_norms(X, 10, 4, 10, D, 1, -2) == BM_EINVAL, "simd -2");
    CHECK(bm_squared_norms(X, 10, 4, 10, D, 1, 3) == BM_EINVAL, "simd 3");
    CHECK(bm_squared_norms(X, 10, 4, 10, D, 1, top + 1) == BM_EINVAL, "simd above supported");
    CHECK(bm_squared_norms(X, INT64_MAX / 2, 4, 10, D, 1, -1) == BM_EINVAL, "overflowing ld");
    CHECK(bm_squared_norms(nullptr, 0, 0, 0, nullptr, 1, -1) == BM_OK, "m=0 ok");
    CHECK(bm_squared_norms(nullptr, 0, 0, 5, nullptr, 1, -1) == BM_EINVAL, "ld<d even when m=0");
    dv[0] = dv[1] = -1;
    CHECK(bm_squared_norms(nullptr, 0, 2, 0, D, 1, -1) == BM_OK && dv[0] == 0.0 && dv[1] == 0.0, "d=0 -> 0");
    for (int simd = 0; simd <= top; ++simd)
        CHECK(bm_squared_norms(X, 10, 4, 10, D, 1, simd) == BM_OK, "level %d ok", simd);
    CHECK(bm_squared_norms(X, 10, 4, 10, D, 1000, -1) == BM_OK, "many threads ok");
    // clip
    std::vector<double> bad = lv;
    bad[3] = std::numeric_limits<double>::quiet_NaN();
    std::fill(out.begin(), out.end(), 7.0f);
    CHECK(bm_clip(X, 10, out.data(), 10, 4, 10, bad.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "NaN level");
    CHECK(out[0] == 7.0f, "nothing written before validation failed");
    bad[3] = -1e-300;
    CHECK(bm_clip(X, 10, out.data(), 10, 4, 10, bad.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "neg level");
    bad[3] = -std::numeric_limits<double>::infinity();
    CHECK(bm_clip(X, 10, out.data(), 10, 4, 10, bad.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "-inf level");
    CHECK(bm_clip(X, 10, out.data(), 10, 4, 10, nullptr, nullptr, nullptr, 1, -1) == BM_EINVAL, "levels null");
    CHECK(bm_clip(X, 10, X, 12, 4, 10, lv.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "in place, other ld");
    CHECK(bm_clip(X, 10, X + 5, 10, 4, 10, lv.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "overlap");
    CHECK(bm_clip(X, 10, out.data(), 9, 4, 10, lv.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "ld_dst<d");
    CHECK(bm_clip(X, 10, nullptr, 10, 4, 10, lv.data(), nullptr, nullptr, 1, -1) == BM_EINVAL, "dst null");
    CHECK(bm_clip(X, 10, X, 10, 4, 10, lv.data(), nullptr, nullptr, 1, -1) >= 0, "in place ok");
    bad[3] = -0.0;
    CHECK(bm_clip(X, 10, out.data(), 10, 4, 10, bad.data(), nullptr, nullptr, 1, -1) >= 0, "-0.0 level ok");
    // randk
    uint64_t seeds[4] = {1, 2, 3, 4};
    int32_t idx[40];
    CHECK(bm_randk(X, 10, 4, 10, -1, seeds, idx, nullptr, 0, 1, -1) == BM_EINVAL, "k<0");
    CHECK(bm_randk(X, 10, 4, 10, 11, seeds, idx, nullptr, 0, 1, -1) == BM_EINVAL, "k>d");
    CHECK(bm_randk(X, 10, 4, 10, 3, nullptr, idx, nullptr, 0, 1, -1) == BM_EINVAL, "seeds null");
    CHECK(bm_randk(nullptr, 10, 4, 10, 3, seeds, nullptr, out.data(), 0, 1, -1) == BM_EINVAL, "x null, val");
    CHECK(bm_randk(nullptr, 10, 4, 10, 3, seeds, idx, nullptr, 1, 1, -1) == BM_EINVAL, "x null, dense");
    CHECK(bm_randk(nullptr, INT64_C(1) << 31, 1, INT64_C(1) << 31, 3, seeds, idx, nullptr, 0, 1, -1) == BM_EINVAL,
          "d >= 2^31");
    CHECK(bm_randk(X, 10, 4, 10, 3, seeds, idx, nullptr, 0, 1, 5) == BM_EINVAL, "simd 5");
    CHECK(bm_randk(X, 10, 4, 10, 0, nullptr, nullptr, nullptr, 0, 1, -1) == BM_OK, "k=0 needs no seeds");
    // group means
    int32_t index[4] = {0, 1, 2, 3};
    int64_t gs[3] = {0, 2, 4};
    CHECK(bm_group_means(X, 10, 4, 10, index, gs, -1, out.data(), 10, 1, -1) == BM_EINVAL, "groups<0");
    CHECK(bm_group_means(X, 10, 4, 10, index, nullptr, 2, out.data(), 10, 1, -1) == BM_EINVAL, "starts null");
    CHECK(bm_group_means(X, 10, 4, 10, nullptr, gs, 2, out.data(), 10, 1, -1) == BM_EINVAL, "index null");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs, 2, nullptr, 10, 1, -1) == BM_EINVAL, "out null");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs, 2, out.data(), 9, 1, -1) == BM_EINVAL, "ld_out<d");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs, 2, X + 20, 10, 1, -1) == BM_EINVAL, "out overlaps x");
    int64_t gs_neg[3] = {-1, 2, 4}, gs_empty[3] = {0, 0, 4}, gs_down[3] = {0, 3, 2};
    CHECK(bm_group_means(X, 10, 4, 10, index, gs_neg, 2, out.data(), 10, 1, -1) == BM_EINVAL, "start<0");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs_empty, 2, out.data(), 10, 1, -1) == BM_EINVAL, "empty");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs_down, 2, out.data(), 10, 1, -1) == BM_EINVAL, "decreasing");
    int32_t index_bad[4] = {0, 1, 4, 3}, index_neg[4] = {0, -1, 2, 3};
    CHECK(bm_group_means(X, 10, 4, 10, index_bad, gs, 2, out.data(), 10, 1, -1) == BM_EINVAL, "index >= m");
    CHECK(bm_group_means(X, 10, 4, 10, index_neg, gs, 2, out.data(), 10, 1, -1) == BM_EINVAL, "index < 0");
    CHECK(bm_group_means(X, 10, 0, 10, index, gs, 2, out.data(), 10, 1, -1) == BM_EINVAL, "m=0 with groups");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs, 0, nullptr, 10, 1, -1) == BM_OK, "no groups ok");
    CHECK(bm_group_means(X, 10, 4, 10, index, gs, 2, out.data(), 10, 0, -1) == BM_EINVAL, "threads 0");
    // median / trimmed mean
    CHECK(bm_coordinate_median(X, 10, 4, 10, nullptr, 1, -1) == BM_EINVAL, "median out null");
    CHECK(bm_coordinate_median(nullptr, 10, 4, 10, out.data(), 1, -1) == BM_EINVAL, "median x null");
    CHECK(bm_coordinate_median(X, 10, 4, 10, X + 3, 1, -1) == BM_EINVAL, "median out overlaps");
    CHECK(bm_coordinate_median(X, 10, 4, 10, out.data(), 1, 3) == BM_EINVAL, "median simd");
    CHECK(bm_coordinate_median(nullptr, 10, 0, 10, nullptr, 1, -1) == BM_OK, "median m=0");
    CHECK(bm_trimmed_mean(X, 10, 4, 10, -1, out.data(), 1, -1) == BM_EINVAL, "t<0");
    CHECK(bm_trimmed_mean(X, 10, 4, 10, 2, out.data(), 1, -1) == BM_EINVAL, "2t == m");
    CHECK(bm_trimmed_mean(X, 10, 5, 10, 3, out.data(), 1, -1) == BM_EINVAL, "2t > m");
    CHECK(bm_trimmed_mean(X, 10, 5, 10, INT64_MAX, out.data(), 1, -1) == BM_EINVAL, "huge t");
    CHECK(bm_trimmed_mean(X, 10, 5, 10, 2, out.data(), 1, -1) == BM_OK, "2t = m-1 ok");
    // pairwise
    CHECK(bm_pairwise_sq_dists(X, 10, 4, 10, nullptr, 1, -1) == BM_EINVAL, "pairwise out null");
    CHECK(bm_pairwise_sq_dists(X, 10, 4, 10, D, 1, -2) == BM_EINVAL, "pairwise simd");
    // rfa
    CHECK(bm_rfa(X, 10, 4, 10, 8, 0.0, out.data(), 1, -1) == BM_EINVAL, "nu 0");
    CHECK(bm_rfa(X, 10, 4, 10, 8, -0.1, out.data(), 1, -1) == BM_EINVAL, "nu<0");
    CHECK(bm_rfa(X, 10, 4, 10, 8, std::numeric_limits<double>::quiet_NaN(), out.data(), 1, -1) == BM_EINVAL,
          "nu NaN");
    CHECK(bm_rfa(X, 10, 4, 10, 8, std::numeric_limits<double>::infinity(), out.data(), 1, -1) == BM_EINVAL,
          "nu inf");
    CHECK(bm_rfa(X, 10, 4, 10, -1, 0.1, out.data(), 1, -1) == BM_EINVAL, "iterations<0");
    CHECK(bm_rfa(X, 10, 4, 10, 8, 0.1, nullptr, 1, -1) == BM_EINVAL, "rfa out null");
    CHECK(bm_rfa(X, 10, 4, 10, 8, 0.1, out.data(), 0, -1) == BM_EINVAL, "rfa threads 0");
}

// Several caller threads use the engine at once (each asking for 2 threads): results must still
// equal the reference (the pool serves one caller; the others run alone).
void suite_threads() {
    const int64_t m = 64, d = 3001;
    Rng r(4242);
    TestBatch b(m, d, d, 0);
    b.fill(r, kRandom);
    std::vector<float> want_med(d), want_tm(d);
    for (int64_t j = 0; j < d; ++j) {
        want_med[j] = ref::median(b.x, b.ld, m, j);
        want_tm[j] = ref::trimmed_mean(b.x, b.ld, m, 6, j);
    }
    std::vector<float> want_rfa = ref::rfa(b.x, b.ld, m, d, 4, 0.1);
    std::vector<double> want_n2(m);
    for (int64_t i = 0; i < m; ++i) want_n2[i] = ref::sq_norm(b.x + i * d, d);
    // The kernels for MeaMed, CClip and FLTrust too.
    std::vector<float> want_mm(d);
    for (int64_t j = 0; j < d; ++j) want_mm[j] = ref::meamed(b.x, d, nullptr, m, 40, j);
    std::vector<double> center(d, 0.125), want_dot(m);
    const std::vector<float> want_cc = ref::cclip(b.x, d, m, d, center.data(), 1.0, 2);
    for (int64_t i = 0; i < m; ++i) want_dot[i] = ref::row_reduce(b.x + i * d, center.data(), d, 0);
    std::vector<int> ok(6, 1);
    std::vector<std::thread> callers;
    for (int c = 0; c < 6; ++c)
        callers.emplace_back([&, c] {
            for (int rep = 0; rep < 15; ++rep) {
                const int th = 1 + (c + rep) % 3;
                std::vector<float> o(d);
                std::vector<double> n2(m);
                switch ((c + rep) % 7) {
                    case 4:
                        ok[c] &= bm_mean_around_median(b.x, d, m, d, nullptr, m, 40, o.data(), th, -1) == BM_OK &&
                                 same_bits(o.data(), want_mm.data(), d * 4);
                        break;
                    case 5:
                        ok[c] &= bm_centered_clip(b.x, d, m, d, center.data(), 1.0, 2, o.data(), th, -1) == BM_OK &&
                                 same_bits(o.data(), want_cc.data(), d * 4);
                        break;
                    case 6:
                        ok[c] &= bm_dot_products(b.x, d, m, d, center.data(), n2.data(), th, -1) == BM_OK &&
                                 same_bits(n2.data(), want_dot.data(), m * 8);
                        break;
                    case 0:
                        ok[c] &= bm_coordinate_median(b.x, d, m, d, o.data(), th, -1) == BM_OK &&
                                 same_bits(o.data(), want_med.data(), d * 4);
                        break;
                    case 1:
                        ok[c] &= bm_trimmed_mean(b.x, d, m, d, 6, o.data(), th, -1) == BM_OK &&
                                 same_bits(o.data(), want_tm.data(), d * 4);
                        break;
                    case 2:
                        ok[c] &= bm_rfa(b.x, d, m, d, 4, 0.1, o.data(), th, -1) == BM_OK &&
                                 same_bits(o.data(), want_rfa.data(), d * 4);
                        break;
                    case 3:
                        ok[c] &= bm_squared_norms(b.x, d, m, d, n2.data(), th, -1) == BM_OK &&
                                 same_bits(n2.data(), want_n2.data(), m * 8);
                }
            }
        });
    for (auto& t : callers) t.join();
    for (int c = 0; c < 6; ++c) CHECK(ok[c], "caller %d got a wrong result", c);
    // Absurd thread counts are capped, not refused.
    std::vector<float> o(d);
    CHECK(bm_rfa(b.x, d, m, d, 4, 0.1, o.data(), 100000, -1) == BM_OK &&
              same_bits(o.data(), want_rfa.data(), d * 4), "threads=100000 rfa");
    CHECK(bm_coordinate_median(b.x, d, m, d, o.data(), 64, -1) == BM_OK &&
              same_bits(o.data(), want_med.data(), d * 4), "threads=64 median");
}
