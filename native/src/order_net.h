// Run-time sorting networks for the coordinate-wise median and trimmed mean (order_net.cpp).
#ifndef BYZMARINA_ORDER_NET_H
#define BYZMARINA_ORDER_NET_H

#include <cstdint>
#include <memory>
#include <vector>

namespace bm {

// Networks are used up to this many rows (scratch: 2 * 16384 wires of 64 bytes per thread); above
// it the kernels sort each coordinate instead (measured: the bitonic network is still 3x (median)
// to 17x (trimmed mean) faster than that at m = 16384).
constexpr int64_t kNetMaxRows = 16384;

// Comparators (lo, hi byte offsets, lanes floats per wire) of Batcher's odd-even merge sort on m
// wires, padded to a power of two with +Inf wires whose comparators are dropped, pruned to the
// comparators that can change outputs need_lo .. need_hi. Used for small m (larger m use the
// register-blocked bitonic sort of simd/order_stats.inc). Cached; thread-safe.
std::shared_ptr<const std::vector<uint32_t>> order_network(int64_t m, int lanes, int64_t need_lo,
                                                           int64_t need_hi);

}  // namespace bm

#endif  // BYZMARINA_ORDER_NET_H
