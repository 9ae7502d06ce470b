// Tiny test harness shared by the byzmarina C++ tests (no framework: CHECK counts and reports).
#ifndef BYZMARINA_TEST_UTIL_H
#define BYZMARINA_TEST_UTIL_H

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "byzmarina/kernels.h"

extern int64_t g_checks;
extern int64_t g_failures;

#define CHECK(cond, ...)                                                          \
    do {                                                                          \
        ++g_checks;                                                               \
        if (!(cond)) {                                                            \
            if (++g_failures <= 25) {                                             \
                std::fprintf(stderr, "FAIL %s:%d: %s | ", __FILE__, __LINE__, #cond); \
                std::fprintf(stderr, __VA_ARGS__);                                \
                std::fputc('\n', stderr);                                         \
            }                                                                     \
        }                                                                         \
    } while (0)

// Deterministic test data (xorshift64*).
struct Rng {
    uint64_t s;
    explicit Rng(uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ULL + 1) {}
    uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 0x2545F4914F6CDD1DULL;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
};

// Data patterns: small integers (sums exact in any order), random floats of mixed magnitude,
// huge values (+-1e38), many signed zeros and ties, and a mix of all of these.
enum Pattern { kInts = 0, kRandom, kHuge, kZerosTies, kMixed, kPatterns };
const char* pattern_name(int p);
float draw(Rng& r, int pattern);

// A batch of m rows of d floats with row stride ld, starting `offset` floats after a 64-byte
// aligned address (offset 1 = misaligned). Padding and guard zones hold a sentinel NaN, so a
// kernel that reads them as data or writes them is caught.
struct TestBatch {
    std::vector<float> buf;
    float* x = nullptr;
    int64_t m = 0, d = 0, ld = 0;
    static constexpr int64_t kGuard = 32;
    TestBatch(int64_t m, int64_t d, int64_t ld, int64_t offset);
    float& at(int64_t i, int64_t j) { return x[i * ld + j]; }
    void fill(Rng& r, int pattern);
    bool padding_intact() const;  // sentinels in padding and guards unchanged
};
float sentinel();

// SIMD levels to test: BM_SIMD_BEST and every level this CPU supports.
std::vector<int> simd_levels();
extern const int kThreadCounts[3];
extern const std::vector<int64_t> kDims;

inline bool same_bits(const void* a, const void* b, size_t bytes) {
    return bytes == 0 || std::memcmp(a, b, bytes) == 0;
}
inline uint32_t bits_of(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}
inline uint64_t bits_of(double f) {
    uint64_t u;
    std::memcpy(&u, &f, 8);
    return u;
}

// Suites (one per ctest test).
void suite_version();
void suite_norms();
void suite_clip();
void suite_randk();
void suite_group_means();
void suite_median();
void suite_trimmed_mean();
void suite_bucketed_median();
void suite_pairwise();
void suite_rfa();
void suite_validation();
void suite_meamed();
void suite_cclip();
void suite_row_dots();
void suite_weighted_sum();
void suite_floors();
void suite_threads();
void suite_sha256();
void suite_logistic();
void suite_libsvm();

#endif
