package org.byzmarina.compression;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;

/**
 * RandK: K coordinates uniformly without replacement, scaled by d/K (ω = d/K − 1). Runs the RandK
 * kernel (native or Java, identical masks). Cost: K·32 value bits + K·⌈log₂ d⌉ index bits.
 */
public final class RandK implements Compressor {
    private final Kernels kernels;
    private final int k;

    public RandK(Kernels kernels, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("RandK needs K >= 1, got " + k);
        }
        this.kernels = kernels;
        this.k = k;
    }

    @Override
    public void compress(Batch b, int rows, int[] clients, long seed, long round) {
        long[] seeds = new long[rows];
        for (int r = 0; r < rows; r++) {
            seeds[r] = Seeds.derive(seed, round, clients[r], Purpose.RANDK);
        }
        kernels.randK(b, rows, k, seeds, null, null, true);
    }

    @Override
    public long bits(int d) {
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, d - 1)); // ⌈log₂ d⌉
        return (long) k * (32 + indexBits);
    }

    @Override
    public int kept(int d) {
        return k;
    }

    @Override
    public String describe() {
        return "randk(K=" + k + ")";
    }
}
