package org.byzmarina.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.UserText;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * Who takes part in a round (docs/algorithm.md "Participation"): S_k is sampled without replacement
 * from the clients <em>online</em> in round k, uniformly or proportionally to per-client weights.
 *
 * <p><b>Availability</b> (--availability):
 * <ul>
 *   <li>{@code always}: every client, every round (the paper's setting; S_k by Floyd's algorithm as before);</li>
 *   <li>{@code bernoulli:Q}: client i is online in round k with probability Q, independently: a uniform draw
 *       of the stream (seed, k, i, AVAILABILITY);</li>
 *   <li>{@code markov:UP,DOWN}: each client's state is a two-state chain, P(off → on) = UP, P(on → off) = DOWN,
 *       started from its stationary law π = UP/(UP + DOWN) (below: how it is evaluated lazily);</li>
 *   <li>{@code trace:FILE}: the clients listed for the round in a CSV of {@code round,client} lines
 *       ({@link Trace}; a trace shorter than the run repeats).</li>
 * </ul>
 * With --byzantine-availability always the Byzantines (the last B ids) are online in every round.
 * The initial estimator's cohort (before round 0) is drawn as round −1 (round 0 of a trace).
 *
 * <p><b>Sampling</b> (--sampling): {@code uniform}, or {@code weighted:FILE} (a CSV of {@code client,weight}
 * lines; clients not listed weigh 0): sequential sampling without replacement, each draw proportional
 * to weight among the online clients not yet drawn.
 *
 * <p><b>Cost per round, O(sampled) at any n.</b> Availability is never evaluated for every client.
 * Uniform sampling walks the clients in a uniformly random order (a Fisher–Yates shuffle kept in a
 * small hash map: O(visited) memory) and keeps the first |S| online ones: a uniform |S|-subset of the
 * online clients, after |S|/q visits on average (q the online share). Weighted sampling draws from a
 * Fenwick tree of the weights (integers: weights are scaled so the largest is 2³² (less above
 * n = 2²⁰), which keeps every sum exact below 2⁵²; a weight under 2⁻³² of the largest counts as 0), removing each client it visits until the round's sample is complete, then restores them:
 * O(visited · log n). Only when fewer than |S| clients are online (a <em>short round</em>) must every
 * client be checked to know it: O(n), in those rounds alone. A trace round samples its listed clients
 * directly (Floyd's algorithm on them, or Efraimidis–Spirakis keys when weighted): O(listed).
 *
 * <p><b>Markov chains, lazily.</b> A two-state chain with r = UP + DOWN ≤ 1 is the same as: at each step,
 * with probability e = r, redraw the state from Bernoulli(π) (a "refresh"), else keep it (P(off → on) =
 * r·π = UP, P(on → off) = r(1 − π) = DOWN). With r > 1 it is: with probability e = 2 − r redraw from
 * Bernoulli((1 − DOWN)/(2 − r)), else flip (P(off → on) = (r − 1) + (1 − DOWN) = UP, and likewise DOWN). So the
 * state at time t depends only on the last refresh τ ≤ t and its draw (flipped t − τ times when r > 1),
 * or on the stationary draw at t = 0 if there was none. Refresh times are generated per client in blocks
 * of W ≈ 1/e steps, block j from the stream (seed, j, i, AVAILABILITY), by geometric skips; the last
 * refresh before t is found by generating block ⌊t/W⌋, then earlier blocks until one has a refresh:
 * O(1) expected work and no state kept between rounds, so a chain over 10⁶ clients costs only the
 * clients a round visits. Time t is k + 1 for round k (t = 0 is the initial estimator's round).
 *
 * <p>Everything is a function of (seed, round, client, purpose): results do not depend on threads,
 * engines, or the order in which clients are asked about.
 */
public final class Participation {
    public static final Setting<Availability> AVAILABILITY = Setting.of("availability", Group.PROTOCOL,
            SettingType.custom("always, bernoulli:Q, markov:UP,DOWN or trace:FILE", Availability::parse, Availability::label),
            Availability.ALWAYS, "who is online each round: always | bernoulli:Q | markov:UP,DOWN | trace:FILE (CSV round,client)");
    public static final Setting<String> BYZANTINE_AVAILABILITY = Setting.of("byzantine-availability", Group.PROTOCOL,
            SettingType.choice(List.of("same", "always")), "same",
            "same: the Byzantines follow --availability | always: they are online every round (the adversarial case)");
    public static final Setting<String> SAMPLING = Setting.of("sampling", Group.PROTOCOL,
            SettingType.custom("uniform or weighted:FILE", Participation::parseSampling, s -> s), "uniform",
            "uniform | weighted:FILE (CSV client,weight): sequential sampling without replacement proportional to weight");

    /** The participation settings (the registry lists them with the run's). */
    public static final List<Setting<?>> SETTINGS = List.of(AVAILABILITY, BYZANTINE_AVAILABILITY, SAMPLING);

    /** Who is online. */
    public enum Kind { ALWAYS, BERNOULLI, MARKOV, TRACE }

    /** An --availability value. */
    public record Availability(Kind kind, double q, double up, double down, String file) {
        public static final Availability ALWAYS = new Availability(Kind.ALWAYS, 1, 0, 0, null);

        public static Availability parse(String text) {
            String t = text.trim();
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("always")) {
                return ALWAYS;
            }
            if (lower.startsWith("bernoulli:")) {
                double q = number(t.substring(10), text);
                if (!(q > 0 && q <= 1)) {
                    throw new IllegalArgumentException("--availability bernoulli:Q needs Q in (0, 1], got " + UserText.quote(text));
                }
                return new Availability(Kind.BERNOULLI, q, 0, 0, null);
            }
            if (lower.startsWith("markov:")) {
                String[] parts = t.substring(7).split(",", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("--availability markov:UP,DOWN needs two probabilities, got "
                            + UserText.quote(text));
                }
                double up = number(parts[0], text);
                double down = number(parts[1], text);
                if (!(up >= 0 && up <= 1 && down >= 0 && down <= 1 && up + down > 0)) {
                    throw new IllegalArgumentException("--availability markov:UP,DOWN needs UP and DOWN in [0, 1], not both 0, got "
                            + UserText.quote(text));
                }
                return new Availability(Kind.MARKOV, up / (up + down), up, down, null);
            }
            if (lower.startsWith("trace:") && t.length() > 6) {
                return new Availability(Kind.TRACE, Double.NaN, 0, 0, t.substring(6));
            }
            throw new IllegalArgumentException("--availability expects always, bernoulli:Q, markov:UP,DOWN or trace:FILE, got "
                    + UserText.quote(text));
        }

        private static double number(String s, String whole) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--availability: " + UserText.quote(s.trim()) + " is not a number (in "
                        + UserText.quote(whole) + ")");
            }
        }

        /** As the user writes it. */
        public Object label() {
            switch (kind) {
                case BERNOULLI: return "bernoulli:" + q;
                case MARKOV: return "markov:" + up + "," + down;
                case TRACE: return "trace:" + file;
                default: return "always";
            }
        }

        /** The share of clients online in a round, in the long run (NaN for a trace). */
        public double onlineShare() {
            return kind == Kind.ALWAYS ? 1 : q;
        }
    }

    static String parseSampling(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("uniform")) {
            return "uniform";
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("weighted:") && t.length() > 9) {
            return "weighted:" + t.substring(9);
        }
        throw new IllegalArgumentException("--sampling expects uniform or weighted:FILE, got " + UserText.quote(text));
    }

    /** The file of a weighted:FILE value, or null for uniform. */
    public static String weightsFile(String sampling) {
        return sampling.startsWith("weighted:") ? sampling.substring(9) : null;
    }

    private final int n;
    private final int good;
    private final long seed;
    private final Availability availability;
    private final boolean byzantinesAlways;
    private final Trace trace;
    private final Fenwick weights;
    private final long[] weightOf;
    private final SplitMix64 rng = new SplitMix64(0);
    private final SplitMix64 side = new SplitMix64(0);
    private final Sampling.Sampler floyd = new Sampling.Sampler();
    private final IntMap shuffle = new IntMap();
    private final Markov markov;
    private int[] removed = new int[16];
    private double[] keys = new double[0];
    private int[] order = new int[0];
    private long visits;

    /**
     * @param weights per-client weights (null: uniform), non-negative and finite
     * @param trace   the online lists (availability trace only)
     */
    public Participation(int clients, int byzantine, long seed, Availability availability, boolean byzantinesAlways,
                         double[] weights, Trace trace) {
        this.n = clients;
        this.good = clients - byzantine;
        this.seed = seed;
        this.availability = availability;
        this.byzantinesAlways = byzantinesAlways;
        this.trace = trace;
        if (availability.kind() == Kind.TRACE && trace == null) {
            throw new IllegalArgumentException("a trace availability needs its trace");
        }
        this.markov = availability.kind() == Kind.MARKOV ? new Markov(availability.up(), availability.down()) : null;
        if (weights != null) {
            if (weights.length != clients) {
                throw new IllegalArgumentException(weights.length + " weights for " + clients + " clients");
            }
            double max = 0;
            for (double w : weights) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weights must be non-negative and finite, got " + w);
                }
                max = Math.max(max, w);
            }
            if (max == 0) {
                throw new IllegalArgumentException("every weight is 0: nobody could ever be sampled");
            }
            // Integer weights, the largest 2^32 (less for n above 2^20, so that every sum stays below 2^52).
            int bits = 32 - Integer.numberOfLeadingZeros(clients);
            double scale = Math.scalb(1.0, Math.min(32, 52 - bits));
            this.weightOf = new long[clients];
            for (int i = 0; i < clients; i++) {
                weightOf[i] = Math.round(weights[i] / max * scale);
            }
            this.weights = new Fenwick(weightOf);
        } else {
            this.weightOf = null;
            this.weights = null;
        }
    }

    /** Every client every round, uniform sampling: S_k exactly as without this class. */
    public static Participation always(int clients, int byzantine, long seed) {
        return new Participation(clients, byzantine, seed, Availability.ALWAYS, false, null, null);
    }

    /** True when every round may be short of nobody (always online, uniform sampling). */
    public boolean trivial() {
        return availability.kind() == Kind.ALWAYS && weights == null;
    }

    /** Whether a round asking for {@code size} clients may get fewer (the rules must then take every smaller count). */
    public boolean mayBeShort(int size) {
        if (availability.kind() != Kind.ALWAYS) {
            return true;
        }
        if (weightOf == null) {
            return false;
        }
        int positive = 0;
        for (long w : weightOf) {
            positive += w > 0 ? 1 : 0;
        }
        return positive < Math.min(size, n);
    }

    /** Availability checks made so far (how many clients the sampling has visited). */
    public long visits() {
        return visits;
    }

    /**
     * Samples S_k: min(size, online) clients without replacement into out[0..m), sorted; returns m
     * (0: nobody online; below {@code size}: a short round).
     */
    public int sample(long k, int size, int[] out) {
        if (availability.kind() == Kind.TRACE) {
            return fromTrace(k, size, out);
        }
        if (weights != null) {
            return weighted(k, size, out);
        }
        if (size >= n) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (online(k, i)) {
                    out[m++] = i;
                }
            }
            return m;
        }
        if (availability.kind() == Kind.ALWAYS) {
            floyd.floyd(Seeds.stream(rng, seed, k, Seeds.SERVER, Purpose.SAMPLING), n, size, out);
            return size;
        }
        // A uniformly random order of the clients (Fisher–Yates, the displaced entries in a hash map);
        // the first `size` online ones are a uniform sample of the online clients.
        Seeds.stream(rng, seed, k, Seeds.SERVER, Purpose.SAMPLING);
        shuffle.clear();
        int m = 0;
        for (int t = 0; t < n && m < size; t++) {
            int j = t + rng.nextBounded(n - t);
            int client = shuffle.get(j, j);
            shuffle.put(j, shuffle.get(t, t));
            if (online(k, client)) {
                out[m++] = client;
            }
        }
        Arrays.sort(out, 0, m);
        return m;
    }

    /** Sequential weighted sampling: draw ∝ weight among the clients not yet visited; keep the online ones. */
    private int weighted(long k, int size, int[] out) {
        Seeds.stream(rng, seed, k, Seeds.SERVER, Purpose.SAMPLING);
        int m = 0;
        int visited = 0;
        while (m < size && weights.total() > 0) {
            long u = Math.min((long) (rng.nextDouble() * weights.total()), weights.total() - 1); // total < 2^52
            int client = weights.find(u);
            weights.add(client, -weightOf[client]);
            if (visited == removed.length) {
                removed = Arrays.copyOf(removed, 2 * visited);
            }
            removed[visited++] = client;
            if (online(k, client)) {
                out[m++] = client;
            }
        }
        for (int r = 0; r < visited; r++) {
            weights.add(removed[r], weightOf[removed[r]]);
        }
        Arrays.sort(out, 0, m);
        return m;
    }

    /** A trace round: Floyd's algorithm over its online clients, or the top weighted keys among them. */
    private int fromTrace(long k, int size, int[] out) {
        int[] listed = trace.online(k < 0 ? 0 : k);
        int goodListed = listed.length;
        if (byzantinesAlways) {
            goodListed = 0;
            while (goodListed < listed.length && listed[goodListed] < good) {
                goodListed++;
            }
        }
        int online = byzantinesAlways ? goodListed + (n - good) : listed.length;
        visits += online;
        Seeds.stream(rng, seed, k, Seeds.SERVER, Purpose.SAMPLING);
        if (weights == null) {
            if (online <= size) {
                for (int r = 0; r < online; r++) {
                    out[r] = r < goodListed ? listed[r] : good + (r - goodListed);
                }
                return online;
            }
            floyd.floyd(rng, online, size, out);
            for (int r = 0; r < size; r++) {
                out[r] = out[r] < goodListed ? listed[out[r]] : good + (out[r] - goodListed);
            }
            return size; // increasing positions map to increasing ids
        }
        // Efraimidis–Spirakis: the `size` largest keys log(U)/w are a sequential weighted sample without replacement.
        if (keys.length < online) {
            keys = new double[online];
            order = new int[online];
        }
        int candidates = 0;
        for (int r = 0; r < online; r++) {
            int client = r < goodListed ? listed[r] : good + (r - goodListed);
            double u = 1.0 - rng.nextDouble();
            if (weightOf[client] > 0) {
                keys[candidates] = Math.log(u) / weightOf[client];
                order[candidates++] = client;
            }
        }
        int m = Math.min(size, candidates);
        Integer[] idx = new Integer[candidates];
        for (int r = 0; r < candidates; r++) {
            idx[r] = r;
        }
        double[] key = keys;
        int[] who = order;
        Arrays.sort(idx, (a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(who[a], who[b]));
        for (int r = 0; r < m; r++) {
            out[r] = order[idx[r]];
        }
        Arrays.sort(out, 0, m);
        return m;
    }

    /** Whether client i is online in round k (k = −1: the initial estimator's round). */
    public boolean online(long k, int client) {
        visits++;
        if (byzantinesAlways && client >= good) {
            return true;
        }
        switch (availability.kind()) {
            case BERNOULLI:
                return Seeds.stream(side, seed, k, client, Purpose.AVAILABILITY).nextDouble() < availability.q();
            case MARKOV:
                return markov.on(seed, k + 1, client, side);
            case TRACE:
                return Arrays.binarySearch(trace.online(k < 0 ? 0 : k), client) >= 0;
            default:
                return true;
        }
    }

    /**
     * The lazily evaluated two-state chains (see the class comment). Block j of client i (times
     * jW .. (j+1)W − 1) holds the refreshes generated by geometric skips from the stream
     * (seed, j, i, AVAILABILITY); the initial (stationary) state comes from (seed, −1, i, AVAILABILITY).
     */
    static final class Markov {
        final double pi;
        final double rate;
        final double refreshOn;
        final boolean flips;
        final long width;
        private final double logStay;

        Markov(double up, double down) {
            double r = up + down;
            this.pi = up / r;
            this.flips = r > 1;
            this.rate = flips ? 2 - r : r;
            this.refreshOn = flips ? (1 - down) / (2 - r) : pi;
            this.width = rate > 0 ? Math.max(1, Math.min(1L << 20, Math.round(1 / rate))) : 1L << 20;
            this.logStay = Math.log1p(-rate);
        }

        /** The state of client i at time t ≥ 0. */
        boolean on(long seed, long t, int client, SplitMix64 rng) {
            if (rate > 0) {
                for (long block = t / width; block >= 0; block--) {
                    Seeds.stream(rng, seed, block, client, Purpose.AVAILABILITY);
                    long last = -1;
                    boolean lastState = false;
                    long end = Math.min(t, (block + 1) * width - 1);
                    long pos = block * width - 1;
                    while (true) {
                        // failures before the next refresh: ⌊ln U / ln(1 − e)⌋, U in (0, 1]
                        double skip = Math.floor(Math.log(1.0 - rng.nextDouble()) / logStay);
                        if (!(skip < width) || pos + 1 + (long) skip > end) {
                            break;
                        }
                        pos += 1 + (long) skip;
                        boolean state = rng.nextDouble() < refreshOn;
                        if (pos >= 1) { // time 0 holds the stationary draw instead
                            last = pos;
                            lastState = state;
                        }
                    }
                    if (last >= 0) {
                        return lastState ^ (flips && ((t - last) & 1) == 1);
                    }
                }
            }
            boolean initial = Seeds.stream(rng, seed, -1, client, Purpose.AVAILABILITY).nextDouble() < pi;
            return initial ^ (flips && (t & 1) == 1);
        }
    }

    /** The online lists of a trace: round → sorted distinct client ids; round k reads entry k mod its length. */
    public static final class Trace {
        private final int[][] rounds;

        /** @param rounds rounds[k] = the sorted distinct ids online in round k (empty arrays allowed) */
        public Trace(int[][] rounds) {
            if (rounds.length == 0) {
                throw new IllegalArgumentException("a trace needs at least one round");
            }
            this.rounds = rounds;
        }

        int[] online(long k) {
            return rounds[(int) (k % rounds.length)];
        }

        public int length() {
            return rounds.length;
        }
    }

    /** A Fenwick (binary indexed) tree of non-negative long weights: prefix sums and search in O(log n). */
    static final class Fenwick {
        private final long[] tree;
        private long total;
        private final int top;

        Fenwick(long[] w) {
            int n = w.length;
            tree = new long[n + 1];
            for (int i = 0; i < n; i++) {
                tree[i + 1] += w[i];
                int parent = (i + 1) + ((i + 1) & -(i + 1));
                if (parent <= n) {
                    tree[parent] += tree[i + 1];
                }
                total += w[i];
            }
            top = Integer.highestOneBit(Math.max(1, n));
        }

        long total() {
            return total;
        }

        void add(int i, long delta) {
            total += delta;
            for (int x = i + 1; x < tree.length; x += x & -x) {
                tree[x] += delta;
            }
        }

        /** The index i with prefix(i) ≤ u < prefix(i + 1), for 0 ≤ u < total. */
        int find(long u) {
            int pos = 0;
            for (int step = top; step > 0; step >>= 1) {
                int next = pos + step;
                if (next < tree.length && tree[next] <= u) {
                    pos = next;
                    u -= tree[next];
                }
            }
            return pos;
        }
    }

    /** An open-addressing int → int map for the sparse Fisher–Yates shuffle (cleared in O(entries)). */
    static final class IntMap {
        private int[] keys = new int[64];
        private int[] values = new int[64];
        private int[] used = new int[32];
        private int size;

        IntMap() {
            Arrays.fill(keys, -1);
        }

        void clear() {
            for (int s = 0; s < size; s++) {
                keys[used[s]] = -1;
            }
            size = 0;
        }

        int get(int key, int absent) {
            int mask = keys.length - 1;
            for (int s = (int) (SplitMix64.mix(key) & mask); ; s = (s + 1) & mask) {
                if (keys[s] == key) {
                    return values[s];
                }
                if (keys[s] == -1) {
                    return absent;
                }
            }
        }

        void put(int key, int value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int s = (int) (SplitMix64.mix(key) & mask);
            while (keys[s] != -1 && keys[s] != key) {
                s = (s + 1) & mask;
            }
            if (keys[s] == -1) {
                if (size == used.length) {
                    used = Arrays.copyOf(used, 2 * size);
                }
                used[size++] = s;
                keys[s] = key;
            }
            values[s] = value;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldValues = values;
            int oldSize = size;
            int[] oldUsed = used;
            keys = new int[2 * oldKeys.length];
            values = new int[2 * oldKeys.length];
            Arrays.fill(keys, -1);
            used = new int[Math.max(32, 2 * oldSize)];
            size = 0;
            for (int s = 0; s < oldSize; s++) {
                put(oldKeys[oldUsed[s]], oldValues[oldUsed[s]]);
            }
        }
    }
}
