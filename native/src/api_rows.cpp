// Compressed sparse rows rearranged (kernels.h: bm_rows_gather, bm_rows_by_columns, bm_narrow_index,
// bm_distinct_rows): the twins of Rows.java's gather, column index and merged rows and of
// NativeLogistic's narrow columns, giving the same arrays. Plain loops over memory: a run builds these once, where the Java twins would still be
// interpreted. Row and column indices are trusted to lie inside the arrays (Rows.java builds them).
#include "internal.h"

#include <cstring>
#include <vector>

BM_EXPORT int bm_rows_gather(const int32_t* row_start, const int32_t* col_index, const double* values,
                             const int32_t* order, int64_t n, int32_t* out_start, int32_t* out_col, double* out_val) {
    if (row_start == nullptr || order == nullptr || out_start == nullptr || n < 0 || n > INT32_MAX ||
        (out_col == nullptr) != (out_val == nullptr))
        return BM_EINVAL;
    return bm::guarded([&] {
        out_start[0] = 0;
        for (int64_t i = 0; i < n; ++i) {
            const int32_t r = order[i];
            out_start[i + 1] = out_start[i] + (row_start[r + 1] - row_start[r]);
        }
        if (out_col == nullptr) return BM_OK;  // the extents only, to size the arrays
        if (out_start[n] > 0 && (col_index == nullptr || values == nullptr)) return BM_EINVAL;
        for (int64_t i = 0; i < n; ++i) {
            const int32_t r = order[i];
            const size_t len = static_cast<size_t>(row_start[r + 1] - row_start[r]);
            std::memcpy(out_col + out_start[i], col_index + row_start[r], len * sizeof(int32_t));
            std::memcpy(out_val + out_start[i], values + row_start[r], len * sizeof(double));
        }
        return BM_OK;
    });
}

BM_EXPORT int bm_rows_by_columns(const int32_t* row_start, const int32_t* col_index, int64_t rows, int64_t cols,
                                 int32_t* col_start, int32_t* row_index, int32_t* next) {
    if (row_start == nullptr || col_start == nullptr || next == nullptr || rows < 0 || rows > INT32_MAX || cols < 0 ||
        (rows > 0 && row_start[rows] > 0 && (col_index == nullptr || row_index == nullptr)))
        return BM_EINVAL;
    return bm::guarded([&] {
        const int64_t nnz = row_start[rows];
        for (int64_t j = 0; j <= cols; ++j) col_start[j] = 0;
        for (int64_t k = 0; k < nnz; ++k) ++col_start[col_index[k] + 1];
        for (int64_t j = 0; j < cols; ++j) col_start[j + 1] += col_start[j];
        for (int64_t j = 0; j < cols; ++j) next[j] = col_start[j];
        for (int64_t r = 0; r < rows; ++r)
            for (int32_t k = row_start[r]; k < row_start[r + 1]; ++k) row_index[next[col_index[k]]++] = static_cast<int32_t>(r);
        return BM_OK;
    });
}

BM_EXPORT int bm_narrow_index(const int32_t* in, int64_t n, int bytes, void* out) {
    if (n < 0 || (n > 0 && (in == nullptr || out == nullptr)) || (bytes != 1 && bytes != 2)) return BM_EINVAL;
    return bm::guarded([&] {
        if (bytes == 1) {
            uint8_t* o = static_cast<uint8_t*>(out);
            for (int64_t k = 0; k < n; ++k) o[k] = static_cast<uint8_t>(in[k]);
        } else {
            uint16_t* o = static_cast<uint16_t*>(out);
            for (int64_t k = 0; k < n; ++k) o[k] = static_cast<uint16_t>(in[k]);
        }
        return BM_OK;
    });
}

// The distinct rows of binary sparse rows (kernels.h, bm_distinct_rows; Rows.java's DistinctHolder):
// an open-addressing table of groups keyed by (common value's bits, column list). The hash only
// decides where a group is kept, not its number: groups are numbered in order of first occurrence.
namespace {

uint64_t canonical_bits(double v) {
    if (v != v) return 0x7ff8000000000000ULL;  // Double.doubleToLongBits: every NaN alike
    uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

BM_EXPORT int bm_distinct_rows(const int32_t* row_start, const int32_t* col_index, const double* common, int64_t rows,
                               int32_t* group_of, int32_t* representative, int64_t* groups) {
    if (row_start == nullptr || rows < 0 || rows > INT32_MAX || groups == nullptr ||
        (rows > 0 && (common == nullptr || group_of == nullptr || representative == nullptr)) ||
        (rows > 0 && row_start[rows] > 0 && col_index == nullptr))
        return BM_EINVAL;
    return bm::guarded([&] {
        int64_t capacity = 4;
        while (capacity < 2 * rows) capacity *= 2;
        std::vector<int32_t> table(static_cast<size_t>(capacity), -1);
        const uint64_t mask = static_cast<uint64_t>(capacity - 1);
        int64_t count = 0;
        for (int64_t r = 0; r < rows; ++r) {
            const uint64_t key = canonical_bits(common[r]);
            const int32_t begin = row_start[r], end = row_start[r + 1];
            uint64_t h = mix64(key);
            for (int32_t k = begin; k < end; ++k) h = mix64(h ^ static_cast<uint32_t>(col_index[k]));
            uint64_t slot = h & mask;
            for (;;) {
                const int32_t g = table[slot];
                if (g < 0) {
                    table[slot] = static_cast<int32_t>(count);
                    representative[count] = static_cast<int32_t>(r);
                    group_of[r] = static_cast<int32_t>(count++);
                    break;
                }
                const int32_t s = representative[g];
                const int32_t sb = row_start[s], n = row_start[s + 1] - sb;
                if (n == end - begin && canonical_bits(common[s]) == key &&
                    std::memcmp(col_index + sb, col_index + begin, sizeof(int32_t) * static_cast<size_t>(n)) == 0) {
                    group_of[r] = g;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        *groups = count;
        return BM_OK;
    });
}
