package org.byzmarina.problems;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The dense linear algebra of the problems, through OpenBLAS (bytedeco). OpenBLAS runs on one
 * thread: byzmarina spends its threads in the kernels and across runs, never at two levels at once.
 * Matrices are row-major and off-heap ({@link DoublePointer}), so no call copies them.
 */
public final class Blas {
    static {
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
    }

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Blas() {
    }

    /** The OpenBLAS version, for provenance. */
    public static String describe() {
        return openblas_nolapack.OPENBLAS_VERSION.trim();
    }

    /** y = A x, A rows × cols at a (row stride cols). */
    static void gemv(DoublePointer a, int rows, int cols, DoublePointer x, DoublePointer y) {
        openblas_nolapack.cblas_dgemv(ROW_MAJOR, NO_TRANS, rows, cols, 1.0, a, cols, x, 1, 0.0, y, 1);
    }

    /** y = alpha Aᵀ r, A rows × cols. */
    static void gemvTransposed(DoublePointer a, int rows, int cols, double alpha, DoublePointer r, DoublePointer y) {
        openblas_nolapack.cblas_dgemv(ROW_MAJOR, TRANS, rows, cols, alpha, a, cols, r, 1, 0.0, y, 1);
    }

    /** C = A B, A rows × inner, B inner × cols, C rows × cols. */
    static void gemm(DoublePointer a, int rows, int inner, DoublePointer b, int cols, DoublePointer c) {
        openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, cols, inner, 1.0, a, inner, b, cols, 0.0, c, cols);
    }

    /** Upper triangle of C = Aᵀ A, A rows × cols, C cols × cols. */
    static void gram(DoublePointer a, int rows, int cols, DoublePointer c) {
        openblas_nolapack.cblas_dsyrk(ROW_MAJOR, openblas_nolapack.CblasUpper, TRANS, cols, rows, 1.0, a, cols, 0.0, c, cols);
    }
}
