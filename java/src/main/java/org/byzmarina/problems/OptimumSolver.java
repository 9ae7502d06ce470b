package org.byzmarina.problems;

import java.util.logging.Logger;
import org.bytedeco.javacpp.DoublePointer;

/**
 * f* of a convex logistic-regression problem by damped Newton's method (Boyd & Vandenberghe §9.5):
 * H = Aᵀ diag(w σ(1 − σ)) A + ηI through BLAS (dsyrk over the scaled rows), Cholesky in Java (d is
 * small: 123 for a9a, 300 for w8a), backtracking line search; stopped when the Newton decrement
 * λ²/2 (a bound on f − f* near the optimum) falls below 1e-20 or a step no longer decreases f.
 * Deterministic: OpenBLAS runs on one thread.
 */
public final class OptimumSolver {
    private static final Logger LOG = Logger.getLogger(OptimumSolver.class.getName());

    private OptimumSolver() {
    }

    /** Returns f* = min_x f(x); the problem must be convex (ρ = 0). */
    public static double solve(LogisticRegression p) {
        if (p.rho() != 0) {
            throw new IllegalArgumentException("f* is computed only for the convex problem (rho = 0); give --fstar");
        }
        int d = p.dim();
        Rows a = p.rows();
        int rows = a.rows;
        double[] w = p.weights();
        double[] x = new double[d];
        double[] grad = new double[d];
        double[] step = new double[d];
        double[] trial = new double[d];
        double[] t = new double[rows];
        double[] scaledRows = new double[rows * d];
        DoublePointer pscaled = new DoublePointer((long) rows * d);
        DoublePointer ph = new DoublePointer((long) d * d);
        double f = p.loss(x, grad);
        int it = 0;
        for (; it < 100; it++) {
            // Hessian: rows scaled by sqrt(w_j σ_j (1 − σ_j)), then Aᵀ A of the scaled rows.
            a.multiply(0, rows, x, t);
            for (int r = 0; r < rows; r++) {
                double s = LogisticRegression.sigmoid(t[r]);
                double c = Math.sqrt(w[r] * s * (1 - s));
                a.copyRow(r, scaledRows, r * d);
                for (int j = 0; j < d; j++) {
                    scaledRows[r * d + j] *= c;
                }
            }
            pscaled.put(scaledRows);
            Blas.gram(pscaled, rows, d, ph);
            double[][] h = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    h[i][j] = ph.get((long) i * d + j);
                    h[j][i] = h[i][j];
                }
                h[i][i] += p.eta();
            }
            for (int j = 0; j < d; j++) {
                step[j] = -grad[j];
            }
            choleskySolve(h, step);
            double decrement = 0;
            for (int j = 0; j < d; j++) {
                decrement -= grad[j] * step[j];
            }
            if (decrement < 2e-20) {
                break;
            }
            double size = 1;
            double fTrial;
            while (true) {
                for (int j = 0; j < d; j++) {
                    trial[j] = x[j] + size * step[j];
                }
                fTrial = p.loss(trial, null);
                if (fTrial <= f - 0.25 * size * decrement || size < 1e-10) {
                    break;
                }
                size *= 0.5;
            }
            if (!(fTrial < f)) {
                break; // at the optimum to machine precision
            }
            System.arraycopy(trial, 0, x, 0, d);
            f = p.loss(x, grad);
        }
        pscaled.close();
        ph.close();
        final int iterations = it;
        final double fStar = f;
        LOG.info(() -> String.format(java.util.Locale.ROOT, "f* = %.12f by Newton's method (%d iterations)", fStar, iterations));
        return f;
    }

    /** Solves H s = b in place (b becomes s) for symmetric positive definite H (destroyed). */
    static void choleskySolve(double[][] h, double[] b) {
        int d = b.length;
        for (int j = 0; j < d; j++) {
            double diag = h[j][j];
            for (int k = 0; k < j; k++) {
                diag -= h[j][k] * h[j][k];
            }
            if (!(diag > 0)) {
                throw new IllegalStateException("Hessian is not positive definite");
            }
            h[j][j] = Math.sqrt(diag);
            for (int i = j + 1; i < d; i++) {
                double s = h[i][j];
                for (int k = 0; k < j; k++) {
                    s -= h[i][k] * h[j][k];
                }
                h[i][j] = s / h[j][j];
            }
        }
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= h[i][k] * b[k];
            }
            b[i] = s / h[i][i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < d; k++) {
                s -= h[k][i] * b[k];
            }
            b[i] = s / h[i][i];
        }
    }
}
