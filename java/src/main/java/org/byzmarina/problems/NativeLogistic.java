package org.byzmarina.problems;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.byzmarina.kernels.NativeLib;

/**
 * The native engine's twins of {@link LogisticRegression}'s sparse paths (kernels.h,
 * "Logistic regression on sparse rows"): the clients' minibatch gradients and differences, full
 * gradients, and the metrics' loss over binary rows. Each gives the same bits as the Java code it
 * replaces (same operations in the same order, StrictMath's exponential as fdlibm's), so a run's
 * trajectory and metrics do not depend on the engine ({@code LogisticNativeTest} checks every path
 * on every SIMD level). The Java code stays the reference: {@code --backend java} runs it.
 */
final class NativeLogistic {
    /** BM_SIMD_BEST: the results do not depend on the level. */
    static final int BEST = -1;

    private NativeLogistic() {
    }

    /** The data term of f over binary rows, and (grad != null) Σ_r c_r a_r into grad. */
    static double loss(Rows m, double[] w0, double[] w1, double[] x, double[] t, double[] e, double[] scaled,
                       double[] grad, int simd) {
        int[][] byColumns = grad != null ? m.columnIndex(true) : new int[][] {null, null};
        double[] f = new double[1];
        check(NativeLib.bm_logistic_loss(m.rowStartArray(), m.colIndexArray(), m.commonArray(), byColumns[0], byColumns[1],
                w0, w1, m.rows, m.cols, x, t, e, scaled, f, grad, simd), "bm_logistic_loss");
        return f[0];
    }

    /**
     * Off-heap copies of a problem's sparse rows and labels, for the clients' path (the kernels then
     * read them by address: no array is pinned per call), in the narrowest layout of kernels.h that
     * holds them: column indices of 1 byte (d ≤ 256), 2 bytes (d ≤ 65 536) or 4, and one value per
     * row when every row's non-zeros share it (binary features, normalised). a9a then takes 0.6 MB
     * instead of 5.4 MB, so the clients' random rows come from L2. Made on first use, shared by the forks.
     */
    static final class Data {
        private volatile Layout layout;
        /** Keeps the memory alive (JavaCPP frees it when these are collected). */
        private Object[] memory;

        /** The off-heap rows and labels of a and y, made on the first call. */
        Layout of(Rows a, double[] y) {
            Layout got = layout;
            if (got != null) {
                return got;
            }
            synchronized (this) {
                if (layout == null) {
                    int[] rs = a.rowStartArray();
                    int colBytes = columnBytes(a.cols);
                    Pointer colIndex = columns(a.colIndexArray(), colBytes);
                    double[] perRow = rowValues(a);
                    double[] vals = perRow != null ? perRow : a.valuesArray();
                    IntPointer rowStart = new IntPointer(rs.length).put(rs);
                    DoublePointer values = new DoublePointer(Math.max(1, vals.length)).put(vals);
                    DoublePointer labels = new DoublePointer(Math.max(1, y.length)).put(y);
                    memory = new Object[] {rowStart, colIndex, values, labels};
                    layout = new Layout(rowStart.address(), colIndex.address(), colBytes, values.address(), perRow != null,
                            labels.address());
                }
                return layout;
            }
        }
    }

    /**
     * Addresses of the rows in one of kernels.h's layouts: column indices of {@code colBytes} bytes,
     * values per non-zero or (rowValues) per row.
     */
    record Layout(long rowStart, long colIndex, int colBytes, long values, boolean rowValues, long labels) {
    }

    /** The width of a column index that holds columns 0 .. cols−1 (kernels.h). */
    static int columnBytes(int cols) {
        return cols <= 256 ? 1 : cols <= 65_536 ? 2 : 4;
    }

    /** The column indices as unsigned integers of the given width (kernels.h, bm_narrow_index). */
    private static Pointer columns(int[] ci, int bytes) {
        int n = Math.max(1, ci.length);
        if (bytes == 4) {
            return new IntPointer(n).put(ci);
        }
        Pointer narrow = bytes == 2 ? new ShortPointer(n) : new BytePointer(n);
        check(NativeLib.bm_narrow_index(ci, ci.length, bytes, narrow.address()), "bm_narrow_index");
        return narrow;
    }

    /**
     * One value per row (0 for an empty row) when every non-empty row's non-zeros share one, else
     * null: the products v·x_c are then the same bits as with the value of every non-zero.
     */
    private static double[] rowValues(Rows a) {
        double[] common = a.commonArray();
        int[] rs = a.rowStartArray();
        double[] perRow = new double[Math.max(1, a.rows)];
        for (int r = 0; r < a.rows; r++) {
            boolean empty = rs[r] == rs[r + 1];
            if (!empty && common[r] != common[r]) {
                return null;
            }
            perRow[r] = empty ? 0 : common[r];
        }
        return perRow;
    }

    /** Off-heap operands of one problem instance (one thread): x1, x0, out, the batch and z. */
    static final class Scratch {
        private final DoublePointer x1;
        private final DoublePointer x0;
        private final DoublePointer out;
        private final DoublePointer z;
        private final IntPointer batch;
        private final DoubleBuffer vx1;
        private final DoubleBuffer vx0;
        private final DoubleBuffer vout;
        private final IntBuffer vbatch;

        Scratch(int d, int maxBatch, int rows) {
            x1 = new DoublePointer(d);
            x0 = new DoublePointer(d);
            out = new DoublePointer(d);
            z = new DoublePointer(Math.max(2L * maxBatch, rows));
            batch = new IntPointer(Math.max(1, maxBatch));
            vx1 = x1.asBuffer();
            vx0 = x0.asBuffer();
            vout = out.asBuffer();
            vbatch = batch.asBuffer();
        }
    }

    /**
     * out = (1/size) Σ_batch c_r a_r plus the regulariser with weights eta, rho (x0 == null: the
     * gradient at x1, else the difference between x1 and x0), the operands through the off-heap
     * buffers of {@code s} and the rows' {@link Data}.
     */
    static void batch(Rows a, Layout data, Scratch s, int base, int[] batch, int size, double[] x1, double[] x0, boolean flip,
                      double eta, double rho, double[] out, int simd) {
        s.vx1.put(0, x1);
        if (x0 != null) {
            s.vx0.put(0, x0);
        }
        s.vbatch.put(0, batch, 0, size);
        check(NativeLib.bm_logistic_batch(data.rowStart(), data.colIndex(), data.colBytes(), data.values(),
                data.rowValues() ? 1 : 0, data.labels(), a.rows, a.cols, base, s.batch.address(), size, s.x1.address(),
                x0 != null ? s.x0.address() : 0L, flip ? 1 : 0, eta, rho, s.out.address(), s.z.address(), simd),
                "bm_logistic_batch");
        s.vout.get(0, out);
    }

    /** out = (1/m) Σ_{rows base .. base+m} (σ(a_rᵀx) − y_r) a_r plus the regulariser, as {@link #batch}. */
    static void full(Rows a, Layout data, Scratch s, int base, int m, double[] x, boolean flip, double eta, double rho,
                     double[] out, int simd) {
        s.vx1.put(0, x);
        check(NativeLib.bm_logistic_full(data.rowStart(), data.colIndex(), data.colBytes(), data.values(),
                data.rowValues() ? 1 : 0, data.labels(), a.rows, a.cols, base, m, s.x1.address(), flip ? 1 : 0, eta, rho,
                s.out.address(), s.z.address(), simd), "bm_logistic_full");
        s.vout.get(0, out);
    }

    /** Throws if a kernel refused its arguments (a non-zero code). */
    static void check(int code, String kernel) {
        if (code != 0) {
            throw new IllegalStateException(kernel + " refused its arguments (code " + code + ")");
        }
    }
}
