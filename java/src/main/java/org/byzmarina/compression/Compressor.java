package org.byzmarina.compression;

import org.byzmarina.kernels.Batch;

/**
 * An unbiased compressor Q (E Q(v) = v, E||Q(v) − v||² ≤ ω||v||², docs/algorithm.md "Compression"), applied
 * independently per client: row r of a batch belongs to client clients[r] and draws its randomness
 * from that client's own stream for the round.
 */
public interface Compressor {
    /** Compresses rows 0 .. rows−1 of b in place. */
    void compress(Batch b, int rows, int[] clients, long seed, long round);

    /** Uplink bits of one compressed vector of dimension d. */
    long bits(int d);

    /** K, the number of coordinates Q keeps (d without compression), for the default p. */
    int kept(int d);

    String describe();

    /**
     * ω of E‖Q(v) − v‖² ≤ ω‖v‖² (docs/algorithm.md "Compression"), for the theory's step (Thms 4.1/4.2).
     * The identity's is 0.
     */
    default double omega(int d) {
        return 0;
    }

    /**
     * D_Q of a bounded compressor, ‖Q(v)‖ ≤ D_Q‖v‖ (Thm 4.2's clip multiplier α = D_Q·max L_{i,j}); 1 for
     * the identity.
     */
    default double bound(int d) {
        return 1;
    }

    /** The identity: ω = 0, 32 bits per coordinate. */
    Compressor IDENTITY = new Compressor() {
        @Override
        public void compress(Batch b, int rows, int[] clients, long seed, long round) {
        }

        @Override
        public long bits(int d) {
            return 32L * d;
        }

        @Override
        public int kept(int d) {
            return d;
        }

        @Override
        public String describe() {
            return "none";
        }
    };
}
