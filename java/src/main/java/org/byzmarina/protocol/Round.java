package org.byzmarina.protocol;

import java.util.Arrays;
import org.byzmarina.aggregation.NonFiniteRule;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackContext;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.clients.Clients;
import org.byzmarina.clients.Statistics;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.Parallel;

/**
 * What the sampled clients of one round send, in three steps ({@link #fill}): the good clients'
 * honest work, its compression, and the Byzantine step. Rows hold the sampled clients in
 * increasing id order, good clients first. Counts the good clients' oracle calls and uplink bits.
 * Every buffer is allocated once (the omniscient rows on first use).
 */
final class Round {
    private final ProtocolSettings s;
    private final Clients clients;
    private final Compressor compressor;
    private final Attack attack;
    private final NonFiniteRule nonFiniteRule;
    private final int good;
    /** The ids 0..good−1, for {@link #advanceMomenta} (allocated on first use). */
    private int[] everyGood;
    private final int d;
    private final double[] x0;
    private final double[] g;
    private final Batch rows;
    private final double[] tmp;
    private final double[] mu;
    private final double[] sigma;
    /** Row buffers of the omniscient statistics, one per thread. */
    private final float[][] statisticsRows;
    private final int[] byzClients;
    private final int[] unsampled;
    private final Peeker peeker;
    private final AttackContext.Server server;
    private final AttackContext context = new AttackContext(0, 0, AttackSpace.FULL, null, false, 0, null, 0, null, null,
            null, null);
    private Batch omniscientRows;
    private Batch unsampledRows;
    /** The round's good-client vector when every good client computes the same one (see {@link #perClient}). */
    private final Batch twin;
    private boolean twinReady;
    private long twinCalls;

    private final Parallel parallel;
    private final Worker[] workers;

    private long oracleCalls;
    private long bits;

    /** One thread's share of the client work: its clients view (own problem scratch), buffers and count. */
    private static final class Worker {
        final Clients clients;
        final double[] tmp;
        final float[] floats;
        long calls;

        Worker(Clients clients, int d) {
            this.clients = clients;
            this.tmp = new double[d];
            this.floats = new float[d];
        }
    }

    /** What a row of {@link #perClient} holds. */
    private enum Task {
        /** The good client's (or, in the difference space, a flipping Byzantine's honest) vector. */
        HONEST,
        /** A flipping Byzantine's own minibatch gradient (full attack space). */
        OWN_GRADIENT,
        /** An unsampled good client's vector, its state not advanced (omniscient attacks). */
        PEEK,
        /** A good client's momentum stepped ahead of the round, sampled or not (--momentum-every-round). */
        ADVANCE
    }

    // The round in progress, for perClient's tasks (fields, not captured: a round allocates nothing).
    private long curK;
    private int[] curIds;
    private int curGoodRows;
    private Clients.Work curWork;
    private double[] curAt;
    private double[] curPrevious;

    /**
     * @param g      the server's estimator (read when forming messages)
     * @param server the server's preview of a round's outcome (for optimising attacks)
     */
    Round(ProtocolSettings s, Kernels kernels, Clients clients, Compressor compressor, Attack attack, int good, int d,
          int rows, double[] x0, double[] g, AttackContext.Server server) {
        this.s = s;
        this.clients = clients;
        this.compressor = compressor;
        this.attack = attack;
        this.nonFiniteRule = new NonFiniteRule(kernels);
        this.good = good;
        this.d = d;
        this.x0 = x0;
        this.g = g;
        this.rows = Batch.allocate(rows, d);
        this.twin = Batch.allocate(1, d);
        this.tmp = new double[d];
        this.mu = new double[d];
        this.sigma = new double[d];
        this.statisticsRows = Statistics.scratch(Math.max(1, kernels.threads()), d);
        this.byzClients = new int[rows];
        this.unsampled = new int[good];
        this.server = server;
        this.peeker = new Peeker();
        int threads = Math.max(1, kernels.threads());
        boolean forkable = threads > 1 && clients.forkable();
        this.parallel = new Parallel(forkable ? threads : 1);
        this.workers = new Worker[forkable ? threads : 1];
        workers[0] = new Worker(clients, d);
        for (int t = 1; t < workers.length; t++) {
            workers[t] = new Worker(clients.fork(), d);
        }
    }

    /**
     * Rows from..to−1 of {@code target}, each from its own client, across the engine's threads: a fixed
     * split into one contiguous block per thread. Each row depends only on (seed, round, client), so
     * the rows, and the oracle-call count, are the same for every thread count. On one thread nothing
     * is allocated.
     */
    private void perClient(Batch target, int from, int to, Task task) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (task != Task.OWN_GRADIENT && clients.identicalVectors(curWork)) {
            twins(target, from, to, task);
            return;
        }
        int blocks = Math.min(workers.length, n);
        if (blocks == 1) {
            block(target, from, to, task, workers[0]);
        } else {
            parallel.forEach(blocks, (long) n * d * 8, b -> block(target, from + (int) ((long) n * b / blocks),
                    from + (int) ((long) n * (b + 1) / blocks), task, workers[b]));
        }
        long calls = 0;
        for (Worker w : workers) {
            calls += w.calls;
            w.calls = 0;
        }
        oracleCalls += calls;
    }

    /**
     * perClient when every good client computes the same vector this round (shared minibatches on the
     * full split): the first good row is computed, the others are copies of it, with each client's
     * oracle calls counted as if it had computed; so are the rows of Byzantine clients that do not
     * flip labels (they compute the same). Bit-identical to computing every row.
     */
    private void twins(Batch target, int from, int to, Task task) {
        Worker w = workers[0];
        for (int r = from; r < to; r++) {
            boolean goodRow = task == Task.PEEK || r < curGoodRows;
            // A Byzantine row that does not flip labels computes what a good client does: a copy too.
            boolean sameAsGood = task == Task.HONEST && !attack.flipsLabels() && twinReady && twinCalls >= 0;
            if (!goodRow && sameAsGood) {
                target.copyRow(twin, 0, r); // Byzantine work is not counted
            } else if (!goodRow) {
                block(target, r, r + 1, task, w);
            } else if (twinReady && (task == Task.PEEK || twinCalls >= 0)) {
                target.copyRow(twin, 0, r);
                w.calls += task == Task.HONEST ? twinCalls : 0;
            } else {
                long before = w.calls;
                block(target, r, r + 1, task, w);
                twinCalls = task == Task.HONEST ? w.calls - before : -1; // a peek counts nothing
                twin.copyRow(target, r, 0);
                twinReady = true;
            }
        }
        oracleCalls += w.calls;
        w.calls = 0;
    }

    private void block(Batch target, int lo, int hi, Task task, Worker w) {
        for (int r = lo; r < hi; r++) {
            switch (task) {
                case HONEST: {
                    boolean isGood = r < curGoodRows;
                    long calls = w.clients.compute(curK, curIds[r], curWork, curAt, curPrevious,
                            !isGood && attack.flipsLabels(), w.tmp);
                    w.calls += isGood ? calls : 0; // Byzantine work is not counted
                    break;
                }
                case OWN_GRADIENT:
                    w.clients.ownGradient(curK, curIds[r], curAt, attack.flipsLabels(), w.tmp);
                    break;
                case ADVANCE:
                    w.calls += w.clients.advance(curK, curIds[r], curAt, w.tmp);
                    continue; // nothing is sent yet
                default:
                    w.clients.peek(curK, curIds[r], curWork, curAt, curPrevious, w.tmp); // looking costs nothing
            }
            target.setRow(r, w.tmp, w.floats);
        }
    }

    Batch rows() {
        return rows;
    }

    long oracleCalls() {
        return oracleCalls;
    }

    long bits() {
        return bits;
    }

    /**
     * Fills rows 0..m−1 with what the sampled clients send.
     *
     * @param work     what a good client computes this round
     * @param shift    the vector the server's messages subtract from full vectors: g^k in PP's difference
     *                 rounds (whose messages are differences by nature), g^{k−1} under eq. (10) (good
     *                 clients' u_i − g^{k−1} are formed here); null where the server aggregates full vectors
     * @param at       the point the clients evaluate (x^{k+1} for MARINA, x^k for SGD)
     * @param previous x^k for MARINA's differences, else null
     * @return whether the Byzantines are a strict majority of the sample
     */
    boolean fill(long k, int[] sample, int m, Clients.Work work, double[] shift, double[] at, double[] previous) {
        twinReady = false;
        int goodRows = 0;
        while (goodRows < m && sample[goodRows] < good) {
            goodRows++;
        }
        // In the difference space, flipping Byzantines start from the honest message on their data.
        boolean honestByzantines = attack != null && attack.startsFromOwnVector() && s.attackSpace() == AttackSpace.DIFFERENCE;
        int computed = honestByzantines ? m : goodRows;
        honestWork(k, sample, goodRows, computed, work, at, previous);
        boolean full = work == Clients.Work.FULL_GRADIENT;
        if (!full) {
            compress(rows, computed, sample, k);
        }
        bits += (full ? 32L * d : compressor.bits(d)) * goodRows;
        if (work == Clients.Work.MINIBATCH_GRADIENT && shift != null) {
            subtract(goodRows, shift); // eq. (10): the good clients' messages are u_i − g^{k−1}
        }
        if (attack != null && goodRows < m) {
            byzantineStep(k, sample, goodRows, m, work, shift, at, previous);
        }
        return (m - goodRows) * 2 > m;
    }

    /**
     * Every good client steps its momentum with its minibatch gradient at {@code at} before round k's
     * work (the authors' code: every worker, sampled or not; the sampled ones then send it). Counted as
     * oracle calls; bit-identical for every thread count (each client's step depends only on (seed,
     * round, client) and its own momentum).
     */
    void advanceMomenta(long k, double[] at) {
        if (everyGood == null) {
            everyGood = new int[good];
            for (int i = 0; i < good; i++) {
                everyGood[i] = i;
            }
        }
        round(k, everyGood, good, Clients.Work.MINIBATCH_GRADIENT, at, null);
        perClient(rows, 0, good, Task.ADVANCE);
    }

    /** Rows 0..computed−1: what a good client with each sampled id computes (Byzantine work uncounted). */
    private void honestWork(long k, int[] sample, int goodRows, int computed, Clients.Work work, double[] at,
                            double[] previous) {
        round(k, sample, goodRows, work, at, previous);
        perClient(rows, 0, computed, Task.HONEST);
    }

    private void round(long k, int[] ids, int goodRows, Clients.Work work, double[] at, double[] previous) {
        curK = k;
        curIds = ids;
        curGoodRows = goodRows;
        curWork = work;
        curAt = at;
        curPrevious = previous;
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
     * The Byzantine rows goodRows..m−1 (the attack's "what each Byzantine in S_k sends"): in the full
     * attack space, flipping Byzantines start from their own plain minibatch gradient at {@code at},
     * statistics are those of the good clients' full vectors, and a full vector u becomes the message
     * u − shift where the server aggregates differences.
     */
    private void byzantineStep(long k, int[] sample, int goodRows, int m, Clients.Work work, double[] shift, double[] at,
                               double[] previous) {
        boolean fullSpace = s.attackSpace() == AttackSpace.FULL;
        if (fullSpace && attack.startsFromOwnVector()) {
            round(k, sample, goodRows, work, at, previous);
            perClient(rows, goodRows, m, Task.OWN_GRADIENT);
        }
        Arrays.fill(mu, 0);
        Arrays.fill(sigma, 0);
        Batch goodBatch = rows;
        int goodCount = goodRows;
        int[] goodIds = sample;
        double[] offset = fullSpace ? shift : null;
        if (attack.needsGoodStatistics() || attack.needsGoodVectors()) {
            if (s.omniscient()) {
                everyGoodVector(k, sample, goodRows, work, at, previous, offset);
                goodBatch = omniscientRows;
                goodCount = good;
                goodIds = null; // row i is client i
            }
            if (attack.needsGoodStatistics()) {
                Statistics.of(goodBatch, goodCount, offset, mu, attack.needsStandardDeviation() ? sigma : null, parallel,
                        statisticsRows);
            }
        }
        int byzantines = m - goodRows;
        System.arraycopy(sample, goodRows, byzClients, 0, byzantines);
        peeker.set(k, sample, goodRows, work, shift, at, previous);
        attack.craft(context.set(s.seed(), k, s.attackSpace(), shift, byzantines * 2 > m, goodRows, byzClients, byzantines,
                mu, sigma, at, x0).knowing(goodBatch, goodCount, goodIds, server, peeker), rows);
    }

    /**
     * Every good client's message this round into {@link #omniscientRows} (--omniscient): the sampled
     * good clients' rows as sent, the others computed as they would have been (without advancing their
     * momenta or counting their work).
     */
    private void everyGoodVector(long k, int[] sample, int goodRows, Clients.Work work, double[] at,
                                 double[] previous, double[] offset) {
        if (omniscientRows == null) {
            omniscientRows = Batch.allocate(good, d);
            unsampledRows = Batch.allocate(good, d);
        }
        int u = 0;
        for (int i = 0, r = 0; i < good; i++) {
            if (r < goodRows && sample[r] == i) {
                omniscientRows.copyRow(rows, r, i);
                r++;
            } else {
                unsampled[u++] = i;
            }
        }
        round(k, unsampled, 0, work, at, previous);
        perClient(unsampledRows, 0, u, Task.PEEK);
        if (work != Clients.Work.FULL_GRADIENT && u > 0) {
            compress(unsampledRows, u, unsampled, k);
        }
        if (work == Clients.Work.MINIBATCH_GRADIENT && offset != null) {
            subtract(unsampledRows, u, offset); // as the sampled good rows: u_i − g^{k−1}
        }
        for (int q = 0; q < u; q++) {
            omniscientRows.copyRow(unsampledRows, q, unsampled[q]);
        }
    }

    /** A good client's message this round, sampled or not, without advancing its state (mimic). */
    private final class Peeker implements AttackContext.Peek {
        private final Batch one = Batch.allocate(1, d);
        private final int[] id = new int[1];
        private long k;
        private int[] sample;
        private int goodRows;
        private Clients.Work work;
        private double[] shift;
        private double[] at;
        private double[] previous;

        void set(long k, int[] sample, int goodRows, Clients.Work work, double[] shift, double[] at, double[] previous) {
            this.k = k;
            this.sample = sample;
            this.goodRows = goodRows;
            this.work = work;
            this.shift = shift;
            this.at = at;
            this.previous = previous;
        }

        @Override
        public void message(int client, double[] out) {
            if (client < 0 || client >= good) {
                throw new IllegalArgumentException("client " + client + " is not a good client (0.." + (good - 1) + ")");
            }
            for (int r = 0; r < goodRows; r++) {
                if (sample[r] == client) {
                    for (int j = 0; j < d; j++) {
                        out[j] = rows.get(r, j);
                    }
                    return;
                }
            }
            clients.peek(k, client, work, at, previous, tmp);
            one.setRow(0, tmp);
            id[0] = client;
            if (work != Clients.Work.FULL_GRADIENT) {
                compress(one, 1, id, k);
            }
            if (work == Clients.Work.MINIBATCH_GRADIENT && shift != null) {
                subtract(one, 1, shift);
            }
            for (int j = 0; j < d; j++) {
                out[j] = one.get(0, j);
            }
        }
    }

    /** Rows 0..count−1 of the round's batch minus v, rounded to float32. */
    void subtract(int count, double[] v) {
        subtract(rows, count, v);
    }

    private void subtract(Batch b, int count, double[] v) {
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                b.set(r, j, (float) (b.get(r, j) - v[j]));
            }
        }
    }

    /** The non-finite rule on rows 0..m−1; returns how many rows were zeroed. */
    int zeroNonFinite(int m) {
        return nonFiniteRule.apply(rows, m);
    }
}
