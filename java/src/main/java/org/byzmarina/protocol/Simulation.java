package org.byzmarina.protocol;

import java.util.Arrays;
import java.util.logging.Logger;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.clients.Clients;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.problems.Problem;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * The server loop of Byz-VR-MARINA-PP (Malinovsky et al. 2024, Algorithm 1) and its named variants,
 * as configurations of one loop. One round k of the MARINA family ({@link #marinaRound}):
 * <ol>
 *   <li>coin c_k ~ Bernoulli(p) (or c_k = 1 at each epoch's first round under --coin epoch);</li>
 *   <li>S_k sampled without replacement, |S_k| = C, or Ĉ when c_k = 1, from the clients online in the
 *       round ({@link Participation}; fewer online: a short round; none: the round is skipped);</li>
 *   <li>x^{k+1} = x^k − γ g^k, clip level λ_{k+1} = α ‖x^{k+1} − x^k‖ ({@link ClipRule});</li>
 *   <li>c_k = 1: good clients send ∇f_i(x^{k+1}), g^{k+1} = ARAgg(v) (no clipping);</li>
 *   <li>c_k = 0: good clients send Q(Δ_i), Δ_i the minibatch gradient difference (the same
 *       minibatch at both points), g^{k+1} = g^k + ARAgg(clip_λ(v));</li>
 *   <li>Byzantine clients in S_k send what their attack says ({@link Round#byzantineStep}).</li>
 * </ol>
 * The SGD family ({@link #sgdRound}) sends minibatch gradients (with client momentum for BR-SGDm)
 * and, with clipping, follows the paper's eq. (10): g^k = g^{k−1} + Agg(clip_λ(u_i − g^{k−1})).
 *
 * <p>Received vectors with a non-finite entry are replaced by zero first (the non-finite rule). The
 * batch holds the sampled clients' rows in increasing id order, so good rows come first (the
 * Byzantines are the last B ids). Only sampled clients are materialised: memory O(|S| d). Every
 * buffer is allocated once: a round allocates nothing in the steady state.
 */
public final class Simulation {
    private static final Logger LOG = Logger.getLogger(Simulation.class.getName());
    /** Divergence rule: an iterate or estimator beyond this norm ends the run. */
    public static final double DIVERGENCE_NORM = 1e30;

    /** Receives a snapshot at every evaluation point. */
    public interface Observer {
        void evaluate(Snapshot s);

        /**
         * Whether the last evaluation found the model diverged although x and g are finite (a
         * network whose float32 forward pass overflows gives a non-finite loss); the run then stops.
         */
        default boolean modelDiverged() {
            return false;
        }
    }

    /**
     * How a run ended.
     *
     * @param fullRounds full-gradient aggregations (g⁰ included)
     */
    public record Outcome(boolean diverged, long roundsCompleted, long nonFiniteVectors, long fullRounds, long shortRounds,
                          long emptyRounds) {
    }

    private final ProtocolSettings s;
    private final Kernels kernels;
    private final Aggregator aggregator;
    private final Aggregator mean;
    private final int n;
    private final int good;
    private final int d;
    private final double[] x;
    private final double[] x0;
    private final double[] xNext;
    private final double[] g;
    private final Batch out;
    /** Row 0 of {@link #out}, read in bulk. */
    private final float[] outRow;
    private final Round round;
    private final Preview preview;
    private final ServerState server;
    private final RootReference root;
    private final Sampling.Sampler sampler = new Sampling.Sampler();
    private final Participation participation;
    private final SplitMix64 rng = new SplitMix64(0);
    private final int[] sample;
    private final double[] levels;
    private final byte[] flags;

    private long majorityRounds;
    private double clipLevel = Double.NaN;
    private long clippedGood;
    private long clippableGood;
    private long nonFinite;
    private long fullRounds;
    private long shortRounds;
    private long emptyRounds;

    public Simulation(Problem problem, ProtocolSettings settings, Kernels kernels, Aggregator aggregator,
                      Aggregator mean, Compressor compressor, Attack attack) {
        this(problem, settings, kernels, aggregator, mean, compressor, attack, new ServerState(), 100,
                Participation.always(problem.clients(), problem.byzantine(), settings.seed()));
    }

    /**
     * @param server      what the aggregation rules see of the server (set before every aggregation)
     * @param rootSamples the server's root sample size, for rules that need its trusted vector
     * @param participation who is online and how S_k is drawn from them
     */
    public Simulation(Problem problem, ProtocolSettings settings, Kernels kernels, Aggregator aggregator,
                      Aggregator mean, Compressor compressor, Attack attack, ServerState server, int rootSamples,
                      Participation participation) {
        this.server = server;
        this.participation = participation;
        this.s = settings;
        this.kernels = kernels;
        this.aggregator = aggregator;
        this.mean = mean;
        this.n = problem.clients();
        this.good = n - problem.byzantine();
        this.d = problem.dim();
        this.x = new double[d];
        this.x0 = new double[d];
        this.xNext = new double[d];
        this.g = new double[d];
        problem.initialPoint(x);                                 // x⁰: zero, or a network's initialisation
        System.arraycopy(x, 0, x0, 0, d);
        this.root = new RootReference(() -> problem.rootSample(rootSamples, settings.seed()), settings, g);
        int rows = (int) batchRows(settings, n);
        this.out = Batch.allocate(1, d);
        this.outRow = new float[Math.max(1, d)];
        this.sample = new int[Math.max(rows, n == rows ? n : rows)];
        this.levels = new double[rows];
        this.flags = new byte[rows];
        Clients clients = new Clients(problem, settings.seed(), settings.batch(),
                settings.method() == Method.SGDM ? settings.momentum() : -1, settings.sharedMinibatches());
        this.preview = new Preview(kernels, g, rows, d);
        server.dimension(d);
        this.round = new Round(settings, kernels, clients, compressor, attack, good, d, rows, x0, g, preview);
    }

    /** Runs all rounds, calling the observer at round 0, every {@code evalEvery} rounds and at the end. */
    public Outcome run(long evalEvery, Observer observer) {
        return run(evalEvery, observer, Progress.NONE);
    }

    /** As {@link #run(long, Observer)}, reporting each completed round to {@code progress}. */
    public Outcome run(long evalEvery, Observer observer, Progress progress) {
        start();
        observer.evaluate(snapshot(0));
        for (long k = 0; k < s.rounds(); k++) {
            round(k);
            progress.advanced(k + 1);
            if (diverged()) {
                LOG.warning("diverged at round " + k + " (an iterate or the estimator is non-finite or beyond 1e30)");
                return new Outcome(true, k, nonFinite, fullRounds, shortRounds, emptyRounds);
            }
            if ((k + 1) % evalEvery == 0 || k + 1 == s.rounds()) {
                observer.evaluate(snapshot(k + 1));
                if (observer.modelDiverged()) {
                    LOG.warning("diverged by round " + (k + 1) + " (the model's loss is non-finite)");
                    return new Outcome(true, k + 1, nonFinite, fullRounds, shortRounds, emptyRounds);
                }
            }
        }
        return new Outcome(false, s.rounds(), nonFinite, fullRounds, shortRounds, emptyRounds);
    }

    /** Prepares round 0: the initial estimator g⁰ of the MARINA family (SGD methods start at g = 0). */
    public void start() {
        if (s.method().marinaFamily()) {
            initialEstimator();
        }
    }

    /** Runs round k (rounds must run in order 0, 1, 2, ...). */
    public void round(long k) {
        if (s.method().marinaFamily()) {
            marinaRound(k);
        } else {
            sgdRound(k);
        }
    }

    /** The current iterate x^k (the simulation's own array: read it, do not keep it). */
    public double[] iterate() {
        return x;
    }

    /** The current estimator g^k (the simulation's own array: read it, do not keep it). */
    public double[] estimator() {
        return g;
    }

    Snapshot snapshot(long k) {
        Snapshot snap = new Snapshot(k, x, g, round.oracleCalls(), round.bits(), majorityRounds, clipLevel, clippedGood,
                clippableGood, nonFinite, shortRounds, emptyRounds);
        clippedGood = 0;
        clippableGood = 0;
        return snap;
    }

    /**
     * g⁰: ARAgg of the full local gradients at x⁰ (round −1), over a sample of Ĉ clients — every
     * client with the default Ĉ = n (a full-participation round); with a smaller Ĉ the sample keeps
     * memory at O(Ĉ d) for very large n. Its bits and oracle calls count. With nobody online it is
     * skipped (g⁰ = 0).
     */
    private void initialEstimator() {
        int m = sampleClients(-1, s.method() == Method.MARINA ? n : s.bigCohort());
        if (m == 0) {
            return;
        }
        fullRounds++;
        preview.set(true, Double.POSITIVE_INFINITY, aggregator, bucketingSeed(-1), m);
        root.set(-1, Clients.Work.FULL_GRADIENT, x, null, 0);
        server.aggregating(g, root);
        collect(-1, m, Clients.Work.FULL_GRADIENT, null, x, null);
        aggregateFull(-1, m);
    }

    /**
     * The coin c_k. Under --coin epoch (the authors' code) the full aggregations are at rounds jR,
     * j = 0, 1, …: g⁰ is the one at j = 0, and round k computes g^{k+1}, so c_k = 1 exactly when k + 1
     * is a positive multiple of R below the run's length (none in the last round, whose g^K is never used).
     */
    boolean coin(long k) {
        if (s.coinEpoch()) {
            return (k + 1) % s.epochRounds() == 0 && k + 1 < s.rounds();
        }
        return Seeds.stream(rng, s.seed(), k, Seeds.SERVER, Purpose.COIN).nextBernoulli(s.p());
    }

    /**
     * One round of Byz-VR-MARINA-PP, PP+ or Byz-VR-MARINA (Algorithm 1). A round with nobody online is
     * skipped: x and g stay as they are.
     */
    private void marinaRound(long k) {
        boolean coin = coin(k);                                                    // 1. c_k
        boolean everyone = s.method() == Method.MARINA;
        int m = sampleClients(k, everyone ? n : coin ? s.bigCohort() : s.sampled()); // 2. S_k
        if (m == 0) {
            return;
        }
        if (coin) {
            fullRounds++;
        }
        double lambda = s.clip().level(norm(g), s.step());                          // 3. λ_{k+1} = α γ ‖g^k‖
        descend(x, s.step(), g, xNext);                                             //    x^{k+1} = x^k − γ g^k
        // Byz-VR-MARINA's clients send full vectors g^k + Q(Δ_i); PP's send differences Q(Δ_i).
        boolean fullForm = coin || everyone;
        Clients.Work work = coin ? Clients.Work.FULL_GRADIENT : Clients.Work.DIFFERENCE;
        Aggregator agg = fullForm || s.method() != Method.MARINA_PP_PLUS ? aggregator : mean;
        preview.set(fullForm, lambda, agg, bucketingSeed(k), m);
        root.set(k, work, xNext, x, everyone && !coin ? 1 : 0);
        server.aggregating(fullForm ? g : null, root);
        collect(k, m, work, fullForm ? null : g, xNext, x);                          // 4.–6. what S_k sends
        if (fullForm) {
            aggregateFull(k, m);                                                     // g^{k+1} = ARAgg(v)
        } else {
            clipReceived(m, lambda);                                                 // clip_λ(v_i)
            server.aggregating(null, root);
            agg.aggregate(round.rows(), m, out, bucketingSeed(k));
            addOut(g);                                                               // g^{k+1} = g^k + ARAgg(...)
        }
        System.arraycopy(xNext, 0, x, 0, d);
    }

    /**
     * One round of parallel SGD or BR-SGDm; with clipping, the heuristic of eq. (10). Under --coin epoch
     * (the authors' code) every epoch's first round, k = jR, takes all n clients and aggregates their
     * u_i without clipping: g^k = ARAgg(u).
     */
    private void sgdRound(long k) {
        boolean full = s.coinEpoch() && k % s.epochRounds() == 0;
        if (s.momentumEveryRound() && s.method() == Method.SGDM) {
            round.advanceMomenta(k, x);                                              // every good m_i, sampled or not
        }
        int m = sampleClients(k, full ? n : s.sampled());
        if (m == 0) {
            return; // nobody online: skipped
        }
        if (full) {
            fullRounds++;
        }
        if (s.clipping() && !full) {
            // g^k = g^{k−1} + Agg(clip_λ(u_i − g^{k−1})), λ_k = α ‖x^k − x^{k−1}‖ (+∞ in the first round).
            double lambda = k == 0 ? Double.POSITIVE_INFINITY : s.clip().level(norm(g), s.step());
            preview.set(false, lambda, aggregator, bucketingSeed(k), m);
            root.set(k, Clients.Work.MINIBATCH_GRADIENT, x, null, -1);
            server.aggregating(null, root);
            if (s.attackSpace() == AttackSpace.FULL) {
                collect(k, m, Clients.Work.MINIBATCH_GRADIENT, g, x, null);      // messages u_i − g^{k−1}
            } else {
                // The difference-space ablation keeps the earlier order: attacks on u, then u − g^{k−1} for every row.
                preview.subtractFirst();
                collect(k, m, Clients.Work.MINIBATCH_GRADIENT, null, x, null);
                nonFinite += round.zeroNonFinite(m);
                round.subtract(m, g);
            }
            clipReceived(m, lambda);
            server.aggregating(null, root);
            aggregator.aggregate(round.rows(), m, out, bucketingSeed(k));
            addOut(g);
        } else {
            preview.set(true, Double.POSITIVE_INFINITY, aggregator, bucketingSeed(k), m);
            root.set(k, Clients.Work.MINIBATCH_GRADIENT, x, null, 0);
            server.aggregating(g, root);
            collect(k, m, Clients.Work.MINIBATCH_GRADIENT, null, x, null);
            aggregateFull(k, m);
        }
        descend(x, s.step(), g, x);
    }

    /**
     * to = x − γ g (to may be x). A method of its own, like the other per-coordinate loops of a round:
     * the JIT then compiles the loop alone instead of recompiling the whole round around it (an
     * on-stack replacement of marinaRound took the optimising compiler tens of ms).
     */
    private static void descend(double[] x, double step, double[] g, double[] to) {
        for (int j = 0; j < x.length; j++) {
            to[j] = x[j] - step * g[j];
        }
    }

    /** What the m sampled clients send (see {@link Round}); counts the Byzantine-majority rounds. */
    private void collect(long k, int m, Clients.Work work, double[] shift, double[] at, double[] previous) {
        if (round.fill(k, sample, m, work, shift, at, previous)) {
            majorityRounds++;
        }
    }

    /** g = ARAgg of the m received full vectors (non-finite rule first). */
    private void aggregateFull(long k, int m) {
        nonFinite += round.zeroNonFinite(m);
        server.aggregating(g, root);
        aggregator.aggregate(round.rows(), m, out, bucketingSeed(k));
        out.readRow(0, 0, outRow, d);
        for (int j = 0; j < d; j++) {
            g[j] = outRow[j];
        }
    }

    private long bucketingSeed(long k) {
        return Seeds.derive(s.seed(), k, Seeds.SERVER, Purpose.BUCKETING);
    }

    /** Clips every received vector at λ (non-finite rule included) and counts the good ones clipped. */
    private void clipReceived(int m, double lambda) {
        Arrays.fill(levels, 0, m, lambda);
        kernels.clip(round.rows(), round.rows(), m, levels, null, flags);
        boolean clips = Double.isFinite(lambda);
        for (int r = 0; r < m; r++) {
            if (flags[r] == Kernels.NON_FINITE) {
                nonFinite++;
            }
            if (sample[r] < good && clips) {
                clippableGood++;
                clippedGood += flags[r] == Kernels.CLIPPED ? 1 : 0;
            }
        }
        if (clips) {
            clipLevel = lambda;
        }
    }

    /**
     * Samples |S_k| = size clients without replacement into {@link #sample}, sorted, from the clients
     * online in round k ({@link Participation}); returns |S_k|, below size in a short round (counted)
     * and 0 in an empty one (counted).
     */
    private int sampleClients(long k, int size) {
        if (!participation.trivial()) {
            int want = Math.min(size, n);
            int m = participation.sample(k, want, sample);
            if (m == 0) {
                emptyRounds++;
            } else if (m < want) {
                shortRounds++;
            }
            return m;
        }
        if (size >= n) {
            for (int i = 0; i < n; i++) {
                sample[i] = i;
            }
            return n;
        }
        sampler.floyd(Seeds.stream(rng, s.seed(), k, Seeds.SERVER, Purpose.SAMPLING), n, size, sample);
        return size;
    }

    /** g += out, in double. */
    private void addOut(double[] target) {
        out.readRow(0, 0, outRow, d); // one bulk read: an element-wise read costs a call chain per element before the JIT
        for (int j = 0; j < d; j++) {
            target[j] += outRow[j];
        }
    }

    /** Divergence rule: x or g non-finite or beyond {@link #DIVERGENCE_NORM} in norm. */
    public boolean diverged() {
        double nx = norm(x);
        double ng = norm(g);
        return !(nx <= DIVERGENCE_NORM) || !(ng <= DIVERGENCE_NORM);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** Rows of the per-round batch: |S_k| at most (n for Byz-VR-MARINA). */
    public static long batchRows(ProtocolSettings s, int n) {
        if (s.method() == Method.MARINA || (!s.method().marinaFamily() && s.coinEpoch())) {
            return n;
        }
        return Math.min(n, s.method().marinaFamily() ? Math.max(s.sampled(), s.bigCohort()) : s.sampled());
    }
}
