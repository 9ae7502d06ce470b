package org.byzmarina.protocol;

import java.util.Arrays;
import java.util.logging.Logger;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackContext;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.clients.Clients;
import org.byzmarina.clients.Statistics;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.problems.Problem;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.Seeds;

/**
 * The server loop of SPEC.md (Byz-VR-MARINA-PP, Malinovsky et al. 2024, Algorithm 1) and its named
 * variants, as configurations of one loop. One round k:
 * <ol>
 *   <li>coin c_k ~ Bernoulli(p) (or c_k = 1 at each epoch's first round);</li>
 *   <li>S_k sampled without replacement, |S_k| = C, or Ĉ when c_k = 1;</li>
 *   <li>x^{k+1} = x^k − γ g^k, clip level λ_{k+1} = α ||x^{k+1} − x^k|| = α γ ||g^k||;</li>
 *   <li>c_k = 1: good clients send ∇f_i(x^{k+1}), g^{k+1} = ARAgg(v) (no clipping);</li>
 *   <li>c_k = 0: good clients send Q(Δ_i), Δ_i the minibatch gradient difference (the same
 *       minibatch at both points), g^{k+1} = g^k + ARAgg(clip_λ(v));</li>
 *   <li>Byzantine clients in S_k send what their attack says.</li>
 * </ol>
 * Received vectors with a non-finite entry are replaced by zero first (the non-finite rule). The
 * batch holds the sampled clients' rows in increasing id order, so good rows come first (the
 * Byzantines are the last B ids). Only sampled clients are materialised: memory O(|S| d).
 */
public final class Simulation {
    private static final Logger LOG = Logger.getLogger(Simulation.class.getName());
    /** Divergence rule: an iterate or estimator beyond this norm ends the run. */
    public static final double DIVERGENCE_NORM = 1e30;

    /** Receives a snapshot at every evaluation point. */
    public interface Observer {
        void evaluate(Snapshot s);
    }

    /**
     * How a run ended.
     *
     * @param fullRounds full-gradient aggregations (g⁰ included)
     */
    public record Outcome(boolean diverged, long roundsCompleted, long nonFiniteVectors, long fullRounds) {
    }

    private final Problem problem;
    private final ProtocolSettings s;
    private final Kernels kernels;
    private final Aggregator aggregator;
    private final Aggregator mean;
    private final Compressor compressor;
    private final Attack attack;
    private final int n;
    private final int good;
    private final int d;
    private final double[] x;
    private final double[] x0;
    private final double[] xNext;
    private final double[] g;
    private final double[] tmp;
    private final Batch rows;
    private final Batch out;
    private final Clients clients;
    private final double[] mu;
    private final double[] sigma;
    private Batch omniscientRows;
    private Batch unsampledRows;

    private long oracleCalls;
    private long bits;
    private long majorityRounds;
    private double clipLevel = Double.NaN;
    private long clippedGood;
    private long clippableGood;
    private long nonFinite;
    private long fullRounds;

    public Simulation(Problem problem, ProtocolSettings settings, Kernels kernels, Aggregator aggregator,
                      Aggregator mean, Compressor compressor, Attack attack) {
        this.problem = problem;
        this.s = settings;
        this.kernels = kernels;
        this.aggregator = aggregator;
        this.mean = mean;
        this.compressor = compressor;
        this.attack = attack;
        this.n = problem.clients();
        this.good = n - problem.byzantine();
        this.d = problem.dim();
        this.x = new double[d];
        this.x0 = new double[d];
        this.xNext = new double[d];
        this.g = new double[d];
        this.tmp = new double[d];
        this.mu = new double[d];
        this.sigma = new double[d];
        this.rows = Batch.allocate((int) batchRows(settings, n), d);
        this.out = Batch.allocate(1, d);
        this.clients = new Clients(problem, settings.seed(), settings.batch(),
                settings.method() == Method.SGDM ? settings.momentum() : -1, settings.sharedMinibatches());
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
                return new Outcome(true, k, nonFinite, fullRounds);
            }
            if ((k + 1) % evalEvery == 0 || k + 1 == s.rounds()) {
                observer.evaluate(snapshot(k + 1));
            }
        }
        return new Outcome(false, s.rounds(), nonFinite, fullRounds);
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

    private Snapshot snapshot(long round) {
        Snapshot snap = new Snapshot(round, x, g, oracleCalls, bits, majorityRounds, clipLevel, clippedGood, clippableGood, nonFinite);
        clippedGood = 0;
        clippableGood = 0;
        return snap;
    }

    /**
     * g⁰: ARAgg of the full local gradients at x⁰ (round −1), over a sample of Ĉ clients — every
     * client with the default Ĉ = n (SPEC.md's full-participation round); with a smaller Ĉ the
     * sample keeps memory at O(Ĉ d) for very large n. Its bits and oracle calls count.
     */
    private void initialEstimator() {
        int[] cohort = s.method() == Method.MARINA ? range(n) : sample(-1, s.bigCohort());
        fullRounds++;
        collect(-1, cohort, true, true, x, null);
        nonFinite += org.byzmarina.aggregation.NonFiniteRule.apply(kernels, rows, cohort.length);
        aggregator.aggregate(rows, cohort.length, out, Seeds.derive(s.seed(), -1, Seeds.SERVER, Purpose.BUCKETING));
        readOut(g, false);
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
        return Seeds.stream(s.seed(), k, Seeds.SERVER, Purpose.COIN).nextBernoulli(s.p());
    }

    /** One round of Byz-VR-MARINA-PP, PP+ or Byz-VR-MARINA. */
    private void marinaRound(long k) {
        boolean coin = coin(k);
        if (coin) {
            fullRounds++;
        }
        int[] sample = s.method() == Method.MARINA ? range(n)
                : sample(k, coin ? s.bigCohort() : s.sampled());
        double gNorm = norm(g);
        for (int j = 0; j < d; j++) {
            xNext[j] = x[j] - s.step() * g[j];
        }
        int m = sample.length;
        boolean fullForm = coin || s.method() == Method.MARINA;
        collect(k, sample, coin, fullForm, xNext, x);
        if (fullForm) {
            nonFinite += org.byzmarina.aggregation.NonFiniteRule.apply(kernels, rows, m);
            aggregator.aggregate(rows, m, out, Seeds.derive(s.seed(), k, Seeds.SERVER, Purpose.BUCKETING));
            readOut(g, false);
        } else {
            double lambda = s.clipping() ? clipLevelFor(gNorm) : Double.POSITIVE_INFINITY;
            clipReceived(sample, m, lambda);
            Aggregator agg = s.method() == Method.MARINA_PP_PLUS ? mean : aggregator;
            agg.aggregate(rows, m, out, Seeds.derive(s.seed(), k, Seeds.SERVER, Purpose.BUCKETING));
            readOut(g, true);
        }
        System.arraycopy(xNext, 0, x, 0, d);
    }

    /** One round of parallel SGD or BR-SGDm; with clipping, the heuristic of eq. (10). */
    private void sgdRound(long k) {
        int[] sample = sample(k, s.sampled());
        int m = sample.length;
        collect(k, sample, false, true, x, null);
        nonFinite += org.byzmarina.aggregation.NonFiniteRule.apply(kernels, rows, m);
        long seed = Seeds.derive(s.seed(), k, Seeds.SERVER, Purpose.BUCKETING);
        if (s.clipping()) {
            // g^k = g^{k−1} + Agg(clip_λ(u_i − g^{k−1})), λ_k = α ||x^k − x^{k−1}|| (+Inf in the first round).
            double lambda = k == 0 ? Double.POSITIVE_INFINITY : clipLevelFor(norm(g));
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < d; j++) {
                    rows.set(r, j, (float) (rows.get(r, j) - g[j]));
                }
            }
            clipReceived(sample, m, lambda);
            aggregator.aggregate(rows, m, out, seed);
            readOut(g, true);
        } else {
            aggregator.aggregate(rows, m, out, seed);
            readOut(g, false);
        }
        for (int j = 0; j < d; j++) {
            x[j] -= s.step() * g[j];
        }
    }

    /** λ = α γ ||g|| (paper) or c ||g|| (the official code's --clip-mode code). */
    private double clipLevelFor(double gNorm) {
        return s.clipCodeMode() ? s.clipAlpha() * gNorm : s.clipAlpha() * s.step() * gNorm;
    }

    /** Clips every received vector at λ (non-finite rule included) and counts the good ones clipped. */
    private void clipReceived(int[] sample, int m, double lambda) {
        double[] levels = new double[m];
        Arrays.fill(levels, lambda);
        byte[] flags = new byte[m];
        kernels.clip(rows, rows, m, levels, null, flags);
        for (int r = 0; r < m; r++) {
            if (flags[r] == Kernels.NON_FINITE) {
                nonFinite++;
            }
            if (sample[r] < good && Double.isFinite(lambda)) {
                clippableGood++;
                clippedGood += flags[r] == Kernels.CLIPPED ? 1 : 0;
            }
        }
        if (Double.isFinite(lambda)) {
            clipLevel = lambda;
        }
    }

    /**
     * Fills the batch with what the sampled clients send: the good clients' honest work and its
     * compression (counting oracle calls and bits), then the Byzantine step.
     *
     * @param full     c_k = 1: full local gradients at {@code at}; else minibatch work
     * @param fullForm the server aggregates full vectors (else differences: messages are u − g^k)
     * @param at       the point the clients evaluate (x^{k+1} for MARINA, x^k for SGD)
     * @param previous x^k for MARINA's differences; null for SGD's minibatch gradients
     */
    private void collect(long k, int[] sample, boolean full, boolean fullForm, double[] at, double[] previous) {
        int goodRows = 0;
        while (goodRows < sample.length && sample[goodRows] < good) {
            goodRows++;
        }
        boolean majority = (sample.length - goodRows) * 2 > sample.length;
        if (majority) {
            majorityRounds++;
        }
        // In the difference space, flipping Byzantines start from the honest message on their data.
        boolean honestByzantines = attack != null && attack.startsFromOwnVector() && s.attackSpace() == AttackSpace.DIFFERENCE;
        int computed = honestByzantines ? sample.length : goodRows;
        Clients.Work work = work(full, previous);
        honestWork(k, sample, goodRows, computed, work, at, previous);
        if (!full) {
            compress(rows, computed, sample, k);
        }
        bits += (full ? 32L * d : compressor.bits(d)) * goodRows;
        if (attack != null && goodRows < sample.length) {
            byzantineStep(k, sample, goodRows, fullForm, majority, work, at, previous);
        }
    }

    /** Rows 0..computed−1: what a good client with each sampled id computes (Byzantine work uncounted). */
    private void honestWork(long k, int[] sample, int goodRows, int computed, Clients.Work work, double[] at,
                            double[] previous) {
        for (int r = 0; r < computed; r++) {
            boolean isGood = r < goodRows;
            long calls = clients.compute(k, sample[r], work, at, previous, !isGood && attack.flipsLabels(), tmp);
            oracleCalls += isGood ? calls : 0;
            rows.setRow(r, tmp);
        }
    }

    /** Q(Δ_i) for rows 0..count−1 (client ids in {@code ids}); Byz-VR-MARINA's clients send g^k + Q(Δ_i). */
    private void compress(Batch b, int count, int[] ids, long k) {
        compressor.compress(b, count, ids, s.seed(), k);
        if (s.method() == Method.MARINA) {
            for (int r = 0; r < count; r++) {
                for (int j = 0; j < d; j++) {
                    b.set(r, j, (float) (g[j] + b.get(r, j)));
                }
            }
        }
    }

    /**
     * The Byzantine rows (SPEC.md "Attacks"): in the full attack space, flipping Byzantines start from
     * their own plain minibatch gradient at {@code at}, statistics are those of the good clients' full
     * vectors, and a full vector u becomes the message u − g^k where the server aggregates differences.
     */
    private void byzantineStep(long k, int[] sample, int goodRows, boolean fullForm, boolean majority,
                               Clients.Work work, double[] at, double[] previous) {
        boolean fullSpace = s.attackSpace() == AttackSpace.FULL;
        if (fullSpace && attack.startsFromOwnVector()) {
            for (int r = goodRows; r < sample.length; r++) {
                clients.ownGradient(k, sample[r], at, attack.flipsLabels(), tmp);
                rows.setRow(r, tmp);
            }
        }
        double[] shift = fullForm ? null : g;
        Arrays.fill(mu, 0);
        Arrays.fill(sigma, 0);
        if (attack.needsGoodStatistics()) {
            double[] sd = attack.needsStandardDeviation() ? sigma : null;
            double[] offset = fullSpace ? shift : null;
            if (s.omniscient()) {
                omniscientStatistics(k, sample, goodRows, work, at, previous, offset, sd);
            } else {
                Statistics.of(rows, goodRows, offset, mu, sd);
            }
        }
        int[] byzClients = Arrays.copyOfRange(sample, goodRows, sample.length);
        attack.craft(new AttackContext(s.seed(), k, s.attackSpace(), shift, majority, goodRows, byzClients, mu, sigma,
                at, x0), rows);
    }

    private static Clients.Work work(boolean full, double[] previous) {
        return full ? Clients.Work.FULL_GRADIENT : previous != null ? Clients.Work.DIFFERENCE : Clients.Work.MINIBATCH_GRADIENT;
    }

    /**
     * μ and σ (ddof = 1) over every good client's vector this round (--omniscient): the sampled good
     * clients' rows as sent, the others computed as they would have been (without advancing their
     * momenta or counting their work), each offset by {@code offset} if non-null (full vectors).
     */
    private void omniscientStatistics(long k, int[] sample, int goodRows, Clients.Work work, double[] at, double[] previous,
                                      double[] offset, double[] sd) {
        if (omniscientRows == null) {
            omniscientRows = Batch.allocate(good, d);
            unsampledRows = Batch.allocate(good, d);
        }
        int[] unsampled = new int[good - goodRows];
        int u = 0;
        for (int i = 0, r = 0; i < good; i++) {
            if (r < goodRows && sample[r] == i) {
                omniscientRows.copyRow(rows, r, i);
                r++;
            } else {
                unsampled[u++] = i;
            }
        }
        for (int q = 0; q < unsampled.length; q++) {
            clients.peek(k, unsampled[q], work, at, previous, tmp);
            unsampledRows.setRow(q, tmp);
        }
        if (work != Clients.Work.FULL_GRADIENT && unsampled.length > 0) {
            compress(unsampledRows, unsampled.length, unsampled, k);
        }
        for (int q = 0; q < unsampled.length; q++) {
            omniscientRows.copyRow(unsampledRows, q, unsampled[q]);
        }
        Statistics.of(omniscientRows, good, offset, mu, sd);
    }

    private int[] sample(long k, int size) {
        if (size >= n) {
            return range(n);
        }
        return Sampling.floyd(Seeds.stream(s.seed(), k, Seeds.SERVER, Purpose.SAMPLING), n, size);
    }

    /** g = out (replace) or g += out (add), in double. */
    private void readOut(double[] target, boolean add) {
        for (int j = 0; j < d; j++) {
            double v = out.get(0, j);
            target[j] = add ? target[j] + v : v;
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

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Rows of the per-round batch: |S_k| at most (n for Byz-VR-MARINA). */
    public static long batchRows(ProtocolSettings s, int n) {
        if (s.method() == Method.MARINA) {
            return n;
        }
        return Math.min(n, s.method().marinaFamily() ? Math.max(s.sampled(), s.bigCohort()) : s.sampled());
    }
}
