// bm_squared_norms and bm_clip against the scalar reference, bit for bit.
#include <limits>

#include "test_ref.h"
#include "test_util.h"

namespace {

const int64_t kRows[] = {1, 2, 3, 5, 8, 17, 33};

// Puts NaN / +Inf / -Inf into some rows (row r gets kind r % 4: none, NaN, +Inf, -Inf).
void poison(TestBatch& b, Rng& r) {
    for (int64_t i = 0; i < b.m; ++i) {
        if (b.d == 0 || i % 4 == 0) continue;
        const float v = i % 4 == 1 ? std::numeric_limits<float>::quiet_NaN()
                                   : (i % 4 == 2 ? std::numeric_limits<float>::infinity()
                                                 : -std::numeric_limits<float>::infinity());
        b.at(i, r.below(b.d)) = v;
    }
}

}  // namespace

void suite_norms() {
    int cs = 0;
    for (int64_t m : kRows)
        for (int64_t d : kDims) {
            for (int nonfinite = 0; nonfinite < 2; ++nonfinite, ++cs) {
                Rng r(1000 + cs);
                TestBatch b(m, d, d + (cs % 3 == 0 ? 0 : 3), cs % 2);
                b.fill(r, cs % kPatterns);
                if (nonfinite) poison(b, r);
                std::vector<double> want(m);
                for (int64_t i = 0; i < m; ++i) want[i] = ref::sq_norm(b.x + i * b.ld, d);
                for (int simd : simd_levels())
                    for (int th : kThreadCounts) {
                        std::vector<double> got(m + 1, -7.0);
                        int rc = bm_squared_norms(b.x, b.ld, m, d, got.data(), th, simd);
                        CHECK(rc == BM_OK, "rc %d", rc);
                        CHECK(got[m] == -7.0, "wrote past out (m=%lld)", (long long)m);
                        for (int64_t i = 0; i < m; ++i) {
                            if (std::isnan(want[i])) {
                                CHECK(std::isnan(got[i]), "row %lld want NaN m=%lld d=%lld",
                                      (long long)i, (long long)m, (long long)d);
                            } else {
                                CHECK(bits_of(got[i]) == bits_of(want[i]),
                                      "norm row %lld: %.17g vs %.17g (m=%lld d=%lld simd=%d th=%d %s)",
                                      (long long)i, got[i], want[i], (long long)m, (long long)d, simd,
                                      th, pattern_name(cs % kPatterns));
                            }
                        }
                    }
                CHECK(b.padding_intact(), "input padding changed");
            }
        }
}

void suite_clip() {
    int cs = 0;
    for (int64_t m : kRows)
        for (int64_t d : kDims)
            for (int variant = 0; variant < 4; ++variant, ++cs) {
                // variant: bit 0 = in place, bit 1 = non-finite rows present
                const bool in_place = variant & 1;
                Rng r(5000 + cs);
                const int pattern = cs % kPatterns;
                TestBatch src(m, d, d + (cs % 3 == 1 ? 0 : 2), cs % 2);
                src.fill(r, pattern);
                if (variant & 2) poison(src, r);
                // Levels: +Inf, 0, exactly the norm, a fraction of it, twice it, tiny.
                std::vector<double> levels(m);
                for (int64_t i = 0; i < m; ++i) {
                    const double n = std::sqrt(ref::sq_norm(src.x + i * src.ld, d));
                    switch ((i + cs) % 6) {
                        case 0: levels[i] = std::numeric_limits<double>::infinity(); break;
                        case 1: levels[i] = 0.0; break;
                        case 2: levels[i] = std::isfinite(n) ? n : 1.0; break;
                        case 3: levels[i] = std::isfinite(n) ? n * 0.37 : 1.0; break;
                        case 4: levels[i] = std::isfinite(n) ? n * 2.0 : 1.0; break;
                        default: levels[i] = 1e-30; break;
                    }
                }
                // Reference.
                std::vector<float> want(m * (d + 1));
                std::vector<double> want_n2(m);
                std::vector<int8_t> want_flag(m);
                int64_t want_count = 0;
                for (int64_t i = 0; i < m; ++i) {
                    want_flag[i] = static_cast<int8_t>(
                        ref::clip_row(src.x + i * src.ld, want.data() + i * d, d, levels[i], &want_n2[i]));
                    want_count += want_flag[i] == 1;
                }
                for (int simd : simd_levels())
                    for (int th : kThreadCounts) {
                        TestBatch in(m, d, src.ld, cs % 2);
                        in.buf = src.buf;  // same layout and contents
                        in.x = in.buf.data() + (src.x - src.buf.data());
                        TestBatch out(m, d, d + (cs % 2 ? 5 : 0), (cs + 1) % 2);
                        TestBatch& dst = in_place ? in : out;
                        std::vector<double> n2(m + 1, -7.0);
                        std::vector<int8_t> fl(m + 1, 9);
                        const bool with_outputs = (cs + th) % 3 != 0;
                        int64_t got = bm_clip(in.x, in.ld, dst.x, dst.ld, m, d, levels.data(),
                                              with_outputs ? n2.data() : nullptr,
                                              with_outputs ? fl.data() : nullptr, th, simd);
                        CHECK(got == want_count, "count %lld vs %lld", (long long)got,
                              (long long)want_count);
                        for (int64_t i = 0; i < m; ++i) {
                            CHECK(same_bits(dst.x + i * dst.ld, want.data() + i * d, d * sizeof(float)),
                                  "row %lld differs (m=%lld d=%lld simd=%d th=%d in_place=%d %s flag=%d)",
                                  (long long)i, (long long)m, (long long)d, simd, th, (int)in_place,
                                  pattern_name(pattern), want_flag[i]);
                            if (with_outputs) {
                                CHECK(bits_of(n2[i]) == bits_of(want_n2[i]), "n2 row %lld", (long long)i);
                                CHECK(fl[i] == want_flag[i], "flag row %lld: %d vs %d", (long long)i,
                                      fl[i], want_flag[i]);
                            }
                        }
                        CHECK(n2[m] == -7.0 && fl[m] == 9, "wrote past sq_norms/flags");
                        CHECK(dst.padding_intact(), "dst padding written");
                        if (!in_place) {
                            CHECK(same_bits(in.buf.data(), src.buf.data(), src.buf.size() * 4),
                                  "source modified");
                        }
                    }
            }
    // Large out-of-place outputs take the non-temporal-store path (misaligned, own stride).
    {
        const int64_t m = 3, d = (int64_t{4} << 20) / 3 + 1001;
        Rng r(31);
        TestBatch src(m, d, d + 3, 1);
        src.fill(r, kRandom);
        std::vector<double> levels = {0.5, std::numeric_limits<double>::infinity(), 0.0};
        std::vector<float> want(m * d);
        std::vector<double> n2w(m);
        for (int64_t i = 0; i < m; ++i) ref::clip_row(src.x + i * src.ld, want.data() + i * d, d, levels[i], &n2w[i]);
        for (int simd : simd_levels())
            for (int th : kThreadCounts) {
                TestBatch out(m, d, d + 1, 1);
                std::vector<double> n2(m);
                CHECK(bm_clip(src.x, src.ld, out.x, out.ld, m, d, levels.data(), n2.data(), nullptr, th, simd) == 2,
                      "big clip count");
                for (int64_t i = 0; i < m; ++i)
                    CHECK(same_bits(out.x + i * out.ld, want.data() + i * d, d * 4) && n2[i] == n2w[i],
                          "big clip row %lld simd=%d th=%d", (long long)i, simd, th);
                CHECK(out.padding_intact(), "big clip padding");
            }
    }
}
