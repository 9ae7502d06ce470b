package org.byzmarina.problems;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * The rows of a data matrix (row-major, rows × cols), stored the way its sparsity calls for:
 * <ul>
 *   <li>dense data (e.g. the synthetic problem) off-heap, where OpenBLAS reads it in place
 *       (matrix–vector products by dgemv), plus an on-heap copy for gathering minibatch rows;</li>
 *   <li>sparse data (a9a: 14 non-zeros in 123 columns, w8a: 12 in 300) as compressed sparse rows,
 *       whose products are plain loops over the non-zeros: a tenth of the memory traffic of dgemv
 *       over the dense form, and small enough (5.5 MB for a9a) to stay in cache between rounds.</li>
 * </ul>
 * Minibatch rows are gathered into a dense block for BLAS when dense, and read through their
 * non-zeros when sparse (a9a's minibatch of 32 rows: 450 products instead of a 4 000-value gather
 * and two BLAS calls). The metrics' full products ({@link #multiplyFactored},
 * {@link #multiplyTransposedFactored}) factor binary rows and sum in another, equally fixed, order.
 * Filled once, then read-only; scratch makes one instance serve one thread.
 */
final class Rows {
    final int rows;
    final int cols;
    private final double[] dense;
    private final DoublePointer denseOffHeap;
    private final DoublePointer px;
    private final DoublePointer pz;
    private final DoubleBuffer vx;
    private final DoubleBuffer vz;
    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] values;
    /** common[r]: the value every non-zero of sparse row r shares (binary features, normalised), else NaN. */
    private final double[] common;
    private double[] zeros = new double[0];
    /** Whether every sparse row is binary (common[r] a number for every r, so no row is empty). */
    private final boolean allCommon;
    /** Scratch of {@link #multiplyTransposedFactored}: two copies of its output; or the rows by column (built on first use), and r_row·v_row. */
    private double[] halves;
    private final ColumnIndex byColumns;
    /** The distinct rows (built on first use, shared by forks). */
    private final DistinctHolder distinct;
    private double[] scaled;
    private DoublePointer denseView;
    private int[] extentStart = new int[0];
    private int[] extentEnd = new int[0];

    /** The values (rows × cols, row-major): sparse storage below 25 % non-zeros, else dense (kept, not copied). */
    static Rows ofMatrix(int rows, int cols, double[] matrix) {
        if ((long) rows * cols != matrix.length) {
            throw new IllegalArgumentException(matrix.length + " values for a " + rows + " x " + cols + " matrix");
        }
        int nonZeros = 0;
        for (double v : matrix) {
            nonZeros += v != 0 ? 1 : 0;
        }
        if (storedDense(nonZeros, matrix.length)) {
            return new Rows(rows, cols, matrix);
        }
        int[] rowStart = new int[rows + 1];
        int[] colIndex = new int[nonZeros];
        double[] values = new double[nonZeros];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = k;
            for (int j = 0; j < cols; j++) {
                double v = matrix[r * cols + j];
                if (v != 0) {
                    colIndex[k] = j;
                    values[k++] = v;
                }
            }
        }
        rowStart[rows] = k;
        return new Rows(rows, cols, rowStart, colIndex, values);
    }

    /** Whether {@link #ofMatrix} stores a matrix of this many entries, nonZeros of them non-zero, dense (at least 25 %). */
    static boolean storedDense(long nonZeros, long entries) {
        return nonZeros >= entries / 4;
    }

    /** Dense rows, off-heap for OpenBLAS (plus the on-heap matrix for gathering minibatch rows). */
    private Rows(int rows, int cols, double[] matrix) {
        this.rows = rows;
        this.cols = cols;
        dense = matrix;
        denseOffHeap = new DoublePointer(Math.max(1L, (long) rows * cols));
        denseOffHeap.put(matrix);
        px = new DoublePointer(Math.max(1, cols));
        pz = new DoublePointer(Math.max(1, rows));
        vx = px.asBuffer();
        vz = pz.asBuffer();
        rowStart = null;
        colIndex = null;
        values = null;
        common = null;
        allCommon = false;
        byColumns = null;
        distinct = null;
    }

    /**
     * The data set's rows in the given order (row r is the data set's row order[r]; null = as they
     * are): compressed sparse rows straight from a sparse data set below 25 % non-zeros, without
     * ever forming its dense matrix; otherwise as {@link #ofMatrix}.
     */
    static Rows of(org.byzmarina.data.Dataset data, int[] order) {
        int rows = data.rows();
        int cols = data.dim();
        if (data.isSparse() && data.storedEntries() < (long) rows * cols / 4) {
            if (order == null) { // the runs of a sweep on one data set share its rows (and column index)
                Rows template;
                synchronized (IN_FILE_ORDER) {
                    template = IN_FILE_ORDER.computeIfAbsent(data, d -> sparseRows(d, null));
                }
                return template.fork();
            }
            return sparseRows(data, order);
        }
        double[] dense = data.features();
        if (order != null) {
            double[] permuted = new double[Math.multiplyExact(rows, cols)];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(dense, order[r] * cols, permuted, r * cols, cols);
            }
            dense = permuted;
        }
        return ofMatrix(rows, cols, dense);
    }

    /** Sparse rows of a data set in the given order, copied out of it (null: as they are, its arrays shared). */
    private static Rows sparseRows(org.byzmarina.data.Dataset data, int[] order) {
        return gather(data.dim(), data.rowStart(), data.colIndex(), data.values(), order, data.rows());
    }

    /**
     * Rows order[0 .. rows) of compressed sparse rows, copied into new ones; null: all rows as they are,
     * sharing the arrays (a Dataset's are never written after it is made, nor are a Rows').
     */
    private static Rows gather(int cols, int[] from, int[] colIndex, double[] values, int[] order, int rows) {
        if (order == null && from.length == rows + 1 && from[0] == 0 && colIndex.length == from[rows]
                && values.length == from[rows]) {
            return new Rows(rows, cols, from, colIndex, values); // all rows as they are: shared (both only read them)
        }
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            int src = order == null ? r : order[r];
            start[r + 1] = start[r] + from[src + 1] - from[src];
        }
        int[] index = new int[start[rows]];
        double[] vals = new double[index.length];
        for (int r = 0; r < rows; r++) {
            int src = order == null ? r : order[r];
            System.arraycopy(colIndex, from[src], index, start[r], start[r + 1] - start[r]);
            System.arraycopy(values, from[src], vals, start[r], start[r + 1] - start[r]);
        }
        return new Rows(rows, cols, start, index, vals);
    }

    /** Sparse rows of data sets in file order, by data set (weakly: the parse cache keeps a data set alive). */
    private static final java.util.Map<org.byzmarina.data.Dataset, Rows> IN_FILE_ORDER = new java.util.WeakHashMap<>();

    private Rows(int rows, int cols, int[] rowStart, int[] colIndex, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.values = values;
        common = commonValues(rows, rowStart, values);
        allCommon = allNumbers(common);
        byColumns = new ColumnIndex();
        distinct = new DistinctHolder();
        dense = null;
        denseOffHeap = null;
        px = null;
        pz = null;
        vx = null;
        vz = null;
    }

    /** Per sparse row, the value all its non-zeros share, else NaN (also for an empty row). */
    private static double[] commonValues(int rows, int[] rowStart, double[] values) {
        double[] common = new double[rows];
        for (int r = 0; r < rows; r++) {
            double v = rowStart[r] < rowStart[r + 1] ? values[rowStart[r]] : Double.NaN;
            for (int q = rowStart[r]; q < rowStart[r + 1] && v == v; q++) {
                v = values[q] == v ? v : Double.NaN;
            }
            common[r] = v;
        }
        return common;
    }

    private static boolean allNumbers(double[] common) {
        boolean all = true;
        for (double v : common) {
            all &= v == v;
        }
        return all;
    }

    /** A view sharing this matrix (read-only) with scratch of its own, for another thread. */
    Rows fork() {
        return new Rows(this);
    }

    private Rows(Rows shared) {
        this.rows = shared.rows;
        this.cols = shared.cols;
        this.dense = shared.dense;
        this.denseOffHeap = shared.denseOffHeap;
        this.rowStart = shared.rowStart;
        this.colIndex = shared.colIndex;
        this.values = shared.values;
        this.common = shared.common;
        this.allCommon = shared.allCommon;
        this.byColumns = shared.byColumns;
        this.distinct = shared.distinct;
        if (dense != null) {
            px = new DoublePointer(Math.max(1, cols));
            pz = new DoublePointer(Math.max(1, rows));
            vx = px.asBuffer();
            vz = pz.asBuffer();
        } else {
            px = null;
            pz = null;
            vx = null;
            vz = null;
        }
    }

    /** The dense rows from {@code first} on, through one reused view (no Pointer allocated per call). */
    private DoublePointer rowsFrom(int first) {
        if (denseView == null) {
            denseView = new DoublePointer(denseOffHeap);
        }
        return denseView.position((long) first * cols);
    }

    /** z[0 .. count) = A[first .. first + count) x. */
    void multiply(int first, int count, double[] x, double[] z) {
        if (dense != null) {
            vx.put(0, x);
            Blas.gemv(rowsFrom(first), count, cols, px, pz);
            vz.get(0, z, 0, count);
            return;
        }
        for (int r = 0; r < count; r++) {
            double s = 0;
            for (int k = rowStart[first + r]; k < rowStart[first + r + 1]; k++) {
                s += values[k] * x[colIndex[k]];
            }
            z[r] = s;
        }
    }

    /** out = alpha · A[first .. first + count)ᵀ r. */
    void multiplyTransposed(int first, int count, double alpha, double[] r, double[] out) {
        if (dense != null) {
            vz.put(0, r, 0, count);
            Blas.gemvTransposed(rowsFrom(first), count, cols, alpha, pz, px);
            vx.get(0, out);
            return;
        }
        java.util.Arrays.fill(out, 0.0);
        for (int row = 0; row < count; row++) {
            double c = r[row];
            if (c != 0) {
                for (int k = rowStart[first + row]; k < rowStart[first + row + 1]; k++) {
                    out[colIndex[k]] += c * values[k];
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            out[j] *= alpha;
        }
    }

    /**
     * z = A x over all rows, where a sparse row whose non-zeros all equal v (binary features after
     * normalisation: every row of a9a and w8a) is summed as v·Σ_k x[col_k], one multiplication instead
     * of one per non-zero and no read of the values. It rounds differently from {@link #multiply}: for
     * the metrics, never for the trajectory. Dense rows: {@link #multiply}.
     */
    void multiplyFactored(double[] x, double[] z) {
        if (dense != null) {
            multiply(0, rows, x, z);
            return;
        }
        for (int r = 0; r < rows; r++) {
            double v = common[r];
            double s = 0;
            if (v == v) {
                for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
                    s += x[colIndex[k]];
                }
                s *= v;
            } else {
                for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
                    s += values[k] * x[colIndex[k]];
                }
            }
            z[r] = s;
        }
    }

    /**
     * out = Aᵀ r over all rows, factored like {@link #multiplyFactored}. When every row is binary
     * (a9a, w8a), column by column: out[j] = Σ_{rows holding j} r_row·v_row, the rows' products formed
     * once and the column's terms summed in four interleaved sums (terms k mod 4, combined as
     * (s0 + s1) + (s2 + s3)); a gather like the products', about 2× faster than scattering rows
     * into out. The column index (one int per non-zero) is built on the first call. Otherwise row by
     * row, even rows into one copy of out and odd rows into another (a row's update to a column then
     * waits on the store of the row before last, not of the previous row), the copies summed at the end.
     */
    void multiplyTransposedFactored(double[] r, double[] out) {
        if (dense != null) {
            multiplyTransposed(0, rows, 1.0, r, out);
            return;
        }
        if (allCommon) {
            transposedByColumns(r, out);
            return;
        }
        if (halves == null) {
            halves = new double[2 * cols];
        }
        double[] h = halves;
        java.util.Arrays.fill(h, 0.0);
        for (int row = 0; row < rows; row++) {
            double c = r[row];
            if (c == 0) {
                continue;
            }
            int offset = (row & 1) * cols;
            double v = common[row];
            if (v == v) {
                double cv = c * v;
                for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
                    h[offset + colIndex[k]] += cv;
                }
            } else {
                for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
                    h[offset + colIndex[k]] += c * values[k];
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            out[j] = h[j] + h[cols + j];
        }
    }

    private void transposedByColumns(double[] r, double[] out) {
        byColumns.build(rows, cols, rowStart, colIndex);
        int[] colStart = byColumns.colStart;
        int[] rowIndex = byColumns.rowIndex;
        if (scaled == null) {
            scaled = new double[rows];
        }
        for (int row = 0; row < rows; row++) {
            scaled[row] = r[row] * common[row];
        }
        for (int j = 0; j < cols; j++) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int k = colStart[j];
            int end = colStart[j + 1];
            for (; k + 3 < end; k += 4) {
                s0 += scaled[rowIndex[k]];
                s1 += scaled[rowIndex[k + 1]];
                s2 += scaled[rowIndex[k + 2]];
                s3 += scaled[rowIndex[k + 3]];
            }
            for (; k < end; k++) {
                s0 += scaled[rowIndex[k]];
            }
            out[j] = (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * Writes rows base + batch[0..size) densely, one after another, into the (direct) buffer. Sparse
     * rows are gathered in two passes, first every row's extent (independent loads the CPU overlaps),
     * then the values: several times faster than row by row on random rows.
     */
    /** Row r as a dense array (for building small derived problems, e.g. the server's root sample). */
    double[] row(int r) {
        double[] v = new double[cols];
        if (dense != null) {
            System.arraycopy(dense, r * cols, v, 0, cols);
        } else {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                v[colIndex[k]] = values[k];
            }
        }
        return v;
    }

    void gatherRows(int base, int[] batch, int size, DoubleBuffer out) {
        if (dense != null) {
            for (int r = 0; r < size; r++) {
                out.put(r * cols, dense, (base + batch[r]) * cols, cols);
            }
            return;
        }
        if (extentStart.length < size) {
            extentStart = new int[size];
            extentEnd = new int[size];
            zeros = new double[size * cols];
        }
        for (int r = 0; r < size; r++) {
            extentStart[r] = rowStart[base + batch[r]];
            extentEnd[r] = rowStart[base + batch[r] + 1];
        }
        out.put(0, zeros, 0, size * cols);
        for (int r = 0; r < size; r++) {
            for (int k = extentStart[r]; k < extentEnd[r]; k++) {
                out.put(r * cols + colIndex[k], values[k]);
            }
        }
    }

    /** gram += w · a_r a_rᵀ (cols × cols, row-major; only the non-zeros of a sparse row are visited). */
    void addOuter(int r, double w, double[] gram) {
        if (dense != null) {
            int base = r * cols;
            for (int i = 0; i < cols; i++) {
                double ai = w * dense[base + i];
                if (ai != 0) {
                    for (int j = 0; j < cols; j++) {
                        gram[i * cols + j] += ai * dense[base + j];
                    }
                }
            }
            return;
        }
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
            double ai = w * values[k];
            int i = colIndex[k];
            for (int l = rowStart[r]; l < rowStart[r + 1]; l++) {
                gram[i * cols + colIndex[l]] += ai * values[l];
            }
        }
    }

    /** ‖a_r‖², summed in column order. */
    double squaredNorm(int r) {
        double s = 0;
        if (dense != null) {
            for (int j = 0; j < cols; j++) {
                double v = dense[r * cols + j];
                s += v * v;
            }
        } else {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                s += values[k] * values[k];
            }
        }
        return s;
    }

    /** The non-zero values of row r. */
    int nonZeros(int r) {
        int n = 0;
        if (dense != null) {
            for (int j = 0; j < cols; j++) {
                n += dense[r * cols + j] != 0 ? 1 : 0;
            }
        } else {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                n += values[k] != 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** Whether the rows are stored sparse (their minibatch products then run over the non-zeros). */
    boolean sparse() {
        return dense == null;
    }

    // The sparse storage as it is, for the native twins of the sparse products (NativeLogistic).
    int[] rowStartArray() {
        return rowStart;
    }

    int[] colIndexArray() {
        return colIndex;
    }

    double[] valuesArray() {
        return values;
    }

    double[] commonArray() {
        return common;
    }

    /** Whether every row is sparse and binary: the case {@link #multiplyTransposedFactored} sums by columns. */
    boolean binaryRows() {
        return dense == null && allCommon;
    }

    /** The column index {colStart, rowIndex} of {@link #transposedByColumns} (built on first use). */
    int[][] columnIndex(boolean nativeEngine) {
        byColumns.build(rows, cols, rowStart, colIndex, nativeEngine);
        return new int[][] {byColumns.colStart, byColumns.rowIndex};
    }

    /** a_rowᵀx over the row's non-zeros, in column order (sparse storage only). */
    double sparseDot(int row, double[] x) {
        double sum = 0;
        for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
            sum += values[k] * x[colIndex[k]];
        }
        return sum;
    }

    /** out += c · a_row over the row's non-zeros (sparse storage only). */
    void sparseAdd(int row, double c, double[] out) {
        for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
            out[colIndex[k]] += c * values[k];
        }
    }

    /** Writes row {@code row} densely into out[offset .. offset + cols). */
    void copyRow(int row, double[] out, int offset) {
        if (dense != null) {
            System.arraycopy(dense, row * cols, out, offset, cols);
            return;
        }
        java.util.Arrays.fill(out, offset, offset + cols, 0.0);
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            out[offset + colIndex[k]] = values[k];
        }
    }

    /**
     * The distinct rows of a sparse, all-binary matrix (a9a: 24 947 of 32 561; w8a: 34 704 of 49 750):
     * rows with the same non-zero columns (and so, normalised, the same value) merged into one, in
     * order of first occurrence, with {@code groupOf[r]} the merged row of row r. The metrics sum a
     * group's weights once instead of evaluating every copy. Null for dense or non-binary rows. With
     * {@code nativeEngine} the groups are found by the native twin (kernels.h, bm_distinct_rows): the same groups.
     */
    Distinct distinct(boolean nativeEngine) {
        return distinct == null || !allCommon ? null : distinct.get(this, nativeEngine);
    }

    /** Merged rows and, per original row, its merged row. */
    record Distinct(Rows rows, int[] groupOf) {
    }

    private static final class DistinctHolder {
        private Distinct value;

        synchronized Distinct get(Rows m, boolean nativeEngine) {
            if (value == null) {
                value = nativeEngine ? buildNative(m) : build(m);
            }
            return value;
        }

        /** The groups by kernels.h's bm_distinct_rows: the same numbering as {@link #build}. */
        private static Distinct buildNative(Rows m) {
            int[] groupOf = new int[m.rows];
            int[] representative = new int[m.rows];
            long[] groups = new long[1];
            int code = org.byzmarina.kernels.NativeLib.bm_distinct_rows(m.rowStart, m.colIndex, m.common, m.rows, groupOf,
                    representative, groups);
            NativeLogistic.check(code, "bm_distinct_rows");
            int n = (int) groups[0];
            int[] start = new int[n + 1];
            NativeLogistic.check(org.byzmarina.kernels.NativeLib.bm_rows_gather(m.rowStart, m.colIndex, m.values,
                    representative, n, start, null, null), "bm_rows_gather");
            int[] index = new int[start[n]];
            double[] vals = new double[start[n]];
            NativeLogistic.check(org.byzmarina.kernels.NativeLib.bm_rows_gather(m.rowStart, m.colIndex, m.values,
                    representative, n, start, index, vals), "bm_rows_gather");
            return new Distinct(new Rows(n, m.cols, start, index, vals), groupOf); // as gather(…, representative, n)
        }

        private static Distinct build(Rows m) {
            int[] groupOf = new int[m.rows];
            int[] table = new int[Integer.highestOneBit(Math.max(1, m.rows)) * 4]; // open addressing, load ≤ ½
            java.util.Arrays.fill(table, -1);
            int[] representative = new int[m.rows];
            int groups = 0;
            int mask = table.length - 1;
            for (int r = 0; r < m.rows; r++) {
                int h = Double.hashCode(m.common[r]);
                for (int k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
                    h = 31 * h + m.colIndex[k];
                }
                int slot = (h ^ (h >>> 16)) & mask;
                while (table[slot] >= 0 && !sameRow(m, representative[table[slot]], r)) {
                    slot = (slot + 1) & mask;
                }
                if (table[slot] < 0) {
                    table[slot] = groups;
                    representative[groups++] = r;
                }
                groupOf[r] = table[slot];
            }
            return new Distinct(gather(m.cols, m.rowStart, m.colIndex, m.values, representative, groups), groupOf);
        }

        private static boolean sameRow(Rows m, int a, int b) {
            int n = m.rowStart[a + 1] - m.rowStart[a];
            return n == m.rowStart[b + 1] - m.rowStart[b] && Double.compare(m.common[a], m.common[b]) == 0
                    && java.util.Arrays.equals(m.colIndex, m.rowStart[a], m.rowStart[a] + n, m.colIndex, m.rowStart[b],
                    m.rowStart[b] + n);
        }
    }

    /**
     * The non-zeros by column (the rows of each column, ascending), built on first use and shared by
     * every {@link #fork() view} of the same matrix.
     */
    private static final class ColumnIndex {
        private volatile int[] colStart;
        private int[] rowIndex;

        synchronized void build(int rows, int cols, int[] rowStart, int[] colIndex) {
            build(rows, cols, rowStart, colIndex, false);
        }

        /** As above; with nativeEngine by kernels.h's bm_rows_by_columns (the same arrays). */
        synchronized void build(int rows, int cols, int[] rowStart, int[] colIndex, boolean nativeEngine) {
            if (colStart != null) {
                return;
            }
            if (nativeEngine) {
                int[] start = new int[cols + 1];
                int[] index = new int[colIndex.length];
                NativeLogistic.check(org.byzmarina.kernels.NativeLib.bm_rows_by_columns(rowStart, colIndex, rows, cols,
                        start, index, new int[Math.max(1, cols)]), "bm_rows_by_columns");
                rowIndex = index;
                colStart = start; // volatile write last
                return;
            }
            int[] start = new int[cols + 1];
            for (int col : colIndex) {
                start[col + 1]++;
            }
            for (int j = 0; j < cols; j++) {
                start[j + 1] += start[j];
            }
            int[] next = start.clone();
            int[] index = new int[colIndex.length];
            for (int row = 0; row < rows; row++) {
                for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
                    index[next[colIndex[k]]++] = row;
                }
            }
            rowIndex = index;
            colStart = start; // volatile write last: a reader that sees it sees rowIndex
        }
    }
}
