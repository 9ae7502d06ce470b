package org.byzmarina.problems;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.byzmarina.kernels.NativeLoading;

/**
 * The dense linear algebra of the problems, through OpenBLAS (bytedeco). OpenBLAS runs on one
 * thread: byzmarina spends its threads in the kernels and across runs, never at two levels at once.
 * Matrices are row-major and off-heap ({@link DoublePointer}), so no call copies them.
 *
 * <p>OpenBLAS is loaded only by {@link NativeLoading#loadOpenBlas()} (not every run needs it), so
 * every entry point first checks that it was: a call before loading throws instead of loading it
 * from whatever thread this is (see NativeLoading). This class's own initialisation touches no native
 * code (its constants are compile-time ones); {@link Setup} does, and only NativeLoading initialises it.
 */
public final class Blas {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;
    private static final int UPPER = openblas_nolapack.CblasUpper;

    private Blas() {
    }

    /** One OpenBLAS thread; initialised by NativeLoading under its lock, after OpenBLAS is loaded. */
    static final class Setup {
        static {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
        }

        private Setup() {
        }
    }

    /** The OpenBLAS version, for provenance (OpenBLAS must be loaded). */
    public static String describe() {
        NativeLoading.requireOpenBlas("its version for run.json");
        return openblas_nolapack.OPENBLAS_VERSION.trim();
    }

    /** y = A x, A rows × cols at a (row stride cols). */
    static void gemv(DoublePointer a, int rows, int cols, DoublePointer x, DoublePointer y) {
        NativeLoading.requireOpenBlas("dgemv");
        openblas_nolapack.cblas_dgemv(ROW_MAJOR, NO_TRANS, rows, cols, 1.0, a, cols, x, 1, 0.0, y, 1);
    }

    /** y = alpha Aᵀ r, A rows × cols. */
    static void gemvTransposed(DoublePointer a, int rows, int cols, double alpha, DoublePointer r, DoublePointer y) {
        NativeLoading.requireOpenBlas("dgemv (transposed)");
        openblas_nolapack.cblas_dgemv(ROW_MAJOR, TRANS, rows, cols, alpha, a, cols, r, 1, 0.0, y, 1);
    }

    /** C = A B, A rows × inner, B inner × cols, C rows × cols. */
    static void gemm(DoublePointer a, int rows, int inner, DoublePointer b, int cols, DoublePointer c) {
        NativeLoading.requireOpenBlas("dgemm");
        openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, cols, inner, 1.0, a, inner, b, cols, 0.0, c, cols);
    }

    /** Upper triangle of C = Aᵀ A, A rows × cols, C cols × cols. */
    static void gram(DoublePointer a, int rows, int cols, DoublePointer c) {
        NativeLoading.requireOpenBlas("dsyrk");
        openblas_nolapack.cblas_dsyrk(ROW_MAJOR, UPPER, TRANS, cols, rows, 1.0, a, cols, 0.0, c, cols);
    }
}
