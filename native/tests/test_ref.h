// Plain scalar reference of kernels.h, written straight from its formulas (one element at a time,
// the canonical order, no SIMD, no threads). The engine must match it bit for bit.
#ifndef BYZMARINA_TEST_REF_H
#define BYZMARINA_TEST_REF_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace ref {

// csum: s[j % 16] += t_j, then fold halves w = 8, 4, 2, 1.
struct Csum {
    double s[16] = {0};
    int64_t j = 0;
    void add(double t) {
        s[j % 16] += t;
        ++j;
    }
    double result() {
        for (int w = 8; w >= 1; w /= 2)
            for (int l = 0; l < w; ++l) s[l] = s[l] + s[l + w];
        return s[0];
    }
};

inline double sq_norm(const float* x, int64_t d) {
    Csum c;
    for (int64_t j = 0; j < d; ++j) c.add(static_cast<double>(x[j]) * static_cast<double>(x[j]));
    return c.result();
}

// bm_clip on one row; dst has d floats. Returns the flag.
inline int clip_row(const float* src, float* dst, int64_t d, double level, double* n2out) {
    double n2 = sq_norm(src, d);
    if (!std::isfinite(n2)) {
        for (int64_t j = 0; j < d; ++j) dst[j] = 0.0f;
        *n2out = 0.0;
        return 2;
    }
    *n2out = n2;
    if (std::sqrt(n2) > level) {
        double scale = level / std::sqrt(n2);
        for (int64_t j = 0; j < d; ++j) dst[j] = static_cast<float>(static_cast<double>(src[j]) * scale);
        return 1;
    }
    for (int64_t j = 0; j < d; ++j) dst[j] = src[j];
    return 0;
}

struct SplitMix64 {
    uint64_t s;
    uint64_t next() {
        s += 0x9E3779B97F4A7C15ULL;
        uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    uint32_t next32() { return static_cast<uint32_t>(next() >> 32); }
    uint32_t bounded(uint32_t n) {
        uint32_t x = next32();
        uint64_t p = static_cast<uint64_t>(x) * n;
        uint32_t l = static_cast<uint32_t>(p);
        if (l < n) {
            uint32_t t = static_cast<uint32_t>(-static_cast<uint32_t>(n)) % n;
            while (l < t) {
                x = next32();
                p = static_cast<uint64_t>(x) * n;
                l = static_cast<uint32_t>(p);
            }
        }
        return static_cast<uint32_t>(p >> 32);
    }
};

// Floyd over SplitMix64(seed), sorted (a plain linear membership test: obviously correct).
inline std::vector<int32_t> randk_indices(uint64_t seed, int64_t d, int64_t k) {
    SplitMix64 r{seed};
    std::vector<int32_t> chosen;
    for (int64_t j = d - k; j < d; ++j) {
        int32_t t = static_cast<int32_t>(r.bounded(static_cast<uint32_t>(j + 1)));
        bool taken = std::find(chosen.begin(), chosen.end(), t) != chosen.end();
        chosen.push_back(taken ? static_cast<int32_t>(j) : t);
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

inline std::vector<double> sorted_column(const float* x, int64_t ld, int64_t m, int64_t j) {
    std::vector<double> v;
    for (int64_t i = 0; i < m; ++i) v.push_back(x[i * ld + j]);
    std::sort(v.begin(), v.end());
    return v;
}

inline float median(const float* x, int64_t ld, int64_t m, int64_t j) {
    std::vector<double> v = sorted_column(x, ld, m, j);
    float r;
    if (m % 2 == 1)
        r = static_cast<float>(v[(m - 1) / 2]);
    else
        r = static_cast<float>((v[m / 2 - 1] + v[m / 2]) * 0.5);
    return r + 0.0f;
}

inline float trimmed_mean(const float* x, int64_t ld, int64_t m, int64_t t, int64_t j) {
    std::vector<double> v = sorted_column(x, ld, m, j);
    double acc = 0.0;
    for (int64_t r = t; r <= m - t - 1; ++r) acc += v[r];
    return static_cast<float>(acc / static_cast<double>(m - 2 * t)) + 0.0f;
}

inline double sq_dist(const float* a, const float* b, int64_t d) {
    Csum c;
    for (int64_t j = 0; j < d; ++j) {
        double diff = static_cast<double>(a[j]) - static_cast<double>(b[j]);
        c.add(diff * diff);
    }
    return c.result();
}

inline std::vector<float> rfa(const float* x, int64_t ld, int64_t m, int64_t d, int iterations,
                              double nu) {
    std::vector<double> z(d, 0.0), beta(m);
    for (int it = 0; it < iterations; ++it) {
        for (int64_t i = 0; i < m; ++i) {
            Csum c;
            for (int64_t j = 0; j < d; ++j) {
                double diff = z[j] - static_cast<double>(x[i * ld + j]);
                c.add(diff * diff);
            }
            beta[i] = 1.0 / std::max(nu, std::sqrt(c.result()));
        }
        double B = 0.0;
        for (int64_t i = 0; i < m; ++i) B += beta[i];
        for (int64_t j = 0; j < d; ++j) {
            double acc = 0.0;
            for (int64_t i = 0; i < m; ++i) acc += beta[i] * static_cast<double>(x[i * ld + j]);
            z[j] = acc / B;
        }
    }
    std::vector<float> out(d);
    for (int64_t j = 0; j < d; ++j) out[j] = static_cast<float>(z[j]) + 0.0f;
    return out;
}

// bm_mean_around_median at coordinate j, straight from kernels.h: sort, med, the two-pointer walk
// with |v - med| and ties to the lower value, the window's mean in ascending order.
inline float meamed(const float* x, int64_t ld, const int32_t* rows, int64_t n, int64_t keep, int64_t j) {
    std::vector<double> v;
    for (int64_t r = 0; r < n; ++r) v.push_back(x[(rows ? rows[r] : r) * ld + j]);
    std::sort(v.begin(), v.end());
    const double med = n % 2 == 1 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) * 0.5;
    int64_t L = n % 2 == 1 ? (n - 1) / 2 : n / 2;
    int64_t R = n % 2 == 1 ? L + 1 : L;
    while (R - L < keep) {
        if (L == 0)
            ++R;
        else if (R == n)
            --L;
        else if (std::fabs(v[L - 1] - med) <= std::fabs(v[R] - med))
            --L;
        else
            ++R;
    }
    double acc = 0.0;
    for (int64_t r = L; r < L + keep; ++r) acc += v[r];
    return static_cast<float>(acc / static_cast<double>(keep)) + 0.0f;
}

// csum_j of (double)x[j] * r[j] (kind 0), ((double)x[j] - r[j])^2 (kind 1), (double)x[j] (kind 2).
inline double row_reduce(const float* x, const double* r, int64_t d, int kind) {
    Csum c;
    for (int64_t j = 0; j < d; ++j) {
        const double v = static_cast<double>(x[j]);
        if (kind == 0) {
            c.add(v * r[j]);
        } else if (kind == 1) {
            const double u = v - r[j];
            c.add(u * u);
        } else {
            c.add(v);
        }
    }
    return c.result();
}

inline std::vector<double> weighted_sum(const float* x, int64_t ld, int64_t m, int64_t d, const double* w) {
    std::vector<double> out(d);
    for (int64_t j = 0; j < d; ++j) {
        double acc = 0.0;
        for (int64_t i = 0; i < m; ++i) acc += w[i] * static_cast<double>(x[i * ld + j]);
        out[j] = acc;
    }
    return out;
}

inline std::vector<float> cclip(const float* x, int64_t ld, int64_t m, int64_t d, const double* center,
                                double tau, int iterations) {
    std::vector<double> v(center, center + d), c(m);
    for (int it = 0; it < iterations; ++it) {
        for (int64_t i = 0; i < m; ++i) {
            const double n = std::sqrt(row_reduce(x + i * ld, v.data(), d, 1));
            c[i] = n > tau ? tau / n : 1.0;
        }
        for (int64_t j = 0; j < d; ++j) {
            double acc = 0.0;
            for (int64_t i = 0; i < m; ++i) acc += c[i] * (static_cast<double>(x[i * ld + j]) - v[j]);
            v[j] = v[j] + acc / static_cast<double>(m);
        }
    }
    std::vector<float> out(d);
    for (int64_t j = 0; j < d; ++j) out[j] = static_cast<float>(v[j]) + 0.0f;
    return out;
}

}  // namespace ref

#endif
