// The engine's own persistent thread pool (std::thread + condition variables, no OpenMP).
//
// One parallel region runs at a time (run_mu); a caller that finds the pool busy runs its work
// alone on its own thread (Lease::threads() == 1), which gives the same results because every
// kernel's decomposition fixes each output element's arithmetic independently of the threads.
// Workers sleep on a condition variable between regions (no active waiting). The pool is never
// destroyed: its threads are detached and die with the process.
#include <xmmintrin.h>

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "internal.h"

namespace bm {
namespace {

constexpr int kMaxThreads = 64;            // requests above this are capped
constexpr int64_t kDefaultMinWork = 32768;  // floats: below this everything runs inline

struct Pool {
    std::mutex run_mu;  // held by the Lease that owns the workers
    std::mutex mu;      // protects everything below
    std::condition_variable cv_work, cv_done;
    int workers = 0;
    uint64_t generation = 0;
    int job_threads = 0;  // workers 1 .. job_threads-1 take part in the current region
    int pending = 0;
    void (*fn)(void*, int, int) = nullptr;
    void* ctx = nullptr;
};

Pool& pool() {
    static Pool* p = new Pool();  // intentionally leaked (see above)
    return *p;
}

// `seen` is the generation when the worker was created (under P->mu), so it cannot miss a region
// that starts before it first gets the lock.
void worker_main(Pool* P, int id, uint64_t seen) {
    _mm_setcsr(0x1F80);  // IEEE defaults, as FpScope sets for the caller
    std::unique_lock<std::mutex> lk(P->mu);
    for (;;) {
        P->cv_work.wait(lk, [&] { return P->generation != seen; });
        seen = P->generation;
        if (id >= P->job_threads) continue;
        void (*fn)(void*, int, int) = P->fn;
        void* ctx = P->ctx;
        const int nt = P->job_threads;
        lk.unlock();
        try {
            fn(ctx, id, nt);
        } catch (...) {
            // Kernel bodies do not throw (they allocate before the region); never let one escape.
        }
        lk.lock();
        if (--P->pending == 0) P->cv_done.notify_all();
    }
}

int64_t min_parallel_work() {
    // BYZMARINA_MIN_PARALLEL_WORK lowers the threshold (the C++ tests use it to exercise
    // the threaded paths on small inputs).
    static const int64_t v = [] {
        const char* s = std::getenv("BYZMARINA_MIN_PARALLEL_WORK");
        if (s == nullptr || *s == '\0') return kDefaultMinWork;
        char* end = nullptr;
        long long n = std::strtoll(s, &end, 10);
        return (end != s && n >= 0) ? static_cast<int64_t>(n) : kDefaultMinWork;
    }();
    return v;
}

}  // namespace

int plan_threads(int threads, int64_t work) {
    if (threads <= 1 || work < min_parallel_work()) return 1;
    return threads > kMaxThreads ? kMaxThreads : threads;
}

Lease::Lease(int want) {
    if (want <= 1) return;
    if (want > kMaxThreads) want = kMaxThreads;
    Pool& P = pool();
    if (!P.run_mu.try_lock()) return;  // busy: run alone
    locked_ = true;
    std::lock_guard<std::mutex> lk(P.mu);
    while (P.workers < want - 1) {
        try {
            std::thread(worker_main, &P, P.workers + 1, P.generation).detach();
        } catch (...) {
            break;  // cannot start more threads: use what we have
        }
        ++P.workers;
    }
    nt_ = P.workers + 1 < want ? P.workers + 1 : want;
}

Lease::~Lease() {
    if (locked_) pool().run_mu.unlock();
}

void Lease::run_raw(void (*fn)(void*, int, int), void* ctx) {
    Pool& P = pool();
    {
        std::lock_guard<std::mutex> lk(P.mu);
        P.fn = fn;
        P.ctx = ctx;
        P.job_threads = nt_;
        P.pending = nt_ - 1;
        ++P.generation;
    }
    P.cv_work.notify_all();
    fn(ctx, 0, nt_);
    std::unique_lock<std::mutex> lk(P.mu);
    P.cv_done.wait(lk, [&] { return P.pending == 0; });
    P.fn = nullptr;
    P.ctx = nullptr;
}

FpScope::FpScope() : saved_(_mm_getcsr()) { _mm_setcsr(0x1F80); }

FpScope::~FpScope() { _mm_setcsr(saved_); }

// A short spin (a few microseconds), then yield: if the producer shares this CPU (another process
// holds the other core) it runs at once, instead of after a long spin at every hand-off.
void wait_at_least(const std::atomic<int64_t>& a, int64_t v) {
    int spins = 0;
    while (a.load(std::memory_order_acquire) < v) {
        if (spins < 200) {
            ++spins;
            __builtin_ia32_pause();
        } else {
            std::this_thread::yield();
        }
    }
}

}  // namespace bm
