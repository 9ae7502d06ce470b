package org.byzmarina.nn;

import java.util.Locale;
import java.util.OptionalDouble;
import org.byzmarina.kernels.Parallel;
import org.byzmarina.problems.Problem;
import org.byzmarina.problems.Splits;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.Seeds;

/**
 * A neural network ({@link Model}) trained on MNIST with the cross-entropy loss: the problem the
 * paper's Fig. 2 uses. f_{i,j}(x) is the cross-entropy of image j of client i's shard at parameters
 * x (no regulariser); the shards come from a {@link Splits} of the training images, the Byzantine
 * clients (the last B) hold shards too, and label flipping maps y to 9 − y.
 *
 * <p>Metrics: {@link #loss} is the mean cross-entropy on a fixed training subsample of
 * {@value #LOSS_SAMPLES} images drawn with the seed from the good clients' rows (the stream (seed, 0,
 * server, LOSS_SUBSAMPLE)), not on the whole training set; it gives no gradient
 * ({@link #lossGradient()} is false), so grad_norm_sq and estimator_error stay empty, and f* is
 * unknown, so gap stays empty. {@link #testMetrics} is over all 10 000 test images.
 *
 * <p>A full local gradient is a pass over the client's shard in chunks of {@value #CHUNK} images,
 * each chunk's mean gradient weighted by its share. Gradients are computed in float32 by libtorch
 * (one intra-op thread) and accumulated in double.
 *
 * <p>One instance serves one thread: {@link #fork()} gives another that shares the (read-only) data
 * and has its own libtorch buffers (the protocol forks one per worker thread). Evaluation runs on
 * the run's threads too, each with a fork of its own.
 */
public final class NetProblem implements Problem {
    /** Images in the fixed training subsample the loss metric is computed on. */
    public static final int LOSS_SAMPLES = 2048;
    /** Images per libtorch call in full gradients and evaluation. */
    static final int CHUNK = 256;
    /**
     * Forward-only work relative to a forward and backward pass, for the evaluation spacing: measured
     * about 0.5 for the CNN (205 ms of CPU for 256 images forward, 199 ms for 128 forward and backward),
     * rounded up.
     */
    static final double FORWARD_SHARE = 0.6;
    /**
     * Training work per unit of evaluation work at the default --eval-every: 5, so that with the
     * rows at round 0 and at the end too, a 20-epoch run spends at most about a fifth on evaluation.
     */
    static final double TRAIN_PER_EVAL = 5;

    /** What every fork shares (read only). */
    record Data(Mnist mnist, Splits splits, String split, int byzantine, Model model, int maxBatch, int[] lossRows,
                long seed, int threads) {
    }

    private final Data data;
    private final TorchNet net;
    private final float[] images;
    private final long[] labels;
    private final double[] chunk;
    private final double[] previous;
    /** This instance and its evaluation forks (made on first use), and their threads. */
    private NetProblem[] evaluators;
    private Parallel evalThreads;

    NetProblem(Data data) {
        this.data = data;
        int cap = Math.max(CHUNK, data.maxBatch());
        this.net = new TorchNet(data.model(), false, cap);
        this.images = new float[cap * TorchNet.PIXELS];
        this.labels = new long[cap];
        this.chunk = new double[data.model().dim()];
        this.previous = new double[data.model().dim()];
    }

    /** The problem over {@code mnist}: the split's shards, B Byzantine clients, b the largest minibatch. */
    public static NetProblem of(Mnist mnist, Model model, String split, int clients, int byzantine, long seed, int maxBatch) {
        return of(mnist, model, split, clients, byzantine, seed, maxBatch, 1);
    }

    /** As above, evaluating (loss and test metrics) on {@code threads} threads. */
    public static NetProblem of(Mnist mnist, Model model, String split, int clients, int byzantine, long seed, int maxBatch,
                                int threads) {
        double[] y = new double[mnist.trainCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = mnist.trainLabel()[i] & 0xff;
        }
        Splits splits = Splits.of(split, y, clients, seed);
        return new NetProblem(new Data(mnist, splits, split, byzantine, model, maxBatch, lossRows(splits, clients - byzantine, seed),
                seed, Math.max(1, threads)));
    }

    /** The fixed, seeded loss subsample: LOSS_SAMPLES rows (sorted) of the good clients' data. */
    static int[] lossRows(Splits s, int good, long seed) {
        int[] pool;
        if (s.shared()) {
            pool = s.order().clone();
        } else {
            int total = 0;
            for (int c = 0; c < good; c++) {
                total += s.count()[c];
            }
            pool = new int[total];
            for (int c = 0, at = 0; c < good; c++) {
                System.arraycopy(s.order(), s.start()[c], pool, at, s.count()[c]);
                at += s.count()[c];
            }
        }
        int k = Math.min(LOSS_SAMPLES, pool.length);
        int[] pick = Sampling.floyd(Seeds.stream(seed, 0, Seeds.SERVER, Purpose.LOSS_SUBSAMPLE), pool.length, k);
        int[] rows = new int[k];
        for (int i = 0; i < k; i++) {
            rows[i] = pool[pick[i]];
        }
        java.util.Arrays.sort(rows);
        return rows;
    }

    /** Another instance for another thread: the same data, its own libtorch buffers. */
    @Override
    public NetProblem fork() {
        return new NetProblem(data);
    }

    public Model model() {
        return data.model();
    }

    @Override
    public int dim() {
        return data.model().dim();
    }

    @Override
    public int clients() {
        return data.splits().start().length;
    }

    @Override
    public int byzantine() {
        return data.byzantine();
    }

    @Override
    public int samples(int client) {
        return data.splits().count()[client];
    }

    /** Every client holds every image (the full split): shared minibatches give identical vectors. */
    @Override
    public boolean identicalClients() {
        return data.splits().shared();
    }

    @Override
    public boolean labelled() {
        return true;
    }

    /** Stages training rows {@code row(0..count)} of the client's shard; returns count. */
    private int stageTrain(int client, int[] batch, int from, int count, boolean flip) {
        int[] order = data.splits().order();
        int start = data.splits().start()[client];
        for (int j = 0; j < count; j++) {
            int row = order[start + (batch == null ? from + j : batch[from + j])];
            stageImage(j, data.mnist().train(), row);
            int y = data.mnist().trainLabel()[row] & 0xff;
            labels[j] = flip ? Mnist.CLASSES - 1 - y : y;
        }
        net.stage(images, labels, count);
        return count;
    }

    private void stageImage(int slot, byte[] pixels, int row) {
        int src = row * TorchNet.PIXELS;
        int dst = slot * TorchNet.PIXELS;
        for (int p = 0; p < TorchNet.PIXELS; p++) {
            images[dst + p] = Mnist.pixel(pixels[src + p]);
        }
    }

    @Override
    public void fullGradient(int client, double[] x, boolean flip, double[] out) {
        net.setParameters(x);
        chunkedGradient(client, null, samples(client), CHUNK, flip, out);
    }

    @Override
    public void minibatchGradient(int client, int[] batch, int size, double[] x, boolean flip, double[] out) {
        net.setParameters(x);
        batchGradient(client, batch, size, flip, out);
    }

    /** The mean gradient over the minibatch at the parameters set, into out (in chunks if the batch exceeds the buffer). */
    private void batchGradient(int client, int[] batch, int size, boolean flip, double[] out) {
        if (size <= net.capacity()) {
            stageTrain(client, batch, 0, size, flip);
            net.gradient(size, out);
            return;
        }
        chunkedGradient(client, batch, size, net.capacity(), flip, out);
    }

    /**
     * The mean gradient over images 0 .. size − 1 of the batch (null: the client's shard in order) at
     * the parameters set: chunks of at most {@code chunkSize}, each weighted by its share.
     */
    private void chunkedGradient(int client, int[] batch, int size, int chunkSize, boolean flip, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int from = 0; from < size; from += chunkSize) {
            int s = Math.min(chunkSize, size - from);
            stageTrain(client, batch, from, s, flip);
            net.gradient(s, chunk);
            double w = (double) s / size;
            for (int j = 0; j < out.length; j++) {
                out[j] += w * chunk[j];
            }
        }
    }

    @Override
    public void minibatchDifference(int client, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out) {
        net.setParameters(x0);
        batchGradient(client, batch, size, flip, previous);
        net.setParameters(x1);
        batchGradient(client, batch, size, flip, out);
        for (int j = 0; j < out.length; j++) {
            out[j] -= previous[j];
        }
    }

    /**
     * Loss sum and correct count over {@code rows} of {@code pixels}/{@code y} (rows 0..count−1 if
     * null) at x: in chunks of {@value #CHUNK} images, the chunks split into one contiguous block per
     * thread (each thread with its own fork), the chunk results added in chunk order, so the result is
     * the same for every thread count.
     */
    private double[] evaluate(double[] x, byte[] pixels, byte[] y, int[] rows, int count) {
        int chunks = (count + CHUNK - 1) / CHUNK;
        int t = Math.min(data.threads(), chunks);
        if (evaluators == null || evaluators.length < t) {
            NetProblem[] e = new NetProblem[t];
            e[0] = this;
            for (int i = 1; i < t; i++) {
                e[i] = evaluators != null && i < evaluators.length ? evaluators[i] : fork();
            }
            evaluators = e;
            evalThreads = new Parallel(t);
        }
        double[][] part = new double[chunks][];
        final int threads = t;
        evalThreads.forEach(threads, Long.MAX_VALUE, b -> {
            NetProblem p = evaluators[b];
            p.net.setParameters(x);
            for (int c = (int) ((long) chunks * b / threads); c < (int) ((long) chunks * (b + 1) / threads); c++) {
                part[c] = p.evaluateChunk(pixels, y, rows, c * CHUNK, Math.min(CHUNK, count - c * CHUNK));
            }
        });
        double loss = 0;
        long correct = 0;
        for (double[] r : part) {
            loss += r[0];
            correct += (long) r[1];
        }
        return new double[] {loss, correct};
    }

    /** Loss sum and correct count of one chunk, at the parameters set. */
    private double[] evaluateChunk(byte[] pixels, byte[] y, int[] rows, int from, int size) {
        for (int j = 0; j < size; j++) {
            int row = rows == null ? from + j : rows[from + j];
            stageImage(j, pixels, row);
            labels[j] = y[row] & 0xff;
        }
        net.stage(images, labels, size);
        return net.evaluate(size);
    }

    /** The mean cross-entropy on the fixed training subsample; {@code gradOut} is not written (see the class comment). */
    @Override
    public double loss(double[] x, double[] gradOut) {
        int[] rows = data.lossRows();
        return evaluate(x, data.mnist().train(), data.mnist().trainLabel(), rows, rows.length)[0] / rows.length;
    }

    @Override
    public boolean lossGradient() {
        return false;
    }

    @Override
    public double[] testMetrics(double[] x) {
        int n = data.mnist().testCount();
        double[] r = evaluate(x, data.mnist().test(), data.mnist().testLabel(), null, n);
        return new double[] {r[0] / n, r[1] / n};
    }

    @Override
    public OptionalDouble optimum() {
        return OptionalDouble.empty();
    }

    @Override
    public void initialPoint(double[] x) {
        data.model().initialise(data.seed(), x);
    }

    /**
     * Rows far enough apart that evaluating ({@value #LOSS_SAMPLES} + 10 000 forward passes, each
     * counted as {@value #FORWARD_SHARE} of a sample gradient) takes at most about a fifth of the run:
     * the quarter epoch, or more rounds if a round asks for fewer than 5× the evaluation's work.
     */
    @Override
    public long evalEvery(long quarterEpoch, long samplesPerRound) {
        double evalWork = (data.lossRows().length + data.mnist().testCount()) * FORWARD_SHARE;
        long needed = (long) Math.ceil(TRAIN_PER_EVAL * evalWork / Math.max(1, samplesPerRound));
        return Math.max(quarterEpoch, needed);
    }

    /**
     * The server's root sample (FLTrust, MoNNA): {@code samples} training images drawn with the seed
     * (the stream (seed, 0, server, ROOT_SAMPLE)) from the whole training set, as a one-client problem.
     */
    @Override
    public Problem rootSample(int samples, long seed) {
        int n = Math.min(samples, data.mnist().trainCount());
        int[] pick = Sampling.floyd(Seeds.stream(seed, 0, Seeds.SERVER, Purpose.ROOT_SAMPLE), data.mnist().trainCount(), n);
        Splits one = new Splits(pick, new int[] {0}, new int[] {n}, false);
        return new NetProblem(new Data(data.mnist(), one, "root sample", 0, data.model(), Math.min(n, data.maxBatch()),
                data.lossRows(), data.seed(), 1));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s on MNIST (%d training images, %s split over %d clients; d = %d; loss on a "
                        + "%d-image training subsample)", data.model().label, data.mnist().trainCount(), data.split(), clients(),
                dim(), data.lossRows().length);
    }
}
