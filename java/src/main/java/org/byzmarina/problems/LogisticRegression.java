package org.byzmarina.problems;

import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.bytedeco.javacpp.DoublePointer;
import org.byzmarina.data.Dataset;

/**
 * ℓ2-regularised logistic regression (the paper's a9a/w8a experiment, docs/algorithm.md "Problems"):
 * f_{i,j}(x) = BCE(σ(a_jᵀx), y_j) + (η/2)||x||² (+ ρ Σ_t x_t²/(1 + x_t²), the non-convex option),
 * rows L2-normalised, labels in {0, 1}, no bias. Client i holds the contiguous block
 * start[i] .. start[i] + count[i] of the rows.
 *
 * <p>Minibatch gradients (the clients' work in every round) run over the batch rows' non-zeros for
 * sparse data (a9a, w8a); for dense data they gather the rows into a dense block and run through
 * OpenBLAS (dgemm for the two points of a difference, dgemv for the transposed product). Full passes over a client's or the whole data use {@link Rows}' products
 * (dgemv for dense data, non-zero loops for sparse data). The clients' gradients use StrictMath's
 * exponential; the metrics ({@link #loss}, {@link #testMetrics}) use {@link Softplus}, several times
 * faster and as accurate. Both are plain IEEE arithmetic, so results do not depend on the machine.
 */
public final class LogisticRegression implements Problem {
    public static final Setting<Double> RHO = Setting.of("rho", Group.PROBLEM, SettingType.number(0, false), 0.0,
            "weight ρ of the non-convex regulariser ρ Σ x_t²/(1 + x_t²) (0 = off)");
    public static final double ETA = 0.01;
    /** Up to this d the theory's power iterations multiply by the formed d × d matrix. */
    static final int GRAM_DIM = 1024;

    private final String name;
    private final Rows a;
    private final double[] y;
    private final int clients;
    private final int byzantine;
    private final int[] start;
    private final int[] count;
    /** w_j: weight of row j in f (1/(G m_i) for good client i's rows, summed over clients sharing it). */
    private final double[] weight;
    /** w_j (1 − y_j) and w_j y_j: the row's weight in f by label. */
    private final double[] weight0;
    private final double[] weight1;
    private final double eta;
    private final double rho;
    private final int maxBatch;
    private OptionalDouble optimum = OptionalDouble.empty();
    private Rows testA;
    private double[] testY;

    // Scratch (one instance serves one thread). Direct views let Java fill BLAS operands without JNI.
    private final double[] z;
    /** exp(−|a_rᵀx|) for every row (loss). */
    private final double[] exps;
    private final DoublePointer gathered;
    private final DoublePointer px2;
    private final DoublePointer pz;
    private final DoublePointer pout;
    private final DoubleBuffer vgathered;
    private final DoubleBuffer vx2;
    private final DoubleBuffer vz;
    private final DoubleBuffer vout;
    /** The metrics' merged rows and their weights ({@link #mergeDistinctRows}), built on the first {@link #loss}. */
    private boolean distinctChecked;
    private int evaluations;
    private Rows distinctRows;
    private double[] groupW0;
    private double[] groupW1;
    /** The last full gradient: clients sharing a block (the full split) get it without recomputation. */
    private int cachedStart = -1;
    private int cachedCount;
    private boolean cachedFlip;
    private final double[] cachedX;
    private final double[] cachedGradient;
    /** Sparse rows through the native engine's twins ({@link NativeLogistic}); set by {@link #useNativeEngine}. */
    private boolean nativeRows;
    /** Scratch of the native metrics (a.rows doubles), made on first use. */
    private double[] nativeScratch;
    /** Off-heap rows and labels of the native clients' path (shared by the forks), and this instance's operands. */
    private final NativeLogistic.Data nativeData;
    private NativeLogistic.Scratch nativeOperands;

    /**
     * @param data      rows already L2-normalised, labels in {0, 1}
     * @param splits    which rows each client holds
     * @param maxBatch  the largest minibatch a client will draw
     */
    public LogisticRegression(String name, Dataset data, Splits splits, int byzantine, double eta, double rho, int maxBatch) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.clients = splits.start().length;
        this.byzantine = byzantine;
        this.eta = eta;
        this.rho = rho;
        int d = data.dim();
        int rows = data.rows();
        boolean identity = true;
        for (int r = 0; r < rows && identity; r++) {
            identity = splits.order()[r] == r;
        }
        this.y = new double[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = data.labels()[splits.order()[r]];
            if (y[r] != 0 && y[r] != 1) {
                throw new IllegalArgumentException("logistic regression needs labels in {0, 1}, got " + y[r]);
            }
        }
        // Rows in the split's order (Rows only reads the data set's arrays when the order is unchanged).
        this.a = Rows.of(data, identity ? null : splits.order());
        this.start = splits.start().clone();
        this.count = splits.count().clone();
        this.weight = weights(rows, start, count, clients - byzantine);
        this.weight0 = new double[rows];
        this.weight1 = new double[rows];
        for (int r = 0; r < rows; r++) {
            weight0[r] = weight[r] * (1 - y[r]);
            weight1[r] = weight[r] * y[r];
        }
        int batch = Math.max(1, maxBatch);
        this.z = new double[Math.max(2 * batch, rows)];
        this.exps = new double[rows];
        this.gathered = new DoublePointer((long) batch * Math.max(1, d));
        this.px2 = new DoublePointer(2L * Math.max(1, d));
        this.pz = new DoublePointer(2L * batch);
        this.pout = new DoublePointer(Math.max(1, d));
        this.vgathered = gathered.asBuffer();
        this.vx2 = px2.asBuffer();
        this.vz = pz.asBuffer();
        this.vout = pout.asBuffer();
        this.cachedX = new double[d];
        this.cachedGradient = new double[d];
        this.nativeData = new NativeLogistic.Data();
    }

    /**
     * weight[r] = Σ over the good clients i holding row r, in increasing i, of 1/(good · m_i). When
     * every good client holds the same block (the full split) each of its rows gets the same sum,
     * formed once.
     */
    private static double[] weights(int rows, int[] start, int[] count, int good) {
        double[] weight = new double[rows];
        boolean sameBlock = good > 0;
        for (int i = 1; i < good && sameBlock; i++) {
            sameBlock = start[i] == start[0] && count[i] == count[0];
        }
        if (sameBlock) {
            double w = 0;
            for (int i = 0; i < good; i++) {
                w += 1.0 / ((double) good * count[i]);
            }
            Arrays.fill(weight, start[0], start[0] + count[0], w);
            return weight;
        }
        for (int i = 0; i < good; i++) {
            for (int r = start[i]; r < start[i] + count[i]; r++) {
                weight[r] += 1.0 / ((double) good * count[i]);
            }
        }
        return weight;
    }

    @Override
    public boolean identicalClients() {
        for (int i = 1; i < clients; i++) {
            if (start[i] != start[0] || count[i] != count[0]) {
                return false;
            }
        }
        return true;
    }

    /** A view sharing this problem's data (read-only) with scratch of its own, for another thread. */
    @Override
    public Problem fork() {
        return new LogisticRegression(this);
    }

    private LogisticRegression(LogisticRegression shared) {
        this.name = shared.name;
        this.a = shared.a.fork();
        this.y = shared.y;
        this.clients = shared.clients;
        this.byzantine = shared.byzantine;
        this.start = shared.start;
        this.count = shared.count;
        this.weight = shared.weight;
        this.weight0 = shared.weight0;
        this.weight1 = shared.weight1;
        this.eta = shared.eta;
        this.rho = shared.rho;
        this.maxBatch = shared.maxBatch;
        this.optimum = shared.optimum;
        this.testA = shared.testA;
        this.testY = shared.testY;
        int d = a.cols;
        int batch = Math.max(1, maxBatch);
        this.z = new double[Math.max(2 * batch, a.rows)];
        this.exps = new double[a.rows];
        this.gathered = new DoublePointer((long) batch * Math.max(1, d));
        this.px2 = new DoublePointer(2L * Math.max(1, d));
        this.pz = new DoublePointer(2L * batch);
        this.pout = new DoublePointer(Math.max(1, d));
        this.vgathered = gathered.asBuffer();
        this.vx2 = px2.asBuffer();
        this.vz = pz.asBuffer();
        this.vout = pout.asBuffer();
        this.cachedX = new double[d];
        this.cachedGradient = new double[d];
        this.nativeRows = shared.nativeRows;
        this.nativeData = shared.nativeData;
    }

    private NativeLogistic.Scratch operands() {
        if (nativeOperands == null) {
            nativeOperands = new NativeLogistic.Scratch(a.cols, Math.max(1, maxBatch), a.rows);
        }
        return nativeOperands;
    }

    /**
     * Runs the sparse paths (clients' gradients, full gradients, the metrics' loss on binary rows)
     * through the native engine when {@code on} and the rows are sparse; the results are the same
     * bits. Call once the native library is loaded ({@code NativeLoading}); not for dense rows, which
     * OpenBLAS serves either way.
     */
    public void useNativeEngine(boolean on) {
        this.nativeRows = on && a.sparse();
    }

    /** Attaches a test set (same feature space, normalised rows, labels in {0, 1}). */
    public void setTestSet(Dataset test) {
        this.testA = Rows.of(test, null);
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

    public double rho() {
        return rho;
    }

    Rows rows() {
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

    @Override
    public void fullGradient(int client, double[] x, boolean flip, double[] out) {
        int s = start[client];
        int m = count[client];
        if (s == cachedStart && m == cachedCount && flip == cachedFlip && Arrays.equals(x, cachedX)) {
            System.arraycopy(cachedGradient, 0, out, 0, out.length);
            return;
        }
        if (nativeRows) { // the regulariser included
            NativeLogistic.full(a, nativeData.of(a, y), operands(), s, m, x, flip, eta, rho, out, NativeLogistic.BEST);
        } else {
            a.multiply(s, m, x, z);
            for (int r = 0; r < m; r++) {
                z[r] = sigmoid(z[r]) - label(s + r, flip);
            }
            a.multiplyTransposed(s, m, 1.0 / m, z, out);
            addRegulariser(x, out);
        }
        cachedStart = s;
        cachedCount = m;
        cachedFlip = flip;
        System.arraycopy(x, 0, cachedX, 0, x.length);
        System.arraycopy(out, 0, cachedGradient, 0, out.length);
    }

    @Override
    public void minibatchGradient(int client, int[] batch, int size, double[] x, boolean flip, double[] out) {
        int s = start[client];
        int d = a.cols;
        if (nativeRows) { // the regulariser included
            NativeLogistic.batch(a, nativeData.of(a, y), operands(), s, batch, size, x, null, flip, eta, rho, out,
                    NativeLogistic.BEST);
            return;
        }
        if (a.sparse()) {
            // (1/|J|) Σ_J (σ(a_jᵀx) − y_j) a_j over the rows' non-zeros, rows in batch order
            Arrays.fill(out, 0);
            for (int r = 0; r < size; r++) {
                int row = s + batch[r];
                a.sparseAdd(row, sigmoid(a.sparseDot(row, x)) - label(row, flip), out);
            }
            scale(out, 1.0 / size);
            addRegulariser(x, out);
            return;
        }
        a.gatherRows(s, batch, size, vgathered);
        vx2.put(0, x);
        Blas.gemv(gathered, size, d, px2, pz);
        for (int r = 0; r < size; r++) {
            vz.put(r, sigmoid(vz.get(r)) - label(s + batch[r], flip));
        }
        Blas.gemvTransposed(gathered, size, d, 1.0 / size, pz, pout);
        vout.get(0, out);
        addRegulariser(x, out);
    }

    @Override
    public void minibatchDifference(int client, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out) {
        int d = a.cols;
        if (nativeRows) { // the regulariser included
            NativeLogistic.batch(a, nativeData.of(a, y), operands(), start[client], batch, size, x1, x0, false, eta, rho, out,
                    NativeLogistic.BEST);
            return;
        }
        if (a.sparse()) {
            // (1/|J|) Σ_J (σ(a_jᵀx1) − σ(a_jᵀx0)) a_j over the rows' non-zeros, rows in batch order
            Arrays.fill(out, 0);
            for (int r = 0; r < size; r++) {
                int row = start[client] + batch[r];
                a.sparseAdd(row, sigmoid(a.sparseDot(row, x1)) - sigmoid(a.sparseDot(row, x0)), out);
            }
            scale(out, 1.0 / size);
            for (int j = 0; j < d; j++) {
                out[j] += eta * (x1[j] - x0[j]) + rho * (nonConvexGradient(x1[j]) - nonConvexGradient(x0[j]));
            }
            return;
        }
        a.gatherRows(start[client], batch, size, vgathered);
        for (int j = 0; j < d; j++) {  // X = [x1 x0], d × 2 row-major
            vx2.put(2 * j, x1[j]);
            vx2.put(2 * j + 1, x0[j]);
        }
        Blas.gemm(gathered, size, d, px2, 2, pz);
        // ∇f_j(x1) − ∇f_j(x0) = (σ(a_jᵀx1) − σ(a_jᵀx0)) a_j + η(x1 − x0): the labels cancel.
        for (int r = 0; r < size; r++) {
            vz.put(r, sigmoid(vz.get(2 * r)) - sigmoid(vz.get(2 * r + 1)));
        }
        Blas.gemvTransposed(gathered, size, d, 1.0 / size, pz, pout);
        vout.get(0, out);
        for (int j = 0; j < d; j++) {
            out[j] += eta * (x1[j] - x0[j]) + rho * (nonConvexGradient(x1[j]) - nonConvexGradient(x0[j]));
        }
    }

    private static void scale(double[] v, double c) {
        for (int j = 0; j < v.length; j++) {
            v[j] *= c;
        }
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

    /** {@code samples} distinct rows of the whole data set (Floyd's algorithm on the stream (seed, 0, SERVER, ROOT_SAMPLE)). */
    @Override
    public Problem rootSample(int samples, long seed) {
        int[] pick = rootRows(samples, seed);
        int n = pick.length;
        int d = a.cols;
        double[] features = new double[Math.multiplyExact(n, d)];
        double[] labels = new double[n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a.row(pick[r]), 0, features, r * d, d);
            labels[r] = y[pick[r]];
        }
        Dataset root = new Dataset(name + " root sample", n, d, features, labels);
        return new LogisticRegression(name + " root sample", root, Splits.full(n, 1), 0, eta, rho, Math.min(n, maxBatch));
    }

    /** The rows of {@link #rootSample}: {@code samples} (at most all) distinct rows drawn with the seed. */
    private int[] rootRows(int samples, long seed) {
        return org.byzmarina.random.Sampling.floyd(org.byzmarina.random.Seeds.stream(seed, 0, org.byzmarina.random.Seeds.SERVER,
                org.byzmarina.random.Purpose.ROOT_SAMPLE), a.rows, Math.min(samples, a.rows));
    }

    /**
     * Dense rows (the training rows, the test rows, or the root sample's) multiply through OpenBLAS;
     * sparse ones never do (nor do the theory's constants on them, nor the metrics). The root sample
     * is a dense matrix that {@link Rows#ofMatrix} stores sparse below 25 % non-zeros: the same test
     * is made here on its rows' non-zeros, without building it.
     */
    @Override
    public boolean usesBlas(int rootSamples, long seed) {
        if (!a.sparse() || (testA != null && !testA.sparse())) {
            return true;
        }
        long nonZeros = 0;
        int[] pick = rootRows(rootSamples, seed);
        for (int r : pick) {
            nonZeros += a.nonZeros(r);
        }
        return Rows.storedDense(nonZeros, (long) pick.length * a.cols);
    }

    /**
     * f(x) = Σ_r w_r (max(t_r, 0) + log(1 + e_r) − y_r t_r) + (η/2)‖x‖² + ρ Σ x_t²/(1 + x_t²) and
     * ∇f(x) = Σ_r w_r (σ(t_r) − y_r) a_r + ηx + ρ∇nc(x), with t_r = a_rᵀx, e_r = exp(−|t_r|) and
     * σ(t) = 1/(1 + e) for t ≥ 0, e/(1 + e) below; rows with w_r = 0 are skipped. These are the metrics,
     * not the trajectory: exp and log are {@link Softplus}'s (within 1 ulp of StrictMath, machine-independent)
     * instead of StrictMath's, and the products are {@link Rows#multiplyFactored} and
     * {@link Rows#multiplyTransposedFactored} (one multiplication per binary row; ∇f column by column
     * on binary data), whose sums are ordered differently from the clients' products. Each step is its
     * own pass over the rows (products, exponentials, logarithms, transposed product): short loop bodies
     * whose rows the CPU overlaps, where one pass doing everything per row ran 1.3× slower. On a9a
     * this is 2–3× faster than StrictMath row by row (bench/README.md, LossBenchmark).
     */
    @Override
    public double loss(double[] x, double[] gradOut) {
        // Merging costs about two evaluations, so it starts at the third: a run with only its first
        // and last rows (a one-round run) does not pay for it.
        if (!distinctChecked && ++evaluations > 2) {
            mergeDistinctRows();
        }
        return distinctRows != null ? lossOver(distinctRows, groupW0, groupW1, z, exps, x, gradOut)
                : lossOver(a, weight0, weight1, z, exps, x, gradOut);
    }

    /**
     * f(x) = Σ_r [W0_r softplus(t_r) + W1_r softplus(−t_r)] + (η/2)‖x‖² + ρ Σ x_j²/(1 + x_j²) over the
     * rows of m, t = m x, with W0_r and W1_r the weights of the row's copies labelled 0 and 1 (a single
     * row: w_r(1 − y_r) and w_r y_r), and ∇f = Σ_r (W0_r σ(t_r) − W1_r (1 − σ(t_r))) a_r + the
     * regularisers' gradient into gradOut (unless null). softplus(±t) = max(±t, 0) + log(1 + e^{−|t|})
     * and σ, 1 − σ are each formed from e^{−|t|} directly, so no term cancels. t and e are scratch of at
     * least m.rows (the row-by-row scratch serves the merged rows too: they are fewer).
     */
    private double lossOver(Rows m, double[] w0, double[] w1, double[] t, double[] e, double[] x, double[] gradOut) {
        if (nativeRows && m.binaryRows()) {
            if (nativeScratch == null) {
                nativeScratch = new double[a.rows]; // the merged rows are fewer
            }
            double f = NativeLogistic.loss(m, w0, w1, x, t, e, nativeScratch, gradOut, NativeLogistic.BEST);
            return f + regulariser(x, gradOut);
        }
        m.multiplyFactored(x, t);
        for (int r = 0; r < m.rows; r++) {
            e[r] = Softplus.expNeg(Math.abs(t[r]));
        }
        double f = 0;
        for (int r = 0; r < m.rows; r++) {
            double tr = t[r];
            t[r] = 0;
            if (w0[r] != 0 || w1[r] != 0) {
                double log = Softplus.log1p(e[r]);
                f += w0[r] * (Math.max(tr, 0) + log) + w1[r] * (Math.max(-tr, 0) + log);
                double big = 1 / (1 + e[r]);
                double small = e[r] / (1 + e[r]);
                t[r] = tr >= 0 ? w0[r] * big - w1[r] * small : w0[r] * small - w1[r] * big; // W0 σ − W1 (1 − σ)
            }
        }
        if (gradOut != null) {
            m.multiplyTransposedFactored(t, gradOut);
        }
        return f + regulariser(x, gradOut);
    }

    /** (η/2)‖x‖² + ρ Σ x_j²/(1 + x_j²), and its gradient added to gradOut (unless null). */
    private double regulariser(double[] x, double[] gradOut) {
        double sq = 0;
        double nc = 0;
        for (double v : x) {
            sq += v * v;
            nc += v * v / (1 + v * v);
        }
        if (gradOut != null) {
            addRegulariser(x, gradOut);
        }
        return 0.5 * eta * sq + rho * nc;
    }

    /**
     * Rows that appear more than once (a9a: 32 561 rows, 24 947 distinct) are evaluated once: a
     * merged row carries the summed weights W0, W1 of its copies labelled 0 and 1 ({@link #lossOver}).
     * Used when it saves at least a tenth of the rows, from the third evaluation on.
     */
    private void mergeDistinctRows() {
        distinctChecked = true;
        Rows.Distinct d = a.distinct(nativeRows);
        if (d == null || d.rows().rows > 0.9 * a.rows) {
            return;
        }
        int groups = d.rows().rows;
        groupW0 = new double[groups];
        groupW1 = new double[groups];
        for (int r = 0; r < a.rows; r++) {
            groupW0[d.groupOf()[r]] += weight0[r];
            groupW1[d.groupOf()[r]] += weight1[r];
        }
        distinctRows = d.rows().fork(); // shared rows, scratch of its own (a sweep's runs share the data)
    }

    /** Test loss (1/n) Σ_r (max(t_r, 0) + log(1 + exp(−|t_r|)) − y_r t_r) through {@link Softplus}, and accuracy. */
    @Override
    public double[] testMetrics(double[] x) {
        if (testA == null) {
            return null;
        }
        int rows = testA.rows;
        double[] t = new double[rows];
        testA.multiplyFactored(x, t);
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            loss += Math.max(t[r], 0) + Softplus.log1p(Softplus.expNeg(Math.abs(t[r]))) - testY[r] * t[r];
            correct += ((t[r] >= 0) == (testY[r] == 1)) ? 1 : 0;
        }
        return new double[] {loss / rows, correct / (double) rows};
    }

    /**
     * The theory's constants (docs/algorithm.md "Theory"). The Hessian of BCE(σ(aᵀx), y) is
     * σ'(aᵀx)·aaᵀ with σ' ≤ ¼, of (η/2)‖x‖² is ηI, and of ρ Σ t²/(1 + t²) at most 2ρ per coordinate, so
     * <ul>
     *   <li>L = ¼·λ_max(Σ_r w_r a_r a_rᵀ) + η + 2ρ, w_r the row weights of f (1/(G m_i) summed over the good
     *       clients holding row r: AᵀA/N over the data when every good client holds all of it);</li>
     *   <li>L_i = ¼·λ_max(A_iᵀA_i/m_i) + η + 2ρ for each good client's rows A_i (computed once per distinct
     *       block of rows: under the full split every client shares one);</li>
     *   <li>L_{i,j} = ¼‖a_j‖² + η + 2ρ over the good clients' rows.</li>
     * </ul>
     * λ_max by power iteration to a relative 1e-9 ({@link Smoothness#largestEigenvalue}).
     */
    @Override
    public Smoothness smoothness() {
        int d = a.cols;
        double shift = eta + 2 * rho;
        double[] zAll = new double[a.rows];
        // Up to d = GRAM_DIM the d × d matrix is formed once and the iteration multiplies by it; above,
        // each iteration multiplies by the rows (Mv = Aᵀ(W(Av))).
        boolean gram = d <= GRAM_DIM;
        Smoothness.Eigen whole;
        if (gram) {
            double[] m = new double[d * d];
            for (int r = 0; r < a.rows; r++) {
                if (weight[r] != 0) {
                    a.addOuter(r, weight[r], m);
                }
            }
            whole = Smoothness.largestEigenvalue(d, (v, out) -> Smoothness.multiplySymmetric(m, d, v, out));
        } else {
            whole = Smoothness.largestEigenvalue(d, (v, out) -> {
                a.multiply(0, a.rows, v, zAll);
                for (int r = 0; r < a.rows; r++) {
                    zAll[r] *= weight[r];
                }
                a.multiplyTransposed(0, a.rows, 1.0, zAll, out);
            });
        }
        long iterations = whole.iterations();
        double maxClient = 0;
        double maxRow = 0;
        java.util.Map<Long, Double> blocks = new java.util.HashMap<>();
        int good = clients - byzantine;
        for (int i = 0; i < good; i++) {
            int s = start[i];
            int m = count[i];
            Double known = blocks.get(((long) s << 32) | m);
            if (known == null) {
                Smoothness.Eigen e;
                if (gram) {
                    double[] g = new double[d * d];
                    for (int r = s; r < s + m; r++) {
                        a.addOuter(r, 1.0 / m, g);
                    }
                    e = Smoothness.largestEigenvalue(d, (v, out) -> Smoothness.multiplySymmetric(g, d, v, out));
                } else {
                    e = Smoothness.largestEigenvalue(d, (v, out) -> {
                        a.multiply(s, m, v, zAll);
                        a.multiplyTransposed(s, m, 1.0 / m, zAll, out);
                    });
                }
                iterations += e.iterations();
                known = e.value();
                blocks.put(((long) s << 32) | m, known);
                for (int r = s; r < s + m; r++) {
                    maxRow = Math.max(maxRow, a.squaredNorm(r));
                }
            }
            maxClient = Math.max(maxClient, known);
        }
        return new Smoothness(0.25 * whole.value() + shift, 0.25 * maxClient + shift, 0.25 * maxRow + shift, iterations);
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
