// bm_libsvm_scan / bm_libsvm_fill: hand-written files with their expected rows (line ends, comments,
// blanks, number forms, dropped zeros), random files checked against strtod, the cases the Java
// parser must handle itself (return 1), and argument checks.
#include <cstdlib>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

struct Parsed {
    int64_t rc = -99;
    int64_t counts[4] = {-1, -1, -1, -1};
    std::vector<int32_t> row_start, col_index;
    std::vector<double> values, labels;
};

const uint8_t* bytes(const std::string& t) { return reinterpret_cast<const uint8_t*>(t.data()); }

Parsed parse(const std::string& text) {
    Parsed p;
    const int64_t n = static_cast<int64_t>(text.size());
    p.rc = bm_libsvm_scan(bytes(text), n, p.counts);
    if (p.rc != 0) return p;
    p.row_start.assign(static_cast<size_t>(p.counts[0] + 1), -7);
    p.col_index.assign(static_cast<size_t>(p.counts[1]), -7);
    p.values.assign(static_cast<size_t>(p.counts[1]), -7.0);
    p.labels.assign(static_cast<size_t>(p.counts[0]), -7.0);
    const int rc = bm_libsvm_fill(bytes(text), n, p.row_start.data(), p.col_index.data(), p.values.data(),
                                  p.labels.data());
    CHECK(rc == BM_OK, "fill rc %d", rc);
    return p;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect(const std::string& what, const std::string& text, std::vector<double> labels,
            std::vector<int32_t> row_start, std::vector<int32_t> cols, std::vector<double> values, int64_t max_index,
            int64_t entries) {
    const Parsed p = parse(text);
    CHECK(p.rc == 0, "%s: rc %lld", what.c_str(), static_cast<long long>(p.rc));
    if (p.rc != 0) return;
    CHECK(p.counts[0] == static_cast<int64_t>(labels.size()), "%s: rows %lld", what.c_str(),
          static_cast<long long>(p.counts[0]));
    CHECK(p.counts[1] == static_cast<int64_t>(values.size()), "%s: non-zeros %lld", what.c_str(),
          static_cast<long long>(p.counts[1]));
    CHECK(p.counts[2] == max_index, "%s: max index %lld", what.c_str(), static_cast<long long>(p.counts[2]));
    CHECK(p.counts[3] == entries, "%s: entries %lld", what.c_str(), static_cast<long long>(p.counts[3]));
    if (p.counts[0] != static_cast<int64_t>(labels.size()) || p.counts[1] != static_cast<int64_t>(values.size())) return;
    CHECK(p.row_start == row_start, "%s: row_start", what.c_str());
    CHECK(p.col_index == cols, "%s: col_index", what.c_str());
    for (size_t i = 0; i < values.size(); ++i)
        CHECK(same_bits(p.values[i], values[i]), "%s: value %zu = %.17g, want %.17g", what.c_str(), i, p.values[i],
              values[i]);
    for (size_t i = 0; i < labels.size(); ++i)
        CHECK(same_bits(p.labels[i], labels[i]), "%s: label %zu = %.17g, want %.17g", what.c_str(), i, p.labels[i],
              labels[i]);
}

void refused(const std::string& text) {
    int64_t out[4] = {-5, -5, -5, -5};
    const int64_t rc = bm_libsvm_scan(bytes(text), static_cast<int64_t>(text.size()), out);
    CHECK(rc == 1, "'%s': rc %lld, want 1", text.c_str(), static_cast<long long>(rc));
    CHECK(out[0] == -5 && out[1] == -5 && out[2] == -5 && out[3] == -5, "'%s': out written", text.c_str());
}

// A random file of the forms the fast path takes, and its rows as strtod reads the same numbers
// (with at most 15 digits, mant / 10^scale rounded once is the correctly rounded decimal).
void random_file(Rng& r, std::string* text, Parsed* want) {
    static const char* kEnds[] = {"\n", "\r\n", "\r"};
    want->row_start.push_back(0);
    const int rows = 1 + static_cast<int>(r.below(40));
    for (int i = 0; i < rows; ++i) {
        if (r.below(6) == 0) *text += r.below(2) ? "# comment\n" : " \t\n";
        const std::string label = r.below(2) ? "+1" : (r.below(2) ? "-1" : "0.25");
        *text += label;
        want->labels.push_back(std::strtod(label.c_str(), nullptr));
        int64_t index = 0;
        const int pairs = static_cast<int>(r.below(8));
        for (int k = 0; k < pairs; ++k) {
            index += 1 + r.below(30);
            std::string v;
            if (r.below(2)) v += r.below(2) ? "-" : "+";
            const int digits = 1 + static_cast<int>(r.below(15));
            const int dot = static_cast<int>(r.below(static_cast<int64_t>(digits) + 2)) - 1;  // -1: none
            for (int j = 0; j < digits; ++j) {
                if (j == dot) v += '.';
                v += static_cast<char>('0' + (r.below(4) == 0 ? 0 : r.below(10)));
            }
            if (dot == digits) v += '.';
            *text += r.below(3) == 0 ? "\t" : " ";
            *text += std::to_string(index) + ":" + v;
            const double d = std::strtod(v.c_str(), nullptr);
            if (d != 0) {
                want->col_index.push_back(static_cast<int32_t>(index - 1));
                want->values.push_back(d);
            }
        }
        want->row_start.push_back(static_cast<int32_t>(want->values.size()));
        if (r.below(5) == 0) *text += " # trailing";
        if (i + 1 < rows || r.below(2)) *text += kEnds[r.below(3)];
    }
}

}  // namespace

void suite_libsvm() {
    expect("basic", "+1 1:0.5 3:2\n-1 2:1\n", {1, -1}, {0, 2, 3}, {0, 2, 1}, {0.5, 2, 1}, 3, 3);
    expect("line ends, comments, blanks, no final newline",
           "# header\r\n\t+1\t1:0.5 3:2 # tail\r\n\r\n \n-1 2:1#x\r0 4:7\r\r1 2:3", {1, -1, 0, 1}, {0, 2, 3, 4, 5},
           {0, 2, 1, 3, 1}, {0.5, 2, 1, 7, 3}, 4, 5);
    expect("bare labels", "1\n-1 # none\n2 5:1\n", {1, -1, 2}, {0, 0, 0, 1}, {4}, {1}, 5, 1);
    expect("only bare labels", "3\n", {3}, {0, 0}, {}, {}, 0, 0);
    expect("zeros dropped", "1 1:0 2:-0 3:0.000 4:+0. 5:1\n-0 6:0\n", {1, -0.0}, {0, 1, 1}, {4}, {1}, 6, 6);
    expect("number forms", "+3 1:5. 2:.5 3:-.25 4:007 5:+3 6:123456789012345 7:0.00000000000001 8:-1.5\n",
           {3}, {0, 8}, {0, 1, 2, 3, 4, 5, 6, 7}, {5, 0.5, -0.25, 7, 3, 123456789012345.0, 1e-14, -1.5}, 8, 8);
    expect("index with leading zeros", "1 0002:1 10000000:2\n", {1}, {0, 2}, {1, 9999999}, {1, 2}, 10000000, 2);
    CHECK(same_bits(parse("-0 1:1\n").labels.at(0), -0.0), "label -0 keeps its sign");

    Rng r(17);
    for (int f = 0; f < 300; ++f) {
        std::string text;
        Parsed want;
        random_file(r, &text, &want);
        const Parsed p = parse(text);
        CHECK(p.rc == 0, "random %d: rc %lld", f, static_cast<long long>(p.rc));
        if (p.rc != 0) continue;
        CHECK(p.counts[0] == static_cast<int64_t>(want.labels.size()), "random %d: rows", f);
        CHECK(p.row_start == want.row_start && p.col_index == want.col_index, "random %d: structure", f);
        bool same = p.values.size() == want.values.size() && p.labels.size() == want.labels.size();
        for (size_t i = 0; same && i < want.values.size(); ++i) same = same_bits(p.values[i], want.values[i]);
        for (size_t i = 0; same && i < want.labels.size(); ++i) same = same_bits(p.labels[i], want.labels[i]);
        CHECK(same, "random %d: values or labels differ from strtod", f);
    }

    // Left to the Java parser: its slow path (Double.parseDouble) and everything it reports.
    for (const char* t : {"1 1:1e5\n", "1e0 1:1\n", "1 1:1234567890123456\n", "1 1:0000000000000001\n",
                          "1 1:NaN\n", "1 1:x\n", "1 1:.\n", "1 1:-\n", "1 1:1.2.3\n", "1 1:2:3\n", "1 1:\n",
                          "1 1: 2\n", "abc 1:1\n", "1 0:1\n", "1 3:1 2:1\n", "1 2:1 2:1\n", "1 10000001:1\n",
                          "1 99999999999:1\n", "1 3\n", "1 :3\n", "1 1:1 2:2x\n", "1 1:1,2:2\n", "1 1:12:2\n",
                          "1 1:1\n-1 a:1\n", "\n\n", "# only\n", "", " \t\r\n", "1 1:1\xEF\n", "1 1:0x10\n"})
        refused(t);

    int64_t out[4];
    int32_t rs[2];
    double lab[1];
    const std::string ok = "1 1:1\n";
    CHECK(bm_libsvm_scan(nullptr, 0, out) == 1, "no bytes: no rows");
    CHECK(bm_libsvm_scan(nullptr, 1, out) == BM_EINVAL, "null bytes");
    CHECK(bm_libsvm_scan(bytes(ok), -1, out) == BM_EINVAL, "negative length");
    CHECK(bm_libsvm_scan(bytes(ok), 6, nullptr) == BM_EINVAL, "null out");
    CHECK(bm_libsvm_fill(nullptr, 6, rs, nullptr, nullptr, lab) == BM_EINVAL, "fill: null bytes");
    CHECK(bm_libsvm_fill(bytes(ok), 0, rs, nullptr, nullptr, lab) == BM_EINVAL, "fill: no bytes");
    CHECK(bm_libsvm_fill(bytes(ok), 6, nullptr, nullptr, nullptr, lab) == BM_EINVAL, "fill: null row_start");
    CHECK(bm_libsvm_fill(bytes(ok), 6, rs, nullptr, nullptr, nullptr) == BM_EINVAL, "fill: null labels");
}
