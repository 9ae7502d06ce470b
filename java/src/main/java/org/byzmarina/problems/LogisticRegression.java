package org.byzmarina.problems;

import java.util.OptionalDouble;
import org.bytedeco.javacpp.DoublePointer;
import org.byzmarina.data.Dataset;

/**
 * ℓ2-regularised logistic regression (the paper's a9a/w8a experiment, SPEC.md "Problems"):
 * f_{i,j}(x) = BCE(σ(a_jᵀx), y_j) + (η/2)||x||² (+ ρ Σ_t x_t²/(1 + x_t²), the non-convex option),
 * rows L2-normalised, labels in {0, 1}, no bias. Matrix–vector products run through OpenBLAS over
 * an off-heap copy of the rows; client i holds the contiguous block start[i] .. start[i] + count[i].
 * Exponentials use StrictMath so results do not depend on the machine.
 */
public final class LogisticRegression implements Problem {
    public static final double ETA = 0.01;

    private final String name;
    private final DenseRows a;
    private final double[] y;
    private final int clients;
    private final int byzantine;
    private final int[] start;
    private final int[] count;
    /** w_j: weight of row j in f (1/(G m_i) for good client i's rows, summed over clients sharing it). */
    private final double[] weight;
    private final double eta;
    private final double rho;
    private OptionalDouble optimum = OptionalDouble.empty();
    private DenseRows testA;
    private double[] testY;

    // Scratch (one instance serves one thread).
    private final DoublePointer px;
    private final DoublePointer px2;
    private final DoublePointer pz;
    private final DoublePointer pout;
    private final DenseRows gathered;
    private final double[] z;

    /**
     * @param data      rows already L2-normalised, labels in {0, 1}
     * @param splits    which rows each client holds
     * @param maxBatch  the largest minibatch a client will draw
     */
    public LogisticRegression(String name, Dataset data, Splits splits, int byzantine, double eta, double rho, int maxBatch) {
        this.name = name;
        this.clients = splits.start().length;
        this.byzantine = byzantine;
        this.eta = eta;
        this.rho = rho;
        int d = data.dim();
        int rows = data.rows();
        this.a = new DenseRows(rows, d);
        this.y = new double[rows];
        for (int r = 0; r < rows; r++) {
            int src = splits.order()[r];
            for (int j = 0; j < d; j++) {
                a.set(r, j, data.get(src, j));
            }
            y[r] = data.labels()[src];
            if (y[r] != 0 && y[r] != 1) {
                throw new IllegalArgumentException("logistic regression needs labels in {0, 1}, got " + y[r]);
            }
        }
        this.start = splits.start().clone();
        this.count = splits.count().clone();
        this.weight = new double[rows];
        int good = clients - byzantine;
        for (int i = 0; i < good; i++) {
            for (int r = start[i]; r < start[i] + count[i]; r++) {
                weight[r] += 1.0 / ((double) good * count[i]);
            }
        }
        this.px = new DoublePointer(Math.max(1, d));
        this.px2 = new DoublePointer(Math.max(1, 2L * d));
        this.pz = new DoublePointer(Math.max(2L * maxBatch, rows));
        this.pout = new DoublePointer(Math.max(1, d));
        this.gathered = new DenseRows(Math.max(1, maxBatch), d);
        this.z = new double[Math.max(2 * maxBatch, rows)];
    }

    /** Attaches a test set (same feature space, normalised rows, labels in {0, 1}). */
    public void setTestSet(Dataset test) {
        this.testA = new DenseRows(test.rows(), test.dim());
        for (int r = 0; r < test.rows(); r++) {
            for (int j = 0; j < test.dim(); j++) {
                testA.set(r, j, test.get(r, j));
            }
        }
        this.testY = test.labels().clone();
    }

    public void setOptimum(double fStar) {
        this.optimum = OptionalDouble.of(fStar);
    }

    @Override
    public int dim() {
        return a.cols;
    }

    @Override
    public int clients() {
        return clients;
    }

    @Override
    public int byzantine() {
        return byzantine;
    }

    @Override
    public int samples(int client) {
        return count[client];
    }

    @Override
    public boolean labelled() {
        return true;
    }

    double eta() {
        return eta;
    }

    double rho() {
        return rho;
    }

    DenseRows rows() {
        return a;
    }

    double[] labels() {
        return y;
    }

    double[] weights() {
        return weight;
    }

    static double sigmoid(double t) {
        if (t >= 0) {
            return 1 / (1 + StrictMath.exp(-t));
        }
        double e = StrictMath.exp(t);
        return e / (1 + e);
    }

    /** log(1 + e^t), stable for large |t|. */
    static double softplus(double t) {
        return Math.max(t, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(t)));
    }

    @Override
    public void fullGradient(int client, double[] x, boolean flip, double[] out) {
        int s = start[client];
        int m = count[client];
        px.put(x);
        Blas.gemv(a.rowPointer(s), m, a.cols, px, pz);
        pz.get(z, 0, m);
        for (int r = 0; r < m; r++) {
            z[r] = sigmoid(z[r]) - label(s + r, flip);
        }
        pz.put(z, 0, m);
        Blas.gemvTransposed(a.rowPointer(s), m, a.cols, 1.0 / m, pz, pout);
        pout.get(out);
        addRegulariser(x, out);
    }

    @Override
    public void minibatchGradient(int client, int[] batch, int size, double[] x, boolean flip, double[] out) {
        int s = gather(client, batch, size);
        px.put(x);
        Blas.gemv(gathered.data, size, a.cols, px, pz);
        pz.get(z, 0, size);
        for (int r = 0; r < size; r++) {
            z[r] = sigmoid(z[r]) - label(s + batch[r], flip);
        }
        pz.put(z, 0, size);
        Blas.gemvTransposed(gathered.data, size, a.cols, 1.0 / size, pz, pout);
        pout.get(out);
        addRegulariser(x, out);
    }

    @Override
    public void minibatchDifference(int client, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out) {
        gather(client, batch, size);
        int d = a.cols;
        for (int j = 0; j < d; j++) {  // X = [x1 x0], d × 2 row-major
            px2.put(2L * j, x1[j]);
            px2.put(2L * j + 1, x0[j]);
        }
        Blas.gemm(gathered.data, size, d, px2, 2, pz);
        pz.get(z, 0, 2 * size);
        // ∇f_j(x1) − ∇f_j(x0) = (σ(a_jᵀx1) − σ(a_jᵀx0)) a_j + η(x1 − x0): the labels cancel.
        for (int r = 0; r < size; r++) {
            z[r] = sigmoid(z[2 * r]) - sigmoid(z[2 * r + 1]);
        }
        pz.put(z, 0, size);
        Blas.gemvTransposed(gathered.data, size, d, 1.0 / size, pz, pout);
        pout.get(out);
        for (int j = 0; j < d; j++) {
            out[j] += eta * (x1[j] - x0[j]) + rho * (nonConvexGradient(x1[j]) - nonConvexGradient(x0[j]));
        }
    }

    /** Copies the batch's rows of client i (batch indices are 0-based within its block) into scratch. */
    private int gather(int client, int[] batch, int size) {
        int s = start[client];
        for (int r = 0; r < size; r++) {
            a.copyRow(s + batch[r], gathered, r);
        }
        return s;
    }

    private double label(int row, boolean flip) {
        return flip ? 1 - y[row] : y[row];
    }

    private void addRegulariser(double[] x, double[] out) {
        for (int j = 0; j < x.length; j++) {
            out[j] += eta * x[j] + rho * nonConvexGradient(x[j]);
        }
    }

    /** d/dt of t²/(1 + t²). */
    private static double nonConvexGradient(double t) {
        double q = 1 + t * t;
        return 2 * t / (q * q);
    }

    @Override
    public double loss(double[] x, double[] gradOut) {
        int rows = a.rows;
        int d = a.cols;
        px.put(x);
        Blas.gemv(a.data, rows, d, px, pz);
        pz.get(z, 0, rows);
        double f = 0;
        for (int r = 0; r < rows; r++) {
            if (weight[r] != 0) {
                f += weight[r] * (softplus(z[r]) - y[r] * z[r]);
            }
            z[r] = weight[r] * (sigmoid(z[r]) - y[r]);
        }
        double sq = 0;
        double nc = 0;
        for (double v : x) {
            sq += v * v;
            nc += v * v / (1 + v * v);
        }
        f += 0.5 * eta * sq + rho * nc;
        if (gradOut != null) {
            pz.put(z, 0, rows);
            Blas.gemvTransposed(a.data, rows, d, 1.0, pz, pout);
            pout.get(gradOut);
            addRegulariser(x, gradOut);
        }
        return f;
    }

    @Override
    public double[] testMetrics(double[] x) {
        if (testA == null) {
            return null;
        }
        int rows = testA.rows;
        DoublePointer tz = new DoublePointer(rows);
        px.put(x);
        Blas.gemv(testA.data, rows, testA.cols, px, tz);
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            double t = tz.get(r);
            loss += softplus(t) - testY[r] * t;
            correct += ((t >= 0) == (testY[r] == 1)) ? 1 : 0;
        }
        tz.close();
        return new double[] {loss / rows, correct / (double) rows};
    }

    @Override
    public OptionalDouble optimum() {
        return optimum;
    }

    @Override
    public String describe() {
        return "logistic regression on " + name + " (" + a.rows + " rows, d = " + a.cols + ", eta = " + eta
                + (rho > 0 ? ", rho = " + rho : "") + ")";
    }
}
