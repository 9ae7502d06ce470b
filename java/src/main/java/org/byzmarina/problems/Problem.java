package org.byzmarina.problems;

import java.util.OptionalDouble;

/**
 * The objective f(x) = (1/G) Σ_{i good} f_i(x), f_i(x) = (1/m_i) Σ_j f_{i,j}(x), of docs/algorithm.md, with
 * n clients of which the last B are Byzantine (they hold data too: LF needs it).
 *
 * <p>Gradients are computed in double into caller-owned arrays; a client then rounds what it sends
 * to float32. Implementations keep scratch space: one instance serves one thread.
 */
public interface Problem {
    int dim();

    /** n. */
    int clients();

    /** B: clients n − B .. n − 1 are Byzantine. */
    int byzantine();

    /** m_i, the number of samples client i holds. */
    int samples(int client);

    /** Whether the samples have labels (label flipping needs them). */
    boolean labelled();

    /** out = ∇f_i(x) over all of client i's samples (labels flipped if {@code flip}). */
    void fullGradient(int client, double[] x, boolean flip, double[] out);

    /** out = (1/|J|) Σ_{j∈J} ∇f_{i,j}(x), J = batch[0..size). */
    void minibatchGradient(int client, int[] batch, int size, double[] x, boolean flip, double[] out);

    /** out = (1/|J|) Σ_{j∈J} [∇f_{i,j}(x1) − ∇f_{i,j}(x0)], the same J at both points. */
    void minibatchDifference(int client, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out);

    /** f(x) over the good clients, regulariser included; if gradOut is non-null it receives ∇f(x). */
    double loss(double[] x, double[] gradOut);

    /**
     * Whether {@link #loss} fills {@code gradOut} with ∇f(x) (the metrics grad_norm_sq and
     * estimator_error). A problem whose loss metric is an estimate (a network's loss on a training
     * subsample) says no: it is then called with a null {@code gradOut} and those columns stay empty.
     */
    default boolean lossGradient() {
        return true;
    }

    /** f* if known in closed form or from the problem's own solver; empty if unknown. */
    OptionalDouble optimum();

    /** Test-set metrics (loss, accuracy) if a test set is attached; null otherwise. */
    default double[] testMetrics(double[] x) {
        return null;
    }

    /**
     * The server's root sample (FLTrust, MoNNA): a one-client problem of {@code samples} data points
     * drawn, with the seed, from the whole training data (excluded from no client), with the same
     * loss; the server computes its trusted vector on it exactly as an honest client would.
     */
    default Problem rootSample(int samples, long seed) {
        throw new IllegalArgumentException(describe() + " has no data for a server root sample");
    }

    /**
     * Whether anything a run computes on this problem may call OpenBLAS: its gradients, metrics, test
     * metrics and theory constants, and the server's root sample of {@code rootSamples} rows drawn with
     * {@code seed} ({@link #rootSample}; FLTrust, MoNNA), whether or not the run's rule asks for it.
     * A run loads OpenBLAS only if this says yes (kernels.NativeLoading), so a problem must not say no
     * unless it is sure; the default says yes. f* by Newton's method is not included: it loads
     * OpenBLAS itself, before solving.
     */
    default boolean usesBlas(int rootSamples, long seed) {
        return true;
    }

    /**
     * Writes x⁰, the point every run starts from (zero-filled on entry): zero by default; a neural
     * network writes its seeded random initialisation.
     */
    default void initialPoint(double[] x) {
    }

    /**
     * Rounds between metrics rows when --eval-every is not given: the protocol's quarter epoch by
     * default. A problem whose evaluation is costly compared with a round (a network evaluated on
     * thousands of images) may space the rows further apart.
     *
     * @param quarterEpoch    a quarter of an epoch's rounds (at least 1)
     * @param samplesPerRound the sample gradients a round asks of the good clients, about C·b
     */
    default long evalEvery(long quarterEpoch, long samplesPerRound) {
        return quarterEpoch;
    }

    /**
     * The smoothness constants of the good clients' objective (L, max_i L_i, max_{i,j} L_{i,j}) for
     * the theory's step and clip level (docs/algorithm.md "Theory").
     *
     * @throws IllegalArgumentException if the problem has none
     */
    default Smoothness smoothness() {
        throw new IllegalArgumentException(describe() + " has no known smoothness constants (the theory needs them)");
    }

    /**
     * A view of this problem for another thread: the same data (read-only, shared) with scratch of
     * its own. Problems whose instances cannot be shared return {@code this}, and their client work
     * then stays on one thread.
     */
    default Problem fork() {
        return this;
    }

    /**
     * Whether every client holds the same data (the full split), so that clients drawing the same
     * minibatch at the same point compute the same vector.
     */
    default boolean identicalClients() {
        return false;
    }

    /** A one-line description for logs and run.json. */
    String describe();
}
