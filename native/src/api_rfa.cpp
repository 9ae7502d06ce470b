// bm_rfa (kernels.h; docs/algorithm.md "RFA / geometric median", smoothed Weiszfeld).
//
// Pass 0 computes the norms (the distances to z = 0) row by row. Pass p (1 .. T) walks the
// coordinates once in blocks of kBlock and, per block, both
//   * finishes iteration p's update  z[j] = (sum_i beta_i x_i[j]) / B   (p >= 1), and
//   * continues the csum of ||z - x_i||^2 for iteration p+1 with those new z[j]  (p < T),
// so the batch is read T + 1 times instead of 2T. With n threads the rows are split into n
// contiguous ranges and the column sum runs as a pipeline: thread t adds its rows to the block's
// accumulator after thread t-1 did (so acc still sums i = 0 .. m-1 in order), the last thread
// divides by B; every thread then adds its rows' distance terms for that block, the others
// lagging kLag blocks behind the last one. Each output (z[j], each row's 16 lanes) is computed by
// one thread in the canonical order, so results do not depend on the number of threads.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "internal.h"

namespace {

constexpr int64_t kBlock = 512;  // coordinates per block (multiple of 16: csum lane = j % 16)
constexpr int64_t kLag = 2;      // how far the non-last threads' distance work trails (blocks)
constexpr int64_t kRing = kLag + 2;
constexpr int64_t kGroup = 8;    // rows per update/distance interleaving step

struct alignas(64) Counter {
    std::atomic<int64_t> v{0};
};

struct Rfa {
    const float* x;
    int64_t ld, m, d;
    int32_t iterations;
    double nu;
    float* out;
    const bm::SimdOps* ops;
    int64_t blocks;
    std::vector<double> z, ring, lanes, beta;
    std::unique_ptr<Counter[]> updated;  // per thread: pipeline steps done (step = (p-1)*blocks + b)
    std::unique_ptr<Counter[]> passes;   // per thread: passes whose distances (betas) are done

    void run(int tid, int nt);
    // Row r at the start of block b (column b*kBlock).
    const float* at(int64_t b, int64_t r) const { return x + r * ld + b * kBlock; }
};

void Rfa::run(int tid, int nt) {
    const int64_t r0 = m * tid / nt, r1 = m * (tid + 1) / nt, rows = r1 - r0;
    const bool last = tid == nt - 1;
    const int64_t lag = last ? 1 : kLag;  // distance work trails the updates by this many blocks
    double* my_lanes = lanes.data() + r0 * 16;
    auto block_len = [&](int64_t b) { return std::min(kBlock, d - b * kBlock); };
    auto set_beta = [&](int64_t i, double n2) { beta[i] = 1.0 / std::max(nu, std::sqrt(n2)); };
    auto finish_betas = [&](int64_t pass) {  // beta_i = 1 / max(nu, sqrt(csum)), own rows
        for (int64_t i = r0; i < r1; ++i) set_beta(i, bm::csum_fold(lanes.data() + i * 16));
        passes[tid].v.store(pass + 1, std::memory_order_release);
    };
    // Pass 0: distances to z = 0 are the norms (the terms (0.0 - x)^2 are exactly x * x), read
    // row by row (a sequential stream per row).
    for (int64_t i = r0; i < r1; ++i) set_beta(i, ops->sq_norm(x + i * ld, d));
    passes[tid].v.store(1, std::memory_order_release);
    for (int64_t p = 1; p <= iterations; ++p) {
        const bool final_pass = p == iterations;
        double B = 0.0;
        if (last) {  // B = sum of all betas, i = 0 .. m-1 in order
            for (int u = 0; u < nt; ++u) bm::wait_at_least(passes[u].v, p);
            for (int64_t i = 0; i < m; ++i) B += beta[i];
        }
        if (!final_pass) std::fill(my_lanes, my_lanes + rows * 16, 0.0);
        const int64_t steps = final_pass ? blocks : blocks + lag;
        for (int64_t b = 0; b < steps; ++b) {
            const int64_t base = (p - 1) * blocks;  // pipeline step of block 0 in this pass
            const bool upd = b < blocks;
            const int64_t bl = b - lag;              // block whose distances are done now
            const bool dist = !final_pass && bl >= 0;
            double* acc = ring.data() + ((base + b) % kRing) * kBlock;
            if (upd) {
                if (tid == 0) {
                    if (nt > 1) bm::wait_at_least(updated[nt - 1].v, base + b - kRing + 1);  // slot free
                } else {
                    bm::wait_at_least(updated[tid - 1].v, base + b + 1);  // earlier rows are in acc
                }
            }
            if (dist && !last) bm::wait_at_least(updated[nt - 1].v, base + bl + 1);  // z[bl] final
            // Interleave the two so memory (updates) and arithmetic (distances) overlap.
            const float* next = b + 1 < blocks ? at(b + 1, r0) : (final_pass ? nullptr : at(0, r0));
            for (int64_t g = 0; g < rows; g += kGroup) {
                const int64_t n = std::min(kGroup, rows - g);
                if (upd) {
                    const float* after = g + n < rows ? at(b, r0 + g + n) : next;
                    ops->rfa_update(at(b, r0 + g), ld, n, beta.data() + r0 + g, block_len(b), acc,
                                    tid == 0 && g == 0, after);
                }
                if (dist)
                    ops->rfa_dist(at(bl, r0 + g), ld, n, z.data() + bl * kBlock, block_len(bl),
                                  my_lanes + g * 16, nullptr);
            }
            if (upd) {
                const int64_t j0 = b * kBlock;
                if (last)
                    ops->rfa_finish(acc, block_len(b), B, final_pass ? nullptr : z.data() + j0, out + j0);
                updated[tid].v.store(base + b + 1, std::memory_order_release);
            }
        }
        if (!final_pass) finish_betas(p);
    }
}

}  // namespace

BM_EXPORT int bm_rfa(const float* x, int64_t ld, int64_t m, int64_t d, int32_t iterations, double nu,
                     float* out, int threads, int simd) {
    if (bm::bad_batch(x, ld, m, d) || bm::bad_exec(threads, simd)) return BM_EINVAL;
    if (iterations < 0 || !(nu > 0.0) || !std::isfinite(nu)) return BM_EINVAL;
    if (m == 0 || d == 0) return BM_OK;
    if (out == nullptr) return BM_EINVAL;
    {  // the output row must not overlap the batch
        const float* x1 = x + (m - 1) * ld + d;
        if (x < out + d && out < x1) return BM_EINVAL;
    }
    return bm::guarded([&]() -> int {
        if (iterations == 0) {  // z = 0: out = (float)0.0 + 0.0f
            std::memset(out, 0, static_cast<size_t>(d) * sizeof(float));
            return BM_OK;
        }
        Rfa R;
        R.x = x;
        R.ld = ld;
        R.m = m;
        R.d = d;
        R.iterations = iterations;
        R.nu = nu;
        R.out = out;
        R.ops = bm::select_ops(simd);
        R.blocks = (d + kBlock - 1) / kBlock;
        int nt = bm::plan_threads(threads, m * d);
        nt = static_cast<int>(std::min<int64_t>(nt, m));
        R.z.assign(static_cast<size_t>(d), 0.0);
        R.ring.assign(static_cast<size_t>(kRing * kBlock), 0.0);
        R.lanes.assign(static_cast<size_t>(m * 16), 0.0);
        R.beta.assign(static_cast<size_t>(m), 0.0);
        R.updated.reset(new Counter[static_cast<size_t>(nt)]);
        R.passes.reset(new Counter[static_cast<size_t>(nt)]);
        bm::Lease lease(nt);
        lease.run([&](int tid, int n) { R.run(tid, n); });
        return BM_OK;
    });
}
