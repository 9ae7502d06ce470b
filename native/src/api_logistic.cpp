// Logistic regression on sparse rows (kernels.h: bm_exp, bm_logistic_batch, bm_logistic_full,
// bm_logistic_loss): argument checks, then the SIMD bodies of simd/logistic.inc. Row and column
// indices are trusted to lie inside the arrays (Rows.java builds them); sizes are checked.
#include "internal.h"

namespace {

bool bad_rows(const int32_t* row_start, const void* col_index, const void* values, int64_t rows, int64_t d) {
    return row_start == nullptr || rows < 0 || d < 1 || d > INT32_MAX ||
           (rows > 0 && row_start[rows] > 0 && (col_index == nullptr || values == nullptr));
}

// Column indices of 1 byte need d <= 256, of 2 bytes d <= 65536 (kernels.h).
bool bad_layout(int col_bytes, int64_t d) {
    return !((col_bytes == 1 && d <= 256) || (col_bytes == 2 && d <= 65536) || col_bytes == 4);
}

}  // namespace

BM_EXPORT int bm_exp(const double* x, int64_t n, double* out, int simd) {
    const bm::SimdOps* ops = bm::select_ops(simd);
    if (ops == nullptr || n < 0 || (n > 0 && (x == nullptr || out == nullptr))) return BM_EINVAL;
    return bm::guarded([&] {
        ops->exp_many(x, n, out);
        return BM_OK;
    });
}

BM_EXPORT int bm_logistic_batch(const int32_t* row_start, const void* col_index, int col_bytes, const double* values,
                                int row_values, const double* labels, int64_t rows, int64_t d, int64_t base,
                                const int32_t* batch, int64_t size, const double* x1, const double* x0, int flip,
                                double eta, double rho, double* out, double* z, int simd) {
    const bm::SimdOps* ops = bm::select_ops(simd);
    if (ops == nullptr || bad_rows(row_start, col_index, values, rows, d) || bad_layout(col_bytes, d) ||
        (row_values != 0 && rows > 0 && values == nullptr) ||
        labels == nullptr || size < 1 || batch == nullptr || x1 == nullptr || out == nullptr || z == nullptr ||
        base < 0 || base > rows)
        return BM_EINVAL;
    for (int64_t i = 0; i < size; ++i)
        if (batch[i] < 0 || base + batch[i] >= rows) return BM_EINVAL;
    const bm::LrRows a{row_start, col_index, values, labels, rows, d, col_bytes, row_values != 0};
    return bm::guarded([&] {
        ops->lr_batch(&a, base, batch, size, x1, x0, flip, eta, rho, out, z);
        return BM_OK;
    });
}

BM_EXPORT int bm_logistic_full(const int32_t* row_start, const void* col_index, int col_bytes, const double* values,
                               int row_values, const double* labels, int64_t rows, int64_t d, int64_t base, int64_t m,
                               const double* x, int flip, double eta, double rho, double* out, double* z, int simd) {
    const bm::SimdOps* ops = bm::select_ops(simd);
    if (ops == nullptr || bad_rows(row_start, col_index, values, rows, d) || bad_layout(col_bytes, d) ||
        (row_values != 0 && rows > 0 && values == nullptr) ||
        labels == nullptr || m < 1 || base < 0 || base + m > rows || x == nullptr || out == nullptr || z == nullptr)
        return BM_EINVAL;
    const bm::LrRows a{row_start, col_index, values, labels, rows, d, col_bytes, row_values != 0};
    return bm::guarded([&] {
        ops->lr_full(&a, base, m, x, flip, eta, rho, out, z);
        return BM_OK;
    });
}

BM_EXPORT int bm_logistic_loss(const int32_t* row_start, const int32_t* col_index, const double* common,
                               const int32_t* col_start, const int32_t* row_index, const double* w0, const double* w1,
                               int64_t rows, int64_t cols, const double* x, double* t, double* e, double* scaled,
                               double* f_out, double* grad, int simd) {
    const bm::SimdOps* ops = bm::select_ops(simd);
    if (ops == nullptr || bad_rows(row_start, col_index, common, rows, cols) || w0 == nullptr || w1 == nullptr ||
        x == nullptr || f_out == nullptr || (rows > 0 && (t == nullptr || e == nullptr || scaled == nullptr)) ||
        (grad != nullptr && (col_start == nullptr || (col_start[cols] > 0 && row_index == nullptr))))
        return BM_EINVAL;
    const bm::LrLoss q{row_start, col_index, common, col_start, row_index, w0, w1, x, rows, cols, t, e, scaled, grad};
    return bm::guarded([&] {
        *f_out = ops->lr_loss(&q);
        return BM_OK;
    });
}

