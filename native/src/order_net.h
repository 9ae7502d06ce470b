// Run-time sorting networks for the coordinate-wise median and trimmed mean (order_net.cpp).
#ifndef BYZMARINA_ORDER_NET_H
#define BYZMARINA_ORDER_NET_H

#include <cstdint>
#include <memory>
#include <vector>

namespace bm {

// Networks are used up to this many rows; above it the kernels sort each coordinate instead.
constexpr int64_t kNetMaxRows = 256;

// Comparators (lo, hi byte offsets, lanes floats per wire) of Batcher's odd-even merge sort on m
// wires, padded to a power of two with +Inf wires whose comparators are dropped, pruned to the
// comparators that can change outputs need_lo .. need_hi. Used for small m (larger m use the
// register-blocked bitonic sort of simd/order_stats.inc). Cached; thread-safe.
std::shared_ptr<const std::vector<uint32_t>> order_network(int64_t m, int lanes, int64_t need_lo,
                                                           int64_t need_hi);

}  // namespace bm

#endif  // BYZMARINA_ORDER_NET_H
