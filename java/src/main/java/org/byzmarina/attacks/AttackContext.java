package org.byzmarina.attacks;

import org.byzmarina.kernels.Batch;

/**
 * What the Byzantine clients of one round know (docs/algorithm.md "Attacks": everything an omniscient
 * adversary would) and how their vectors become messages.
 *
 * <p>In the {@link AttackSpace#FULL full} attack space, {@code mean} and {@code std} are the
 * coordinate-wise mean μ and standard deviation σ (ddof = 1; σ = 0 with one good vector, μ = σ = 0
 * with none) of the good clients' <em>full</em> vectors G_k (g^k + Q(Δ_i) in difference rounds,
 * ∇f_i(x^{k+1}) in full rounds); in the {@link AttackSpace#DIFFERENCE difference} space they are
 * those of the good messages themselves.
 *
 * @param space       where the attack formulas are applied
 * @param shift       the vector the server's message subtracts from a full vector: g^k where the
 *                    server aggregates differences (c_k = 0 rounds of PP/PP+), null where it
 *                    aggregates full vectors (full rounds, g⁰, Byz-VR-MARINA, the SGD family, whose
 *                    eq. (10) subtraction of g^{k−1} is applied to every row afterwards)
 * @param byzClients  client ids of the Byzantine rows, in row order
 * @param xNext       the point the good clients evaluate this round (x^{k+1}; x^k for SGD)
 * @param x0          the starting point x⁰
 */
public final class AttackContext {
    /** The server's view of the round, for attacks that optimise against the aggregator in use. */
    public interface Server {
        /**
         * The estimator the server would hold after this round if the batch's rows 0..m−1 were the
         * messages: g^k + ARAgg(clip_λ(v)) in difference rounds, ARAgg(v) where it aggregates full
         * vectors (non-finite rule, clipping, pre-aggregators and the round's bucketing included).
         * Reads the batch, changes nothing.
         */
        void preview(Batch batch, double[] estimate);
    }

    /** What a good client would send this round (for mimic): its message, state not advanced. */
    public interface Peek {
        void message(int client, double[] out);
    }

    private long seed;
    private long round;
    private AttackSpace space;
    private double[] shift;
    private boolean byzantineMajority;
    private int goodRows;
    private int[] byzClients;
    private int byzantines;
    private double[] mean;
    private double[] std;
    private double[] xNext;
    private double[] x0;
    private Batch good;
    private int goodCount;
    private int[] goodIds;
    private Server server;
    private Peek peek;

    /** A context for the Byzantine clients byzClients[0..byzantines) (rows goodRows.. of the batch). */
    public AttackContext(long seed, long round, AttackSpace space, double[] shift, boolean byzantineMajority,
                         int goodRows, int[] byzClients, int byzantines, double[] mean, double[] std, double[] xNext,
                         double[] x0) {
        set(seed, round, space, shift, byzantineMajority, goodRows, byzClients, byzantines, mean, std, xNext, x0);
    }

    /**
     * What the attacks that need more than μ and σ see: the good clients' messages this round (rows
     * 0..goodCount−1 of {@code good}: the sampled good rows, or every good client's with --omniscient;
     * full vectors are shift + row), the server's preview and a peek at any good client.
     */
    public AttackContext knowing(Batch good, int goodCount, int[] goodIds, Server server, Peek peek) {
        this.good = good;
        this.goodCount = goodCount;
        this.goodIds = goodIds;
        this.server = server;
        this.peek = peek;
        return this;
    }

    public Batch good() {
        return good;
    }

    public int goodCount() {
        return goodCount;
    }

    /** The client id of row r of {@link #good()}. */
    public int goodId(int r) {
        return goodIds == null ? r : goodIds[r];
    }

    public Server server() {
        return server;
    }

    public Peek peek() {
        return peek;
    }

    /** Reuses this context for another round (the server loop keeps one: no allocation per round). */
    public AttackContext set(long seed, long round, AttackSpace space, double[] shift, boolean byzantineMajority,
                             int goodRows, int[] byzClients, int byzantines, double[] mean, double[] std,
                             double[] xNext, double[] x0) {
        this.seed = seed;
        this.round = round;
        this.space = space;
        this.shift = shift;
        this.byzantineMajority = byzantineMajority;
        this.goodRows = goodRows;
        this.byzClients = byzClients;
        this.byzantines = byzantines;
        this.mean = mean;
        this.std = std;
        this.xNext = xNext;
        this.x0 = x0;
        return this;
    }

    public long seed() {
        return seed;
    }

    public long round() {
        return round;
    }

    public AttackSpace space() {
        return space;
    }

    public double[] shift() {
        return shift;
    }

    public boolean byzantineMajority() {
        return byzantineMajority;
    }

    /** The first Byzantine row of the batch (the good rows come first). */
    public int goodRows() {
        return goodRows;
    }

    /** Client ids of the Byzantine rows, in row order: entries 0..{@link #byzantines()}−1. */
    public int[] byzClients() {
        return byzClients;
    }

    /** How many Byzantine rows this round has. */
    public int byzantines() {
        return byzantines;
    }

    public double[] mean() {
        return mean;
    }

    public double[] std() {
        return std;
    }

    public double[] xNext() {
        return xNext;
    }

    public double[] x0() {
        return x0;
    }

    /**
     * Coordinate j of the message for a vector u formed by an attack formula: u − g^k where the
     * server aggregates differences and the attack works in the full space, u otherwise.
     */
    public double message(int j, double u) {
        return space == AttackSpace.FULL && shift != null ? u - shift[j] : u;
    }

    /** Coordinate j of the message for a genuinely full vector u (shift-back's target) in any space. */
    public double fullVectorMessage(int j, double u) {
        return shift != null ? u - shift[j] : u;
    }
}
