// Thin per-target SIMD layer for simd_kernels.cpp (compiled once per target, see CMakeLists.txt).
//
//   VF: FL floats (network wires),  VD: DL doubles (csum lanes and double accumulators).
//   BM_TARGET_LEVEL 2: AVX-512 (zmm), 1: AVX2 (ymm), 0: SSE2 (xmm, the x86-64 baseline).
// Only always-inline intrinsics are used, so no out-of-line code from headers is shared between
// the targets (an AVX-512 copy of a COMDAT function could otherwise be picked for the portable path).
#ifndef BYZMARINA_SIMD_OPS_H
#define BYZMARINA_SIMD_OPS_H

#include <immintrin.h>

#define BM_INLINE static inline __attribute__((always_inline))
#define BM_MEMBER_INLINE inline __attribute__((always_inline))

#if BM_TARGET_LEVEL == 2
#if !defined(__AVX512F__) || !defined(__AVX512BW__) || !defined(__AVX512DQ__) || !defined(__AVX512VL__)
#error "the AVX-512 target must be compiled with -march=x86-64-v4"
#endif
typedef __m512 VF;
typedef __m512d VD;
enum { FL = 16, DL = 8, RW = 16, KB = 4, RB = 4 };
BM_INLINE VF vf_load(const float* p) { return _mm512_loadu_ps(p); }
BM_INLINE VF vf_load_a(const float* p) { return _mm512_load_ps(p); }
BM_INLINE void vf_store(float* p, VF v) { _mm512_storeu_ps(p, v); }
BM_INLINE void vf_store_a(float* p, VF v) { _mm512_store_ps(p, v); }
BM_INLINE VF vf_set1(float x) { return _mm512_set1_ps(x); }
BM_INLINE VF vf_min(VF a, VF b) { return _mm512_min_ps(a, b); }
BM_INLINE VF vf_max(VF a, VF b) { return _mm512_max_ps(a, b); }
BM_INLINE VF vf_canon(VF a) { return _mm512_add_ps(a, _mm512_setzero_ps()); }
BM_INLINE VF vf_add(VF a, VF b) { return _mm512_add_ps(a, b); }
BM_INLINE VF vf_mul(VF a, VF b) { return _mm512_mul_ps(a, b); }
BM_INLINE VF vf_abs(VF a) { return _mm512_abs_ps(a); }
BM_INLINE bool vf_all_lt(VF a, VF b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ) == 0xFFFF; }
BM_INLINE VD vd_zero() { return _mm512_setzero_pd(); }
BM_INLINE VD vd_set1(double x) { return _mm512_set1_pd(x); }
BM_INLINE VD vd_load(const double* p) { return _mm512_loadu_pd(p); }
BM_INLINE void vd_store(double* p, VD v) { _mm512_storeu_pd(p, v); }
BM_INLINE VD vd_add(VD a, VD b) { return _mm512_add_pd(a, b); }
BM_INLINE VD vd_sub(VD a, VD b) { return _mm512_sub_pd(a, b); }
BM_INLINE VD vd_mul(VD a, VD b) { return _mm512_mul_pd(a, b); }
BM_INLINE VD vd_div(VD a, VD b) { return _mm512_div_pd(a, b); }
BM_INLINE VD vd_cvt(const float* p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
BM_INLINE void vd_store_f(float* p, VD v) { _mm256_storeu_ps(p, _mm512_cvtpd_ps(v)); }
BM_INLINE void vd_store_f_canon(float* p, VD v) {
    _mm256_storeu_ps(p, _mm256_add_ps(_mm512_cvtpd_ps(v), _mm256_setzero_ps()));
}
// cnt + (a > b ? 1.0 : 0.0), and (lo <= s < hi ? v : +0.0), lane by lane (MeaMed's window).
BM_INLINE VD vd_count_gt(VD cnt, VD a, VD b) {
    return _mm512_mask_add_pd(cnt, _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ), cnt, _mm512_set1_pd(1.0));
}
BM_INLINE VD vd_keep_in(VD v, VD s, VD lo, VD hi) {
    return _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(lo, s, _CMP_LE_OQ) & _mm512_cmp_pd_mask(s, hi, _CMP_LT_OQ), v);
}
// Non-temporal stores (p aligned to FL floats).
BM_INLINE void vf_stream(float* p, VF v) { _mm512_stream_ps(p, v); }
BM_INLINE void vd_stream_f2(float* p, VD a, VD b) {
    _mm512_stream_ps(p, _mm512_insertf32x8(_mm512_castps256_ps512(_mm512_cvtpd_ps(a)), _mm512_cvtpd_ps(b), 1));
}

#elif BM_TARGET_LEVEL == 1
#if !defined(__AVX2__)
#error "the AVX2 target must be compiled with -march=x86-64-v3"
#endif
typedef __m256 VF;
typedef __m256d VD;
enum { FL = 8, DL = 4, RW = 8, KB = 2, RB = 2 };
BM_INLINE VF vf_load(const float* p) { return _mm256_loadu_ps(p); }
BM_INLINE VF vf_load_a(const float* p) { return _mm256_load_ps(p); }
BM_INLINE void vf_store(float* p, VF v) { _mm256_storeu_ps(p, v); }
BM_INLINE void vf_store_a(float* p, VF v) { _mm256_store_ps(p, v); }
BM_INLINE VF vf_set1(float x) { return _mm256_set1_ps(x); }
BM_INLINE VF vf_min(VF a, VF b) { return _mm256_min_ps(a, b); }
BM_INLINE VF vf_max(VF a, VF b) { return _mm256_max_ps(a, b); }
BM_INLINE VF vf_canon(VF a) { return _mm256_add_ps(a, _mm256_setzero_ps()); }
BM_INLINE VF vf_add(VF a, VF b) { return _mm256_add_ps(a, b); }
BM_INLINE VF vf_mul(VF a, VF b) { return _mm256_mul_ps(a, b); }
BM_INLINE VF vf_abs(VF a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
BM_INLINE bool vf_all_lt(VF a, VF b) { return _mm256_movemask_ps(_mm256_cmp_ps(a, b, _CMP_LT_OQ)) == 0xFF; }
BM_INLINE VD vd_zero() { return _mm256_setzero_pd(); }
BM_INLINE VD vd_set1(double x) { return _mm256_set1_pd(x); }
BM_INLINE VD vd_load(const double* p) { return _mm256_loadu_pd(p); }
BM_INLINE void vd_store(double* p, VD v) { _mm256_storeu_pd(p, v); }
BM_INLINE VD vd_add(VD a, VD b) { return _mm256_add_pd(a, b); }
BM_INLINE VD vd_sub(VD a, VD b) { return _mm256_sub_pd(a, b); }
BM_INLINE VD vd_mul(VD a, VD b) { return _mm256_mul_pd(a, b); }
BM_INLINE VD vd_div(VD a, VD b) { return _mm256_div_pd(a, b); }
BM_INLINE VD vd_cvt(const float* p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
BM_INLINE void vd_store_f(float* p, VD v) { _mm_storeu_ps(p, _mm256_cvtpd_ps(v)); }
BM_INLINE void vd_store_f_canon(float* p, VD v) {
    _mm_storeu_ps(p, _mm_add_ps(_mm256_cvtpd_ps(v), _mm_setzero_ps()));
}
BM_INLINE VD vd_count_gt(VD cnt, VD a, VD b) {
    return _mm256_add_pd(cnt, _mm256_and_pd(_mm256_cmp_pd(a, b, _CMP_GT_OQ), _mm256_set1_pd(1.0)));
}
BM_INLINE VD vd_keep_in(VD v, VD s, VD lo, VD hi) {
    return _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(lo, s, _CMP_LE_OQ), _mm256_cmp_pd(s, hi, _CMP_LT_OQ)), v);
}
BM_INLINE void vf_stream(float* p, VF v) { _mm256_stream_ps(p, v); }
BM_INLINE void vd_stream_f2(float* p, VD a, VD b) {
    _mm256_stream_ps(p, _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(a)), _mm256_cvtpd_ps(b), 1));
}

#else
typedef __m128 VF;
typedef __m128d VD;
enum { FL = 4, DL = 2, RW = 8, KB = 1, RB = 1 };
BM_INLINE VF vf_load(const float* p) { return _mm_loadu_ps(p); }
BM_INLINE VF vf_load_a(const float* p) { return _mm_load_ps(p); }
BM_INLINE void vf_store(float* p, VF v) { _mm_storeu_ps(p, v); }
BM_INLINE void vf_store_a(float* p, VF v) { _mm_store_ps(p, v); }
BM_INLINE VF vf_set1(float x) { return _mm_set1_ps(x); }
BM_INLINE VF vf_min(VF a, VF b) { return _mm_min_ps(a, b); }
BM_INLINE VF vf_max(VF a, VF b) { return _mm_max_ps(a, b); }
BM_INLINE VF vf_canon(VF a) { return _mm_add_ps(a, _mm_setzero_ps()); }
BM_INLINE VF vf_add(VF a, VF b) { return _mm_add_ps(a, b); }
BM_INLINE VF vf_mul(VF a, VF b) { return _mm_mul_ps(a, b); }
BM_INLINE VF vf_abs(VF a) { return _mm_andnot_ps(_mm_set1_ps(-0.0f), a); }
BM_INLINE bool vf_all_lt(VF a, VF b) { return _mm_movemask_ps(_mm_cmplt_ps(a, b)) == 0xF; }
BM_INLINE VD vd_zero() { return _mm_setzero_pd(); }
BM_INLINE VD vd_set1(double x) { return _mm_set1_pd(x); }
BM_INLINE VD vd_load(const double* p) { return _mm_loadu_pd(p); }
BM_INLINE void vd_store(double* p, VD v) { _mm_storeu_pd(p, v); }
BM_INLINE VD vd_add(VD a, VD b) { return _mm_add_pd(a, b); }
BM_INLINE VD vd_sub(VD a, VD b) { return _mm_sub_pd(a, b); }
BM_INLINE VD vd_mul(VD a, VD b) { return _mm_mul_pd(a, b); }
BM_INLINE VD vd_div(VD a, VD b) { return _mm_div_pd(a, b); }
BM_INLINE VD vd_cvt(const float* p) {
    return _mm_cvtps_pd(_mm_castsi128_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
}
BM_INLINE void vd_store_f(float* p, VD v) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(p), _mm_castps_si128(_mm_cvtpd_ps(v)));
}
BM_INLINE void vd_store_f_canon(float* p, VD v) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(p),
                     _mm_castps_si128(_mm_add_ps(_mm_cvtpd_ps(v), _mm_setzero_ps())));
}
BM_INLINE VD vd_count_gt(VD cnt, VD a, VD b) {
    return _mm_add_pd(cnt, _mm_and_pd(_mm_cmpgt_pd(a, b), _mm_set1_pd(1.0)));
}
BM_INLINE VD vd_keep_in(VD v, VD s, VD lo, VD hi) {
    return _mm_and_pd(_mm_and_pd(_mm_cmple_pd(lo, s), _mm_cmplt_pd(s, hi)), v);
}
BM_INLINE void vf_stream(float* p, VF v) { _mm_stream_ps(p, v); }
BM_INLINE void vd_stream_f2(float* p, VD a, VD b) {
    _mm_stream_ps(p, _mm_movelh_ps(_mm_cvtpd_ps(a), _mm_cvtpd_ps(b)));
}
#endif

enum { NACC = 16 / DL };  // vectors holding the 16 csum lanes: lane q*DL + l is lane l of acc q

// Sorting-network comparator: lo = min(a, b) = a < b ? a : b, hi = max(b, a) = b > a ? b : a.
// Both use the same comparison, so {lo, hi} is always a permutation of {a, b} (even for NaN or
// -0.0/+0.0), as with any sort.
BM_INLINE void cmpx(VF& a, VF& b) {
    VF lo = vf_min(a, b);
    VF hi = vf_max(b, a);
    a = lo;
    b = hi;
}

#endif  // BYZMARINA_SIMD_OPS_H
