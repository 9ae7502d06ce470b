// bm_exp against values of Java's StrictMath.exp (fdlibm), and the logistic-regression kernels:
// every SIMD level gives the same bits, known values, argument checks. LogisticNativeTest.java
// checks them against the Java code they replace.
#include "test_util.h"

std::vector<int> simd_levels();

namespace {

uint64_t bits(double x) {
    uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

// Sparse binary rows (normalised: each non-zero 1/sqrt(count)), labels alternating.
struct Rows {
    std::vector<int32_t> start{0}, col;
    std::vector<double> val, common, labels;
    int64_t d;
    Rows(int64_t rows, int64_t d_, uint64_t seed) : d(d_) {
        Rng r(seed);
        for (int64_t i = 0; i < rows; ++i) {
            int64_t n = 0;
            for (int64_t j = 0; j < d; ++j)
                if (r.uniform() < 0.2 || (j == d - 1 && n == 0)) {
                    col.push_back(static_cast<int32_t>(j));
                    ++n;
                }
            for (int64_t k = 0; k < n; ++k) val.push_back(1 / std::sqrt(static_cast<double>(n)));
            common.push_back(1 / std::sqrt(static_cast<double>(n)));
            start.push_back(static_cast<int32_t>(col.size()));
            labels.push_back(static_cast<double>(i % 2));
        }
    }
    int64_t rows() const { return static_cast<int64_t>(labels.size()); }
    // The same columns as 1- and 2-byte indices (d <= 256 here).
    std::vector<uint8_t> col8() const { return std::vector<uint8_t>(col.begin(), col.end()); }
    std::vector<uint16_t> col16() const { return std::vector<uint16_t>(col.begin(), col.end()); }
};

}  // namespace

namespace {

// The regulariser's weights passed to the clients' kernels (LogisticRegression: eta, rho).
constexpr double kEta = 0.01;
constexpr double kRho = 0.3;

double ncg(double t) {
    const double q = 1 + t * t;
    return 2 * t / (q * q);
}

}  // namespace

void suite_logistic() {
    static const struct {
        double x;
        uint64_t want;
    } kExp[] = {
        {0x1.0p0, 0x4005bf0a8b14576aULL},          {-0x1.0p0, 0x3fd78b56362cef38ULL},
        {0x1.0p-1, 0x3ffa61298e1e069cULL},         {-0x1.3333333333333p-2, 0x3fe7b4c869c37c05ULL},
        {0x1.4484bfeebc2ap-100, 0x3ff0000000000000ULL}, {-0x1.748p9, 0x1ULL},
        {-0x1.749999999999ap9, 0x0ULL},            {0x1.62d999999999ap9, 0x7fed75ae7a50ee14ULL},
        {0x1.62e6666666666p9, 0x7ff0000000000000ULL}, {-0x1.624p9, 0xe6cf6d08897acULL},
        {-0x1.63p9, 0x33802fd28b3c3ULL},           {0x1.4p4, 0x41bceb088b68e804ULL},
        {-0x1.62e42fefa39efp-2, 0x3fe6a09e667f3bccULL}, {0x1.62e42fefa3bdcp-2, 0x3ff6a09e667f3c7bULL},
        {0x1.0a2b23f3bace5p0, 0x4006a09e667f3dd8ULL}, {-0x1.0a2b23f3fcc6dp0, 0x3fd6a09e66796503ULL},
    };
    const int64_t nk = sizeof kExp / sizeof kExp[0];
    std::vector<double> x(nk), out(nk);
    for (int64_t i = 0; i < nk; ++i) x[i] = kExp[i].x;
    for (int level : simd_levels()) {
        CHECK(bm_exp(x.data(), nk, out.data(), level) == BM_OK, "rc");
        for (int64_t i = 0; i < nk; ++i)
            CHECK(bits(out[i]) == kExp[i].want, "level %d: exp(%a) = %a", level, x[i], out[i]);
    }
    // Every level agrees on random arguments, NaN, the infinities and the thresholds included.
    Rng r(11);
    const int64_t n = 20000;
    std::vector<double> a(n), e0(n), e1(n);
    for (int64_t i = 0; i < n; ++i) a[i] = (r.uniform() * 2 - 1) * (i % 3 == 0 ? 800 : 3);
    a[0] = NAN;
    a[1] = INFINITY;
    a[2] = -INFINITY;
    a[3] = -0.0;
    CHECK(bm_exp(a.data(), n, e0.data(), 0) == BM_OK, "rc");
    CHECK(e0[1] == INFINITY && e0[2] == 0.0 && e0[3] == 1.0 && e0[0] != e0[0], "specials");
    for (int level : simd_levels()) {
        bm_exp(a.data(), n, e1.data(), level);
        CHECK(std::memcmp(e0.data(), e1.data(), n * sizeof(double)) == 0 || e1[0] != e1[0], "level %d differs", level);
        CHECK(std::memcmp(e0.data() + 1, e1.data() + 1, (n - 1) * sizeof(double)) == 0, "level %d differs", level);
    }

    Rows rows(300, 23, 5);
    std::vector<double> x1(23), x0(23), g0(23), g1(23), z(600), t(300), ee(300), sc(300);
    for (int64_t j = 0; j < 23; ++j) {
        x1[j] = r.uniform() * 4 - 2;
        x0[j] = r.uniform() * 4 - 2;
    }
    const int32_t batch[] = {0, 7, 7, 40, 99, 12};
    for (int flip = 0; flip <= 1; ++flip) {
        CHECK(bm_logistic_batch(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23, 100,
                                batch, 6, x1.data(), flip ? nullptr : x0.data(), flip, kEta, kRho, g0.data(), z.data(), 0) == BM_OK, "rc");
        for (int level : simd_levels()) {
            bm_logistic_batch(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23, 100,
                              batch, 6, x1.data(), flip ? nullptr : x0.data(), flip, kEta, kRho, g1.data(), z.data(), level);
            CHECK(std::memcmp(g0.data(), g1.data(), sizeof(double) * 23) == 0, "batch, level %d", level);
        }
        bm_logistic_full(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23, 50, 250,
                         x1.data(), flip, kEta, kRho, g0.data(), z.data(), 0);
        for (int level : simd_levels()) {
            bm_logistic_full(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23, 50,
                             250, x1.data(), flip, kEta, kRho, g1.data(), z.data(), level);
            CHECK(std::memcmp(g0.data(), g1.data(), sizeof(double) * 23) == 0, "full, level %d", level);
        }
    }
    // The regulariser: with weights (eta, rho) each coordinate is the unweighted result plus
    // eta x1 + rho ncg(x1) (a difference: eta (x1 - x0) + rho (ncg(x1) - ncg(x0))), exactly.
    for (int diff = 0; diff <= 1; ++diff)
        for (int level : simd_levels()) {
            std::vector<double> plain(23), reg(23);
            const double* p0 = diff ? x0.data() : nullptr;
            bm_logistic_batch(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(),
                              23, 100, batch, 6, x1.data(), p0, 0, 0.0, 0.0, plain.data(), z.data(), level);
            bm_logistic_batch(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(),
                              23, 100, batch, 6, x1.data(), p0, 0, kEta, kRho, reg.data(), z.data(), level);
            for (int64_t j = 0; j < 23; ++j) {
                const double add = diff ? kEta * (x1[j] - x0[j]) + kRho * (ncg(x1[j]) - ncg(x0[j]))
                                        : kEta * x1[j] + kRho * ncg(x1[j]);
                const double want = plain[j] + add;
                CHECK(bits(reg[j]) == bits(want), "regulariser, difference %d, level %d, [%d]", diff, level,
                      static_cast<int>(j));
            }
            if (diff) continue;
            bm_logistic_full(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23,
                             50, 250, x1.data(), 1, 0.0, 0.0, plain.data(), z.data(), level);
            bm_logistic_full(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23,
                             50, 250, x1.data(), 1, kEta, kRho, reg.data(), z.data(), level);
            for (int64_t j = 0; j < 23; ++j)
                CHECK(bits(reg[j]) == bits(plain[j] + (kEta * x1[j] + kRho * ncg(x1[j]))), "full regulariser, level %d",
                      level);
        }
    // The narrow layouts (1- and 2-byte columns, a value per row) give the same bits on every level.
    {
        const std::vector<uint8_t> c8 = rows.col8();
        const std::vector<uint16_t> c16 = rows.col16();
        const void* cols[] = {rows.col.data(), c16.data(), c8.data()};
        const int widths[] = {4, 2, 1};
        for (int flip = 0; flip <= 1; ++flip) {
            bm_logistic_batch(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(),
                              23, 100, batch, 6, x1.data(), flip ? nullptr : x0.data(), flip, kEta, kRho, g0.data(), z.data(), 0);
            std::vector<double> f0(23);
            bm_logistic_full(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23,
                             50, 250, x1.data(), flip, kEta, kRho, f0.data(), z.data(), 0);
            for (int w = 0; w < 3; ++w)
                for (int per_row = 0; per_row <= 1; ++per_row)
                    for (int level : simd_levels()) {
                        const double* v = per_row ? rows.common.data() : rows.val.data();
                        CHECK(bm_logistic_batch(rows.start.data(), cols[w], widths[w], v, per_row, rows.labels.data(),
                                                rows.rows(), 23, 100, batch, 6, x1.data(), flip ? nullptr : x0.data(), flip,
                                                kEta, kRho, g1.data(), z.data(), level) == BM_OK, "rc");
                        CHECK(std::memcmp(g0.data(), g1.data(), sizeof(double) * 23) == 0,
                              "batch, %d-byte columns, row values %d, level %d", widths[w], per_row, level);
                        CHECK(bm_logistic_full(rows.start.data(), cols[w], widths[w], v, per_row, rows.labels.data(),
                                               rows.rows(), 23, 50, 250, x1.data(), flip, kEta, kRho, g1.data(), z.data(), level) == BM_OK,
                              "rc");
                        CHECK(std::memcmp(f0.data(), g1.data(), sizeof(double) * 23) == 0,
                              "full, %d-byte columns, row values %d, level %d", widths[w], per_row, level);
                    }
        }
        // A width that cannot hold d's columns, an unknown width, row values without values.
        CHECK(bm_logistic_batch(rows.start.data(), c8.data(), 1, rows.val.data(), 0, rows.labels.data(), rows.rows(), 300,
                                100, batch, 6, x1.data(), nullptr, 0, kEta, kRho, g1.data(), z.data(), 0) == BM_EINVAL, "1 byte, d 300");
        CHECK(bm_logistic_full(rows.start.data(), c16.data(), 2, rows.val.data(), 0, rows.labels.data(), rows.rows(), 70000,
                               50, 250, x1.data(), 0, kEta, kRho, g1.data(), z.data(), 0) == BM_EINVAL, "2 bytes, d 70000");
        CHECK(bm_logistic_batch(rows.start.data(), rows.col.data(), 3, rows.val.data(), 0, rows.labels.data(), rows.rows(),
                                23, 100, batch, 6, x1.data(), nullptr, 0, kEta, kRho, g1.data(), z.data(), 0) == BM_EINVAL, "3 bytes");
        CHECK(bm_logistic_full(rows.start.data(), rows.col.data(), 4, nullptr, 1, rows.labels.data(), rows.rows(), 23, 50,
                               250, x1.data(), 0, kEta, kRho, g1.data(), z.data(), 0) == BM_EINVAL, "row values, none given");
    }
    // The loss at x = 0 is Σ_r (w0 + w1) log 2; its gradient Σ_r (w0/2 − w1/2) a_r.
    std::vector<int32_t> cs(24, 0), ri;
    for (int32_t k : rows.col) ++cs[k + 1];
    for (int j = 0; j < 23; ++j) cs[j + 1] += cs[j];
    ri.resize(rows.col.size());
    std::vector<int32_t> next(cs.begin(), cs.end() - 1);
    for (int64_t i = 0; i < rows.rows(); ++i)
        for (int32_t k = rows.start[i]; k < rows.start[i + 1]; ++k) ri[next[rows.col[k]]++] = static_cast<int32_t>(i);
    std::vector<double> w0(300), w1(300), zero(23, 0.0);
    double wsum = 0;
    for (int64_t i = 0; i < 300; ++i) {
        w0[i] = i % 7 == 0 ? 0.0 : (1 - rows.labels[i]) / 300;
        w1[i] = i % 7 == 0 ? 0.0 : rows.labels[i] / 300;
        wsum += w0[i] + w1[i];
    }
    double f = 0, f1 = 0;
    CHECK(bm_logistic_loss(rows.start.data(), rows.col.data(), rows.common.data(), cs.data(), ri.data(), w0.data(),
                           w1.data(), 300, 23, zero.data(), t.data(), ee.data(), sc.data(), &f, g0.data(), 0) == BM_OK, "rc");
    CHECK(std::fabs(f - wsum * std::log(2.0)) <= 1e-13 * f, "f(0) = %.17g, want %.17g", f, wsum * std::log(2.0));
    for (int64_t j = 0; j < 23; ++j) {
        double want = 0;
        for (int64_t i = 0; i < 300; ++i)
            for (int32_t k = rows.start[i]; k < rows.start[i + 1]; ++k)
                if (rows.col[k] == j) want += (w0[i] - w1[i]) / 2 * rows.val[k];
        CHECK(std::fabs(g0[j] - want) <= 1e-15, "grad[%d] = %g, want %g", static_cast<int>(j), g0[j], want);
    }
    bm_logistic_loss(rows.start.data(), rows.col.data(), rows.common.data(), cs.data(), ri.data(), w0.data(), w1.data(),
                     300, 23, x1.data(), t.data(), ee.data(), sc.data(), &f, g0.data(), 0);
    for (int level : simd_levels()) {
        bm_logistic_loss(rows.start.data(), rows.col.data(), rows.common.data(), cs.data(), ri.data(), w0.data(), w1.data(),
                         300, 23, x1.data(), t.data(), ee.data(), sc.data(), &f1, g1.data(), level);
        CHECK(bits(f) == bits(f1) && std::memcmp(g0.data(), g1.data(), sizeof(double) * 23) == 0, "loss, level %d", level);
    }
    // Distinct rows: groups in order of first occurrence, rows equal in value bits and columns.
    {
        //            row: 0    1    2    3    4      5    6
        const int32_t st[] = {0, 2, 4, 6, 8, 8, 8, 10};
        const int32_t cl[] = {1, 4, 1, 4, 1, 5, 1, 4, 1, 5};
        const double cm[] = {0.5, 0.5, 0.5, 0.25, NAN, -NAN, 0.5};  // 4 and 5: empty, any NaN alike
        int32_t group[7], rep[7];
        int64_t groups = -1;
        CHECK(bm_distinct_rows(st, cl, cm, 7, group, rep, &groups) == BM_OK, "rc");
        const int32_t want_group[] = {0, 0, 1, 2, 3, 3, 1};
        const int32_t want_rep[] = {0, 2, 3, 4};
        CHECK(groups == 4, "groups = %lld", static_cast<long long>(groups));
        for (int r = 0; r < 7; ++r) CHECK(group[r] == want_group[r], "group_of[%d] = %d", r, group[r]);
        for (int g = 0; g < 4 && g < groups; ++g) CHECK(rep[g] == want_rep[g], "representative[%d] = %d", g, rep[g]);
        // The generated rows: every row's group holds a row with its columns and value, first occurrences in order.
        std::vector<int32_t> g2(static_cast<size_t>(rows.rows())), r2(static_cast<size_t>(rows.rows()));
        CHECK(bm_distinct_rows(rows.start.data(), rows.col.data(), rows.common.data(), rows.rows(), g2.data(), r2.data(),
                               &groups) == BM_OK, "rc");
        int32_t seen = 0;
        for (int64_t r = 0; r < rows.rows(); ++r) {
            const int32_t g = g2[static_cast<size_t>(r)];
            CHECK(g >= 0 && g <= seen && g < groups, "group order at row %d", static_cast<int>(r));
            if (g == seen) {
                CHECK(r2[static_cast<size_t>(g)] == r, "representative of group %d", g);
                ++seen;
            }
            const int32_t s = r2[static_cast<size_t>(g)];
            CHECK(rows.common[static_cast<size_t>(s)] == rows.common[static_cast<size_t>(r)] &&
                      rows.start[s + 1] - rows.start[s] == rows.start[r + 1] - rows.start[r] &&
                      std::equal(rows.col.begin() + rows.start[s], rows.col.begin() + rows.start[s + 1],
                                 rows.col.begin() + rows.start[r]),
                  "row %d is not its representative's copy", static_cast<int>(r));
        }
        CHECK(seen == groups, "groups counted");
        CHECK(bm_distinct_rows(st, nullptr, cm, 7, group, rep, &groups) == BM_EINVAL, "no columns");
    }
    // Rows rearranged: a gather in a given order, the column index, narrow column indices.
    {
        const int64_t n = rows.rows();
        std::vector<int32_t> order;
        for (int64_t i = n - 1; i >= 0; i -= 3) order.push_back(static_cast<int32_t>(i));
        order.push_back(0);
        order.push_back(0);
        const int64_t m = static_cast<int64_t>(order.size());
        std::vector<int32_t> st(static_cast<size_t>(m + 1), -1);
        CHECK(bm_rows_gather(rows.start.data(), rows.col.data(), rows.val.data(), order.data(), m, st.data(), nullptr,
                             nullptr) == BM_OK, "rc");
        std::vector<int32_t> gc(static_cast<size_t>(st[m]));
        std::vector<double> gv(static_cast<size_t>(st[m]));
        CHECK(bm_rows_gather(rows.start.data(), rows.col.data(), rows.val.data(), order.data(), m, st.data(), gc.data(),
                             gv.data()) == BM_OK, "rc");
        CHECK(st[0] == 0, "start");
        for (int64_t i = 0; i < m; ++i) {
            const int32_t r = order[static_cast<size_t>(i)];
            CHECK(st[i + 1] - st[i] == rows.start[r + 1] - rows.start[r], "row %d's length", static_cast<int>(i));
            for (int32_t k = 0; k < st[i + 1] - st[i]; ++k)
                CHECK(gc[st[i] + k] == rows.col[rows.start[r] + k] && bits(gv[st[i] + k]) == bits(rows.val[rows.start[r] + k]),
                      "row %d, non-zero %d", static_cast<int>(i), k);
        }
        std::vector<int32_t> cs(24), ri(rows.col.size()), next(23);
        CHECK(bm_rows_by_columns(rows.start.data(), rows.col.data(), n, 23, cs.data(), ri.data(), next.data()) == BM_OK, "rc");
        int64_t at = 0;
        for (int32_t j = 0; j < 23; ++j) {
            CHECK(cs[j] == at, "col_start[%d]", j);
            for (int64_t r = 0; r < n; ++r)
                for (int32_t k = rows.start[r]; k < rows.start[r + 1]; ++k)
                    if (rows.col[k] == j) {
                        CHECK(ri[static_cast<size_t>(at)] == r, "column %d's rows", j);
                        ++at;
                    }
        }
        CHECK(cs[23] == at, "col_start[d]");
        const std::vector<int32_t> wide = {0, 1, 255, 256, 65535, 7};
        uint8_t n8[6];
        uint16_t n16[6];
        CHECK(bm_narrow_index(wide.data(), 3, 1, n8) == BM_OK && n8[0] == 0 && n8[1] == 1 && n8[2] == 255, "1 byte");
        CHECK(bm_narrow_index(wide.data(), 6, 2, n16) == BM_OK && n16[3] == 256 && n16[4] == 65535 && n16[5] == 7, "2 bytes");
        CHECK(bm_narrow_index(wide.data(), 6, 4, n16) == BM_EINVAL, "4 bytes is not narrow");
        CHECK(bm_rows_gather(rows.start.data(), rows.col.data(), rows.val.data(), order.data(), m, st.data(), gc.data(),
                             nullptr) == BM_EINVAL, "columns without values");
    }
    // Argument checks: a batch row past the end, a block past the end, an unknown SIMD level.
    const int32_t bad[] = {250};
    CHECK(bm_logistic_batch(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23, 100,
                            bad, 1, x1.data(), nullptr, 0, kEta, kRho, g0.data(), z.data(), 0) == BM_EINVAL, "row past the end");
    CHECK(bm_logistic_full(rows.start.data(), rows.col.data(), 4, rows.val.data(), 0, rows.labels.data(), rows.rows(), 23, 250, 51,
                           x1.data(), 0, kEta, kRho, g0.data(), z.data(), 0) == BM_EINVAL, "block past the end");
    CHECK(bm_exp(x.data(), nk, out.data(), 7) == BM_EINVAL, "simd level");
    CHECK(bm_logistic_loss(rows.start.data(), rows.col.data(), rows.common.data(), nullptr, nullptr, w0.data(), w1.data(),
                           300, 23, x1.data(), t.data(), ee.data(), sc.data(), &f, g0.data(), 0) == BM_EINVAL, "no column index");
}
