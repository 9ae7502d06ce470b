package org.byzmarina.problems;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/** A row-major double matrix off-heap, so BLAS reads it in place. Rows are read-only once built. */
final class DenseRows {
    final int rows;
    final int cols;
    final DoublePointer data;
    final DoubleBuffer view;

    DenseRows(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.data = new DoublePointer(Math.max(1L, (long) rows * cols));
        this.data.fill(0);
        this.view = data.asBuffer();
    }

    /** A pointer at the first element of row {@code row} (a new view object; the matrix is shared). */
    DoublePointer rowPointer(int row) {
        return data.getPointer((long) row * cols);
    }

    double get(int row, int j) {
        return view.get(row * cols + j);
    }

    void set(int row, int j, double v) {
        view.put(row * cols + j, v);
    }

    /** Copies row src of this matrix into row dst of {@code into}. */
    void copyRow(int src, DenseRows into, int dst) {
        into.view.put(dst * into.cols, view, src * cols, cols);
    }
}
