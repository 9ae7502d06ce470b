// Test driver: `bm_tests SUITE` runs one suite (ctest registers each), no argument runs all.
#include <chrono>
#include <cstdlib>

#include "test_util.h"

int64_t g_checks = 0;
int64_t g_failures = 0;

const int kThreadCounts[3] = {1, 2, 3};
const std::vector<int64_t> kDims = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4097};

const char* pattern_name(int p) {
    static const char* names[] = {"ints", "random", "huge", "zeros-ties", "mixed"};
    return p >= 0 && p < kPatterns ? names[p] : "?";
}

float draw(Rng& r, int pattern) {
    switch (pattern) {
        case kInts: return static_cast<float>(r.below(41) - 20);
        case kRandom: {
            double mag = std::ldexp(1.0, static_cast<int>(r.below(40)) - 20);
            return static_cast<float>((r.uniform() * 2.0 - 1.0) * mag);
        }
        case kHuge: {
            static const float v[] = {1e38f, -1e38f, 3.4e38f, -3.4e38f, 1.5e38f, 0.0f, 1.0f};
            return v[r.below(7)];
        }
        case kZerosTies: {
            static const float v[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 0.0f, -0.0f};
            return v[r.below(7)];
        }
        default: return draw(r, static_cast<int>(r.below(kMixed)));
    }
}

float sentinel() {
    const uint32_t b = 0x7FC0DEADu;
    float f;
    std::memcpy(&f, &b, 4);
    return f;
}

TestBatch::TestBatch(int64_t m_, int64_t d_, int64_t ld_, int64_t offset) : m(m_), d(d_), ld(ld_) {
    const int64_t n = m * ld + 2 * kGuard + 32;
    buf.assign(static_cast<size_t>(n), sentinel());
    float* base = buf.data() + kGuard;
    base += (16 - (reinterpret_cast<uintptr_t>(base) / 4) % 16) % 16;  // 64-byte aligned
    x = base + offset;
}

void TestBatch::fill(Rng& r, int pattern) {
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < d; ++j) at(i, j) = draw(r, pattern);
}

bool TestBatch::padding_intact() const {
    const uint32_t s = bits_of(sentinel());
    const float* end = x + m * ld;
    for (const float* p = buf.data(); p < buf.data() + buf.size(); ++p) {
        const bool data = p >= x && p < end && ((p - x) % ld) < d;
        if (!data && bits_of(*p) != s) return false;
    }
    return true;
}

std::vector<int> simd_levels() {
    std::vector<int> v = {BM_SIMD_BEST};
    for (int l = 0; l <= bm_simd_supported(); ++l) v.push_back(l);
    return v;
}

void suite_version() {
    CHECK(bm_version() == 100, "version %d", bm_version());
    const int s = bm_simd_supported();
    CHECK(s >= 0 && s <= 2, "supported %d", s);
    CHECK(std::strcmp(bm_simd_name(0), "portable") == 0, "name 0");
    CHECK(std::strcmp(bm_simd_name(1), "avx2") == 0, "name 1");
    CHECK(std::strcmp(bm_simd_name(2), "avx512") == 0, "name 2");
    CHECK(std::strcmp(bm_simd_name(3), "unknown") == 0, "name 3");
    CHECK(std::strcmp(bm_simd_name(-1), "unknown") == 0, "name -1");
    std::printf("SIMD level supported here: %d (%s)\n", s, bm_simd_name(s));
}

namespace {
struct Suite {
    const char* name;
    void (*fn)();
};
const Suite kSuites[] = {
    {"version", suite_version},       {"norms", suite_norms},
    {"clip", suite_clip},             {"randk", suite_randk},
    {"group_means", suite_group_means}, {"median", suite_median},
    {"trimmed_mean", suite_trimmed_mean}, {"bucketed_median", suite_bucketed_median},
    {"pairwise", suite_pairwise},
    {"rfa", suite_rfa},               {"validation", suite_validation},
    {"meamed", suite_meamed},         {"cclip", suite_cclip},
    {"row_dots", suite_row_dots},     {"weighted_sum", suite_weighted_sum},
    {"floors", suite_floors},
    {"threads", suite_threads},       {"sha256", suite_sha256},
    {"logistic", suite_logistic},
    {"libsvm", suite_libsvm},
};
}  // namespace

int main(int argc, char** argv) {
    // Exercise the threaded paths on small inputs too (the library reads this once).
    setenv("BYZMARINA_MIN_PARALLEL_WORK", "256", 0);
    int ran = 0;
    for (const Suite& s : kSuites) {
        if (argc > 1 && std::strcmp(argv[1], s.name) != 0) continue;
        const int64_t f0 = g_failures, c0 = g_checks;
        auto t0 = std::chrono::steady_clock::now();
        s.fn();
        double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%-13s %s: %lld checks, %lld failed (%.2f s)\n", s.name,
                    g_failures == f0 ? "ok" : "FAILED", static_cast<long long>(g_checks - c0),
                    static_cast<long long>(g_failures - f0), sec);
        ++ran;
    }
    if (ran == 0) {
        std::fprintf(stderr, "unknown suite %s\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    return g_failures == 0 ? 0 : 1;
}
