package org.byzmarina.problems;

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

    /** out = (1/size) Σ_batch c_r a_r without the regulariser; x0 == null: the gradient, else the difference. */
    static void batch(Rows a, double[] y, int base, int[] batch, int size, double[] x1, double[] x0, boolean flip,
                      double[] out, double[] z, int simd) {
        check(NativeLib.bm_logistic_batch(a.rowStartArray(), a.colIndexArray(), a.valuesArray(), y, a.rows, a.cols, base,
                batch, size, x1, x0, flip ? 1 : 0, out, z, simd), "bm_logistic_batch");
    }

    /** out = (1/m) Σ_{rows base .. base+m} (σ(a_rᵀx) − y_r) a_r without the regulariser. */
    static void full(Rows a, double[] y, int base, int m, double[] x, boolean flip, double[] out, double[] z, int simd) {
        check(NativeLib.bm_logistic_full(a.rowStartArray(), a.colIndexArray(), a.valuesArray(), y, a.rows, a.cols, base, m,
                x, flip ? 1 : 0, out, z, simd), "bm_logistic_full");
    }

    /** The data term of f over binary rows, and (grad != null) Σ_r c_r a_r into grad. */
    static double loss(Rows m, double[] w0, double[] w1, double[] x, double[] t, double[] e, double[] scaled,
                       double[] grad, int simd) {
        int[][] byColumns = grad != null ? m.columnIndex() : new int[][] {null, null};
        double[] f = new double[1];
        check(NativeLib.bm_logistic_loss(m.rowStartArray(), m.colIndexArray(), m.commonArray(), byColumns[0], byColumns[1],
                w0, w1, m.rows, m.cols, x, t, e, scaled, f, grad, simd), "bm_logistic_loss");
        return f[0];
    }

    private static void check(int code, String kernel) {
        if (code != 0) {
            throw new IllegalStateException(kernel + " refused its arguments (code " + code + ")");
        }
    }
}
