package org.byzmarina.problems;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A row-major double matrix, off-heap so BLAS reads whole blocks in place, plus an on-heap copy
 * for gathering minibatch rows: compressed sparse rows when the matrix is mostly zeros (a9a has 14
 * non-zeros in 123 columns, so a gather touches a tenth of the memory), dense rows otherwise.
 * Filled once, then read-only.
 */
final class DenseRows {
    final int rows;
    final int cols;
    final DoublePointer data;
    /** Dense row-major values (null when sparse). */
    private final double[] dense;
    /** CSR (null when dense). */
    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] values;
    // Scratch of gatherRows (one instance serves one thread).
    private double[] zeros = new double[0];
    private int[] extentStart = new int[0];
    private int[] extentEnd = new int[0];

    /** Takes the values (rows × cols, row-major). */
    DenseRows(int rows, int cols, double[] matrix) {
        if ((long) rows * cols != matrix.length) {
            throw new IllegalArgumentException(matrix.length + " values for a " + rows + " x " + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new DoublePointer(Math.max(1L, (long) rows * cols));
        this.data.put(matrix);
        int nonZeros = 0;
        for (double v : matrix) {
            nonZeros += v != 0 ? 1 : 0;
        }
        if (nonZeros < matrix.length / 4) {
            rowStart = new int[rows + 1];
            colIndex = new int[nonZeros];
            values = new double[nonZeros];
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
            dense = null;
        } else {
            dense = matrix;
            rowStart = null;
            colIndex = null;
            values = null;
        }
    }

    /** A pointer at the first element of row {@code row} (a new view object; the matrix is shared). */
    DoublePointer rowPointer(int row) {
        return data.getPointer((long) row * cols);
    }

    double get(int row, int j) {
        if (dense != null) {
            return dense[row * cols + j];
        }
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            if (colIndex[k] == j) {
                return values[k];
            }
        }
        return 0;
    }

    /**
     * Writes rows base + batch[0..size) densely, one after another, into the (direct) buffer. Sparse
     * rows are gathered in two passes: first every row's extent (independent loads the CPU overlaps),
     * then the values; this is several times faster than row by row on random rows.
     */
    void gatherRows(int base, int[] batch, int size, java.nio.DoubleBuffer out) {
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
}
