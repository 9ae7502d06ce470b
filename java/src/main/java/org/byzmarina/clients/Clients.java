package org.byzmarina.clients;

import java.util.Arrays;

import org.byzmarina.problems.Problem;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * What an honest client computes in a round (docs/algorithm.md): its full local gradient, its minibatch
 * gradient difference (the same minibatch J of min(b, m_i) distinct samples at both points, drawn
 * from the client's own stream (seed, round, client, MINIBATCH)), or its minibatch gradient — with
 * client momentum m_i = β m_i + ∇f_{i,J}(x) for BR-SGDm (momenta start at 0; only clients that
 * compute update theirs, or every good client every round through {@link #advance}, the authors'
 * code). Byzantine clients use the same code for the vectors their attack starts from (bit
 * flipping, label flipping): {@link #ownGradient} in the full attack space. Client state is
 * kept only for clients that have computed.
 *
 * <p>With shared minibatches (the authors' code with {@code --full-dataset}), every client draws the
 * same indices in a round, from the stream (seed, round, {@link #SHARED}, MINIBATCH); this needs every
 * client to hold the same data (the full split).
 */
public final class Clients {
    /** The client id of the minibatch stream every client shares under shared minibatches. */
    public static final long SHARED = -2;

    private final Problem problem;
    private final long seed;
    private final int batch;
    private final double beta;
    private final double[][] momentum;
    /** The round in which each client's momentum was last advanced ahead of the round's work ({@link #advance}). */
    private final long[] advancedIn;
    private final boolean sharedMinibatches;
    /** Shared minibatches on identical client data (decided once: the split does not change). */
    private final boolean sameDrawsOnSameData;
    private final Sampling.Sampler sampler = new Sampling.Sampler();
    private final SplitMix64 rng = new SplitMix64(0);
    private int[] indices = new int[0];
    /**
     * The last plain minibatch gradient a good client computed, when every good client's is the same
     * (shared minibatches on identical data): clients with momentum then differ only in their
     * momentum, so the gradient is computed once per round and point (per thread), not per client.
     */
    private long sharedRound = Long.MIN_VALUE;
    private double[] sharedAt = new double[0];
    private double[] sharedGradient = new double[0];

    /**
     * @param momentum          β of BR-SGDm, or a negative value for no client momentum
     * @param sharedMinibatches every client draws the same minibatch indices in a round
     */
    public Clients(Problem problem, long seed, int batch, double momentum, boolean sharedMinibatches) {
        this(problem, seed, batch, momentum, momentum >= 0 ? new double[problem.clients()][] : null,
                momentum >= 0 ? new long[problem.clients()] : null, sharedMinibatches);
        if (advancedIn != null) {
            Arrays.fill(advancedIn, Long.MIN_VALUE);
        }
    }

    private Clients(Problem problem, long seed, int batch, double beta, double[][] momentum, long[] advancedIn,
                    boolean sharedMinibatches) {
        this.problem = problem;
        this.seed = seed;
        this.batch = batch;
        this.beta = beta;
        this.momentum = momentum;
        this.advancedIn = advancedIn;
        this.sharedMinibatches = sharedMinibatches;
        this.sameDrawsOnSameData = sharedMinibatches && problem.identicalClients();
    }

    /**
     * The same clients for another thread: the problem's {@link Problem#fork() view}, scratch of its
     * own, and the shared client state (each client's momentum is only ever touched by the thread
     * computing that client).
     */
    public Clients fork() {
        return new Clients(problem.fork(), seed, batch, beta, momentum, advancedIn, sharedMinibatches);
    }

    /** Whether {@link #fork()} gives independent scratch (the problem can be shared across threads). */
    public boolean forkable() {
        return problem.fork() != problem;
    }

    /**
     * Whether every good client computes the same vector for a kind of work in a round: shared
     * minibatches on identical data (the full split), and no client state (momentum) for the work.
     * The round then computes it once (the authors' code's setting; the result is the same).
     */
    public boolean identicalVectors(Work work) {
        return sameDrawsOnSameData && (work != Work.MINIBATCH_GRADIENT || momentum == null);
    }

    /** What one computation involved: sample gradients evaluated (oracle calls). */
    public long compute(long round, int client, Work work, double[] at, double[] previous, boolean flip, double[] out) {
        return compute(round, client, work, at, previous, flip, out, true);
    }

    /**
     * Advances a good client's momentum with its minibatch gradient at {@code at} ahead of round
     * {@code round}'s work, whether or not it is sampled (the authors' code: every worker steps its
     * momentum every round); {@link #compute} and {@link #peek} then return that momentum in this round
     * without computing again. Returns the sample gradients evaluated.
     */
    public long advance(long round, int client, double[] at, double[] out) {
        long calls = compute(round, client, Work.MINIBATCH_GRADIENT, at, null, false, out, true);
        advancedIn[client] = round;
        return calls;
    }

    /** As {@link #compute}, without advancing the client's momentum (an omniscient adversary's look). */
    public long peek(long round, int client, Work work, double[] at, double[] previous, double[] out) {
        return compute(round, client, work, at, previous, false, out, false);
    }

    /**
     * The plain minibatch gradient (1/|J|) Σ_J ∇f_{i,j}(at) of b fresh samples of the client's own
     * data, without momentum (what a bit- or label-flipping Byzantine starts from in the full attack
     * space). Returns the sample gradients evaluated.
     */
    public long ownGradient(long round, int client, double[] at, boolean flip, double[] out) {
        int mi = problem.samples(client);
        int size = Math.min(batch, mi);
        problem.minibatchGradient(client, minibatch(round, client, mi, size), size, at, flip, out);
        return size;
    }

    /** The round's good-client minibatch gradient at {@code at} (identical for every good client), computed once. */
    private void sharedMinibatchGradient(long round, int client, int mi, int size, double[] at, double[] out) {
        if (round != sharedRound || !Arrays.equals(at, sharedAt)) {
            if (sharedGradient.length != out.length) {
                sharedGradient = new double[out.length];
                sharedAt = new double[at.length];
            }
            problem.minibatchGradient(client, minibatch(round, client, mi, size), size, at, false, sharedGradient);
            System.arraycopy(at, 0, sharedAt, 0, at.length);
            sharedRound = round;
        }
        System.arraycopy(sharedGradient, 0, out, 0, out.length);
    }

    /** The client's minibatch indices for the round, in a reused array (valid until the next call). */
    private int[] minibatch(long round, int client, int mi, int size) {
        if (indices.length < size) {
            indices = new int[size];
        }
        sampler.floyd(Seeds.stream(rng, seed, round, sharedMinibatches ? SHARED : client, Purpose.MINIBATCH), mi, size, indices);
        return indices;
    }

    /** The kinds of work a round asks of a client. */
    public enum Work {
        /** ∇f_i(at) over all of the client's samples. */
        FULL_GRADIENT,
        /** (1/|J|) Σ_J [∇f_{i,j}(at) − ∇f_{i,j}(previous)]. */
        DIFFERENCE,
        /** (1/|J|) Σ_J ∇f_{i,j}(at), through the client's momentum if it keeps one. */
        MINIBATCH_GRADIENT
    }

    private long compute(long round, int client, Work work, double[] at, double[] previous, boolean flip, double[] out,
                         boolean advance) {
        if (work == Work.FULL_GRADIENT) {
            problem.fullGradient(client, at, flip, out);
            return problem.samples(client);
        }
        if (work == Work.MINIBATCH_GRADIENT && momentum != null && advancedIn[client] == round && !flip) {
            System.arraycopy(momentum[client], 0, out, 0, out.length); // advanced ahead of the round: counted there
            return 0;
        }
        int mi = problem.samples(client);
        int size = Math.min(batch, mi);
        boolean shared = work == Work.MINIBATCH_GRADIENT && momentum != null && sameDrawsOnSameData && !flip;
        int[] minibatch = shared ? null : minibatch(round, client, mi, size);
        if (work == Work.DIFFERENCE) {
            problem.minibatchDifference(client, minibatch, size, at, previous, flip, out);
            return 2L * size;
        }
        if (shared) {
            sharedMinibatchGradient(round, client, mi, size, at, out);
        } else {
            problem.minibatchGradient(client, minibatch, size, at, flip, out);
        }
        if (momentum != null) {
            double[] m = momentum[client];
            for (int j = 0; j < out.length; j++) {
                double next = beta * (m == null ? 0 : m[j]) + out[j];
                if (advance) {
                    if (m == null) {
                        m = new double[out.length];
                        momentum[client] = m;
                    }
                    m[j] = next;
                }
                out[j] = next;
            }
        }
        return size;
    }
}
