package org.byzmarina.compression;

import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * ℓ2 quantisation with one level (Alistarh et al. 2017): Q(v)_j = ||v|| sign(v_j) ξ_j,
 * ξ_j ~ Bernoulli(|v_j| / ||v||) (ω ≤ √d − 1). Cost: 32 bits for the norm + 2 bits per coordinate.
 */
public final class L2Quantizer implements Compressor {
    public static final Component<Compressor, CompressionEnv> COMPONENT = Component.<Compressor, CompressionEnv>of(Kind.COMPRESSOR, "l2q",
            "ℓ2 quantisation: ‖v‖·sign(v_j)·Bernoulli(|v_j|/‖v‖) (ω ≤ √d − 1; 32 + 2d bits)",
            "Alistarh et al., NeurIPS 2017 (QSGD, one level)", java.util.List.of(), (v, env) -> new L2Quantizer(env.kernels()));

    private final Kernels kernels;

    public L2Quantizer(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void compress(Batch b, int rows, int[] clients, long seed, long round) {
        double[] sq = new double[rows];
        kernels.squaredNorms(b, rows, sq);
        for (int r = 0; r < rows; r++) {
            double norm = Math.sqrt(sq[r]);
            SplitMix64 rng = Seeds.stream(seed, round, clients[r], Purpose.QUANTISATION);
            for (int j = 0; j < b.dim(); j++) {
                double v = b.get(r, j);
                boolean keep = norm > 0 && rng.nextDouble() < Math.abs(v) / norm;
                b.set(r, j, keep ? (float) Math.copySign(norm, v) : 0f);
            }
        }
    }

    @Override
    public long bits(int d) {
        return 32 + 2L * d;
    }

    @Override
    public int kept(int d) {
        return d;
    }

    /** ω = √d − 1 (the bound of docs/algorithm.md "Compression"). */
    @Override
    public double omega(int d) {
        return Math.sqrt(d) - 1;
    }

    /** D_Q = √d: ‖Q(v)‖² = ‖v‖² Σ_j ξ_j ≤ d‖v‖². */
    @Override
    public double bound(int d) {
        return Math.sqrt(d);
    }

    @Override
    public String describe() {
        return "l2q";
    }
}
