// Development timing aid (not a test; the official benchmarks are JMH): median-of-N wall time of
// each kernel at m = 128, d = 100000 for every SIMD level and threads 1 / 2.
//   bm_timing [reps] [d] [m] [kernel name filter, e.g. "median"]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "byzmarina/kernels.h"

namespace {

double median_ms(int reps, const std::function<void()>& f) {
    f();  // warm up (pool threads, networks, page faults)
    std::vector<double> t;
    for (int r = 0; r < reps; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

void must(long long rc, const char* what) {
    if (rc < 0) {
        std::fprintf(stderr, "%s failed: %lld\n", what, rc);
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::atoi(argv[1]) : 15;
    const int64_t d = argc > 2 ? std::atoll(argv[2]) : 100000;
    const int64_t m = argc > 3 ? std::atoll(argv[3]) : 128;
    const std::string filter = argc > 4 ? argv[4] : "";
    std::vector<float> x(m * d), y(m * d), out(d), buckets((m / 2) * d);
    uint64_t s = 12345;
    for (auto& v : x) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        v = static_cast<float>(static_cast<int64_t>(s >> 40) % 2001 - 1000) * 0.01f;
    }
    std::vector<double> levels(m, 50.0), n2(m), dist(m * m), center(d, 0.01), wout(d);
    std::vector<int8_t> flags(m);
    std::vector<int32_t> perm(m);
    for (int64_t i = 0; i < m; ++i) perm[i] = static_cast<int32_t>(i);
    for (int64_t i = m - 1; i > 0; --i) {  // a fixed shuffle
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        std::swap(perm[i], perm[(s >> 33) % static_cast<uint64_t>(i + 1)]);
    }
    std::vector<int64_t> starts;
    for (int64_t g = 0; g <= m / 2; ++g) starts.push_back(2 * g);
    std::vector<int32_t> idx(m * (d / 100));
    std::vector<float> val(m * (d / 100));
    std::vector<uint64_t> seeds(m, 7);
    std::printf("m = %lld, d = %lld, median of %d runs, ms (supported SIMD level %d)\n", (long long)m,
                (long long)d, reps, bm_simd_supported());
    // Context for the numbers below: how long this machine takes right now to read the batch
    // once with plain loops (1 and 2 threads).
    for (int th = 1; th <= 2; ++th) {
        std::vector<double> sums(th);
        const double ms = median_ms(reps, [&] {
            std::vector<std::thread> ts;
            for (int t = 0; t < th; ++t)
                ts.emplace_back([&, t] {
                    float a[16] = {0};
                    const int64_t n = m * d, lo = n * t / th, hi = n * (t + 1) / th;
                    for (int64_t i = lo; i + 16 <= hi; i += 16)
                        for (int l = 0; l < 16; ++l) a[l] += x[i + l];
                    double s = 0;
                    for (float v : a) s += v;
                    sums[t] = s;
                });
            for (auto& t : ts) t.join();
        });
        std::printf("reference: plain read of the batch, %d thread(s): %.3f ms (%.1f GB/s)\n", th, ms,
                    static_cast<double>(m * d) * 4 / ms / 1e6);
    }
    std::printf("%-28s", "kernel");
    for (int l = 0; l <= bm_simd_supported(); ++l)
        for (int th = 1; th <= 2; ++th) std::printf(" %8s/%d", bm_simd_name(l), th);
    std::printf("\n");
    struct Row {
        const char* name;
        std::function<void(int, int)> f;
    };
    std::vector<Row> rows = {
        {"squared_norms", [&](int l, int th) { must(bm_squared_norms(x.data(), d, m, d, n2.data(), th, l), "norms"); }},
        {"clip out of place", [&](int l, int th) {
             must(bm_clip(x.data(), d, y.data(), d, m, d, levels.data(), n2.data(), flags.data(), th, l), "clip");
         }},
        {"randk k=d/100 sparse", [&](int l, int th) {
             must(bm_randk(x.data(), d, m, d, d / 100, seeds.data(), idx.data(), val.data(), 0, th, l), "randk");
         }},
        {"group_means mean", [&](int l, int th) {
             int64_t st[2] = {0, m};
             must(bm_group_means(x.data(), d, m, d, perm.data(), st, 1, out.data(), d, th, l), "mean");
         }},
        {"coordinate_median", [&](int l, int th) {
             must(bm_coordinate_median(x.data(), d, m, d, out.data(), th, l), "median");
         }},
        {"buckets s=2 + median", [&](int l, int th) {
             must(bm_group_means(x.data(), d, m, d, perm.data(), starts.data(), m / 2, buckets.data(), d, th, l),
                  "buckets");
             must(bm_coordinate_median(buckets.data(), d, m / 2, d, out.data(), th, l), "median");
         }},
        {"bucketed_median s=2", [&](int l, int th) {
             must(bm_bucketed_median(x.data(), d, m, d, perm.data(), 2, out.data(), th, l), "bucketed");
         }},
        {"trimmed_mean t=12", [&](int l, int th) {
             must(bm_trimmed_mean(x.data(), d, m, d, 12, out.data(), th, l), "trimmed");
         }},
        {"rfa T=8", [&](int l, int th) { must(bm_rfa(x.data(), d, m, d, 8, 0.1, out.data(), th, l), "rfa"); }},
        {"row_sums (read floor)", [&](int l, int th) { must(bm_row_sums(x.data(), d, m, d, n2.data(), th, l), "sums"); }},
        {"copy_rows (copy floor)", [&](int l, int th) {
             must(bm_copy_rows(x.data(), d, y.data(), d, m, d, th, l), "copy");
         }},
        {"mean_around_median 3m/4", [&](int l, int th) {
             must(bm_mean_around_median(x.data(), d, m, d, nullptr, m, m - m / 4, out.data(), th, l), "meamed");
         }},
        {"centered_clip L=3", [&](int l, int th) {
             must(bm_centered_clip(x.data(), d, m, d, center.data(), 5.0 * std::sqrt(d / 3.0), 3, out.data(), th, l),
                  "cclip");
         }},
        {"dot_products", [&](int l, int th) {
             must(bm_dot_products(x.data(), d, m, d, center.data(), n2.data(), th, l), "dot");
         }},
        {"sq_dists_to", [&](int l, int th) { must(bm_sq_dists_to(x.data(), d, m, d, center.data(), n2.data(), th, l), "dist"); }},
        {"weighted_sum", [&](int l, int th) {
             must(bm_weighted_sum(x.data(), d, m, d, levels.data(), wout.data(), th, l), "wsum");
         }},
        {"pairwise_sq_dists", [&](int l, int th) {
             must(bm_pairwise_sq_dists(x.data(), d, m, d, dist.data(), th, l), "pairwise");
         }},
    };
    for (const Row& r : rows) {
        if (std::string(r.name).find(filter) == std::string::npos) continue;
        std::printf("%-28s", r.name);
        for (int l = 0; l <= bm_simd_supported(); ++l)
            for (int th = 1; th <= 2; ++th) {
                const int n = std::string(r.name) == "pairwise_sq_dists" ? std::max(3, reps / 5) : reps;
                std::printf(" %10.3f", median_ms(n, [&] { r.f(l, th); }));
                std::fflush(stdout);
            }
        std::printf("\n");
    }
    return 0;
}
