// bm_libsvm_scan / bm_libsvm_fill (kernels.h): LIBSVM text to compressed sparse rows, the native twin of
// the fast path of java/src/main/java/org/byzmarina/data/LibsvmReader.java (parseRows, number,
// fastParse, endLine and assemble with normalise = false). Whatever that parser would reject, or
// would hand to Double.parseDouble, makes bm_libsvm_scan return 1, so the Java parser redoes the file
// and every message stays its own. Portable scalar code on the calling thread: about 10x faster than
// the Java parser before the JIT has compiled it, which is what a short run sees.
#include <climits>

#include "internal.h"

namespace {

constexpr int64_t kMaxFeatures = 10000000;     // LibsvmReader.MAX_FEATURES
constexpr int64_t kMaxEntries = INT32_MAX - 8;  // LibsvmReader.assemble: Integer.MAX_VALUE - 8
constexpr int kMaxDigits = 15;                  // LibsvmReader.fastParse
// LibsvmReader.POW10: 10^0 .. 10^15, all exact doubles.
constexpr double kPow10[kMaxDigits + 1] = {1,   1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

// LibsvmReader.isBlank.
inline bool blank(uint8_t c) { return c == ' ' || c == '\t'; }
// LibsvmReader.atLineEnd (at a byte): where a line's data stops.
inline bool stop(uint8_t c) { return c == '\n' || c == '\r' || c == '#'; }
inline bool digit(uint8_t c) { return c >= '0' && c <= '9'; }

// LibsvmReader.fastParse over b[from, to): [-+]? then digits with at most one '.', at least one and
// at most 15 digits (leading zeros count), so "5." and ".5" pass and "." or "-" do not. The value is
// mant / 10^scale (mant < 10^15 < 2^53 and 10^scale are exact doubles, one correctly rounded
// division, as in Java), negated for '-' (so "-0" is -0.0). False where Java returns NaN.
inline bool fast_parse(const uint8_t* b, int64_t from, int64_t to, double* out) {
    int64_t i = from;
    bool neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
        neg = b[i] == '-';
        ++i;
    }
    int64_t mant = 0;
    int digits = 0;
    int scale = 0;
    bool dot = false;
    for (; i < to; ++i) {
        const uint8_t c = b[i];
        if (digit(c)) {
            if (digits >= kMaxDigits) return false;
            mant = mant * 10 + (c - '0');
            ++digits;
            if (dot) ++scale;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    if (digits == 0) return false;
    const double v = scale == 0 ? static_cast<double>(mant) : static_cast<double>(mant) / kPow10[scale];
    *out = neg ? -v : v;
    return true;
}

// LibsvmReader.endLine: past a comment and the line terminator (LF, CRLF or a lone CR).
inline int64_t end_line(const uint8_t* s, int64_t n, int64_t pos) {
    while (pos < n && s[pos] != '\n' && s[pos] != '\r') ++pos;
    if (pos < n && s[pos] == '\r') ++pos;
    if (pos < n && s[pos] == '\n') ++pos;
    return pos;
}

// The end of the token at pos (LibsvmReader.number: up to a blank, a line end or '#').
inline int64_t token_end(const uint8_t* s, int64_t n, int64_t pos) {
    while (pos < n && !blank(s[pos]) && !stop(s[pos])) ++pos;
    return pos;
}

struct Counts {
    int64_t rows = 0;
    int64_t entries = 0;  // idx:val pairs, explicit zeros included (what assemble checks)
    int64_t nonzeros = 0;
    int64_t max_index = 0;
};

// One pass of LibsvmReader.parseRows over the whole file; kFill also writes the rows as assemble does
// (explicit zeros dropped, 0-based columns). 0, or 1 wherever the Java parser would throw or leave its
// fast path.
template <bool kFill>
int parse(const uint8_t* s, int64_t n, Counts* c, int32_t* row_start, int32_t* col_index, double* values,
          double* labels) {
    int64_t pos = 0;
    while (pos < n) {
        while (pos < n && blank(s[pos])) ++pos;
        if (pos >= n || stop(s[pos])) {  // blank or comment line
            pos = end_line(s, n, pos);
            continue;
        }
        int64_t start = pos;
        pos = token_end(s, n, pos);
        double label;
        if (!fast_parse(s, start, pos, &label)) return 1;
        if (c->rows >= kMaxEntries) return 1;  // rows index int arrays in Java
        if (kFill) {
            labels[c->rows] = label;
            row_start[c->rows] = static_cast<int32_t>(c->nonzeros);
        }
        int64_t previous = 0;
        for (;;) {
            const int64_t before = pos;
            while (pos < n && blank(s[pos])) ++pos;
            if (pos >= n || stop(s[pos])) break;
            if (pos == before) return 1;  // "expected a space before ..."
            start = pos;
            int64_t index = 0;
            while (pos < n && digit(s[pos])) {
                index = index * 10 + (s[pos++] - '0');
                if (index > kMaxFeatures) return 1;  // "feature index ... exceeds the limit"
            }
            if (pos == start || pos >= n || s[pos] != ':') return 1;  // "expected index:value"
            if (index < 1 || index <= previous) return 1;             // 1-based, increasing
            start = ++pos;
            pos = token_end(s, n, pos);
            double v;
            if (pos == start || !fast_parse(s, start, pos, &v)) return 1;  // missing or not fast
            if (++c->entries > kMaxEntries) return 1;
            if (v != 0) {  // assemble drops explicit zeros (-0.0 included)
                if (kFill) {
                    col_index[c->nonzeros] = static_cast<int32_t>(index - 1);
                    values[c->nonzeros] = v;
                }
                ++c->nonzeros;
            }
            previous = index;
            if (index > c->max_index) c->max_index = index;
        }
        ++c->rows;
        pos = end_line(s, n, pos);
    }
    if (c->rows == 0) return 1;  // "no data rows"
    if (kFill) row_start[c->rows] = static_cast<int32_t>(c->nonzeros);
    return 0;
}

}  // namespace

BM_EXPORT int64_t bm_libsvm_scan(const uint8_t* s, int64_t n, int64_t* out4) {
    if (n < 0 || out4 == nullptr || (n > 0 && s == nullptr)) return BM_EINVAL;
    Counts c;
    const int rc = parse<false>(s, n, &c, nullptr, nullptr, nullptr, nullptr);
    if (rc != 0) return rc;
    out4[0] = c.rows;
    out4[1] = c.nonzeros;
    out4[2] = c.max_index;
    out4[3] = c.entries;
    return 0;
}

BM_EXPORT int bm_libsvm_fill(const uint8_t* s, int64_t n, int32_t* row_start, int32_t* col_index, double* values,
                             double* labels) {
    if (n <= 0 || s == nullptr || row_start == nullptr || labels == nullptr) return BM_EINVAL;
    // col_index and values may be NULL only when there are no non-zeros (zero-length Java arrays).
    Counts c;
    return parse<true>(s, n, &c, row_start, col_index, values, labels);
}
