// Batcher's odd-even merge sort, generated at run time per m and cached (see order_net.h).
#include "order_net.h"

#include <map>
#include <mutex>
#include <tuple>

namespace bm {
namespace {

struct Comparator {
    int32_t a, b;  // wires a < b: min to a, max to b
};

std::vector<Comparator> batcher(int64_t m) {
    int64_t n = 1;
    while (n < m) n *= 2;
    std::vector<Comparator> out;
    for (int64_t p = 1; p < n; p += p)
        for (int64_t k = p; k >= 1; k /= 2)
            for (int64_t j = k % p; j <= n - 1 - k; j += 2 * k)
                for (int64_t i = 0; i <= k - 1 && i <= n - j - k - 1; ++i)
                    if ((i + j) / (2 * p) == (i + j + k) / (2 * p) && i + j + k < m)
                        out.push_back({static_cast<int32_t>(i + j), static_cast<int32_t>(i + j + k)});
    return out;
}

std::shared_ptr<const std::vector<uint32_t>> build(int64_t m, int lanes, int64_t need_lo,
                                                   int64_t need_hi) {
    const std::vector<Comparator> all = batcher(m);
    // Backward pass: a comparator matters if it writes a wire whose value is still needed.
    std::vector<char> need(static_cast<size_t>(m), 0);
    for (int64_t w = need_lo; w <= need_hi; ++w) need[static_cast<size_t>(w)] = 1;
    std::vector<char> keep(all.size(), 0);
    for (size_t c = all.size(); c-- > 0;) {
        const Comparator& q = all[c];
        if (need[q.a] || need[q.b]) {
            keep[c] = 1;
            need[q.a] = need[q.b] = 1;
        }
    }
    auto net = std::make_shared<std::vector<uint32_t>>();
    const uint32_t wire_bytes = static_cast<uint32_t>(lanes) * 4u;
    for (size_t c = 0; c < all.size(); ++c) {
        if (!keep[c]) continue;
        net->push_back(static_cast<uint32_t>(all[c].a) * wire_bytes);
        net->push_back(static_cast<uint32_t>(all[c].b) * wire_bytes);
    }
    return net;
}

}  // namespace

std::shared_ptr<const std::vector<uint32_t>> order_network(int64_t m, int lanes, int64_t need_lo,
                                                           int64_t need_hi) {
    using Key = std::tuple<int64_t, int, int64_t, int64_t>;
    static std::mutex& mu = *new std::mutex();  // never destroyed (callers may run during exit)
    static std::map<Key, std::shared_ptr<const std::vector<uint32_t>>>* cache =
        new std::map<Key, std::shared_ptr<const std::vector<uint32_t>>>();  // never destroyed
    const Key key{m, lanes, need_lo, need_hi};
    {
        std::lock_guard<std::mutex> lk(mu);
        auto it = cache->find(key);
        if (it != cache->end()) return it->second;
    }
    auto net = build(m, lanes, need_lo, need_hi);  // outside the lock
    std::lock_guard<std::mutex> lk(mu);
    if (cache->size() >= 512) cache->clear();  // bound memory for callers cycling through sizes
    return cache->emplace(key, net).first->second;
}

}  // namespace bm
