package org.byzmarina.compression;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.config.Values;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;

/**
 * RandK: K coordinates uniformly without replacement, scaled by d/K (ω = d/K − 1). Runs the RandK
 * kernel (native or Java, identical masks). Cost: K·32 value bits + K·⌈log₂ d⌉ index bits.
 */
public final class RandK implements Compressor {
    /** K, the coordinates kept (default d/10). */
    public static final Setting<Integer> K = Setting.derived("k", Group.COMPRESSION, SettingType.integer(1, Integer.MAX_VALUE),
            "d/10", "RandK's K, the coordinates kept");
    public static final Component<Compressor, CompressionEnv> COMPONENT = Component.<Compressor, CompressionEnv>of(Kind.COMPRESSOR, "randk",
            "RandK: K random coordinates scaled by d/K (ω = d/K − 1; K·(32 + ⌈log₂ d⌉) bits)",
            "Stich, Cordonnier, Jaggi, NeurIPS 2018", List.of(K), (v, env) -> new RandK(env.kernels(), kFor(v, env.dim())));

    private final Kernels kernels;
    private final int k;

    /** K for dimension d: the given --k (at most d), else max(1, d/10). */
    public static int kFor(Values v, int d) {
        Integer k = v.get(K);
        if (k == null) {
            return Math.max(1, d / 10);
        }
        if (k > d) {
            throw new IllegalArgumentException("--k " + k + " exceeds the dimension d = " + d);
        }
        return k;
    }

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

    /** ω = d/K − 1 (docs/algorithm.md "Compression"). */
    @Override
    public double omega(int d) {
        return (double) d / k - 1;
    }

    /** D_Q = d/K: ‖Q(v)‖ ≤ (d/K)‖v‖. */
    @Override
    public double bound(int d) {
        return (double) d / k;
    }

    @Override
    public String describe() {
        return "randk(K=" + k + ")";
    }
}
