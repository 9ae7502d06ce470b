// The SIMD kernel bodies. This file is compiled three times (CMakeLists.txt) with
//   -DBM_TARGET_NS=portable -DBM_TARGET_LEVEL=0 -march=x86-64
//   -DBM_TARGET_NS=avx2     -DBM_TARGET_LEVEL=1 -march=x86-64-v3
//   -DBM_TARGET_NS=avx512   -DBM_TARGET_LEVEL=2 -march=x86-64-v4
// into three namespaces, each exporting bm::<ns>::ops(). Every body follows the arithmetic of
// kernels.h exactly (same operations, same order per output element), so all three agree bit for
// bit: the vector width only changes how many independent output elements are done at once.
// Nothing here allocates, throws or uses the standard library's out-of-line code.
#include <cstdint>
#include <cstring>
#include <utility>

#include "../internal.h"
#include "simd_ops.h"

#ifndef BM_TARGET_NS
#error "BM_TARGET_NS must be defined"
#endif

namespace bm {
namespace BM_TARGET_NS {
namespace {

#include "norms.inc"
#include "group_means.inc"
#include "order_stats.inc"
#include "order_tile.inc"
#include "pairwise.inc"
#include "rfa.inc"
#include "rowdots.inc"
#include "cclip.inc"
#include "logistic.inc"

}  // namespace

const SimdOps* ops() {
    static const SimdOps table = {
        BM_TARGET_LEVEL, FL,         RW,       sq_norm,    scale_row,  stream_copy,
        stream_fence,    group_mean, order_tile, pair_acc, rfa_update, rfa_finish,
        rfa_dist,        row_reduce, cc_update,  cc_finish,  exp_many,
        lr_batch,        lr_full,    lr_loss,
    };
    return &table;
}

}  // namespace BM_TARGET_NS
}  // namespace bm
