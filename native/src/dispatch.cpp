// SIMD level detection and per-call dispatch (kernels.h: bm_simd_supported, bm_simd_name).
#include "internal.h"

namespace bm {
namespace {

int detect_level() {
    __builtin_cpu_init();
    // Level 2 runs code built with -march=x86-64-v4, level 1 with -march=x86-64-v3; require the
    // features those ISAs add that the compiler may use (libgcc also checks the OS saves the state).
    const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                    __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
                    __builtin_cpu_supports("f16c") && __builtin_cpu_supports("movbe") &&
                    __builtin_cpu_supports("lzcnt");
    if (!v3) return BM_SIMD_PORTABLE;
    const bool v4 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                    __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
                    __builtin_cpu_supports("avx512cd");
    return v4 ? BM_SIMD_AVX512 : BM_SIMD_AVX2;
}

int supported() {
    static const int level = detect_level();
    return level;
}

}  // namespace

const SimdOps* select_ops(int simd) {
    const int best = supported();
    if (simd == BM_SIMD_BEST) simd = best;
    if (simd < BM_SIMD_PORTABLE || simd > best) return nullptr;
    switch (simd) {
        case BM_SIMD_AVX512: return avx512::ops();
        case BM_SIMD_AVX2: return avx2::ops();
        default: return portable::ops();
    }
}

}  // namespace bm

BM_EXPORT int bm_simd_supported(void) { return bm::supported(); }

BM_EXPORT const char* bm_simd_name(int level) {
    switch (level) {
        case BM_SIMD_PORTABLE: return "portable";
        case BM_SIMD_AVX2: return "avx2";
        case BM_SIMD_AVX512: return "avx512";
        default: return "unknown";
    }
}

BM_EXPORT int bm_version(void) { return 100; }
