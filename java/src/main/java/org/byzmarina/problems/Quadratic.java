package org.byzmarina.problems;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import java.util.OptionalDouble;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * Synthetic quadratic for very large n and d (docs/algorithm.md "Synthetic quadratic"): f_i(x) = ½||x − c_i||²,
 * generated from the seed on demand, so n = 10⁶ clients cost nothing until sampled.
 *
 * <p>Construction (chosen so that f, f*, ∇f are exact at any n without visiting every client):
 * c ~ N(0, I_d); c_i = c + ζ s_i r_{⌊i/2⌋} with r_j ∈ {−1, +1}^d Rademacher (mean 0, covariance I,
 * like N(0, I), but ||r_j||² = d exactly) and s_i = +1 for even i, −1 for odd i (antithetic
 * pairs). Hence the good clients' mean is c̄ = c (+ ζ r/G when G is odd) and
 * f* = ½ζ²d (1 − 1/G²) for odd G, ½ζ²d for even G.
 *
 * <p>Each client holds m notional samples f_{i,j}(x) = ½||x − c_i||² + σ_g ε_{i,j}ᵀx with Rademacher
 * ε in antithetic pairs (Σ_j ε_{i,j} = 0, the last one 0 if m is odd), so a minibatch gradient is
 * x − c_i plus noise of variance ≈ σ_g²/b per coordinate, and the noise cancels in the difference of
 * the same minibatch at two points (as the gradient-difference estimator requires).
 */
public final class Quadratic implements Problem {
    public static final Setting<Double> GRAD_NOISE = Setting.of("grad-noise", Group.PROBLEM, SettingType.number(0, false), 1.0,
            "σ_g of the quadratic's stochastic gradients");
    public static final Component<ProblemInstance, ProblemEnv> COMPONENT = Component.<ProblemInstance, ProblemEnv>of(Kind.PROBLEM, "quadratic",
            "f_i(x) = ½‖x − c_i‖², clients generated on demand (for very large n)", "",
            List.of(SyntheticLogistic.DIM, SyntheticLogistic.SAMPLES, SyntheticLogistic.HETEROGENEITY, GRAD_NOISE), (v, env) -> {
                Quadratic q = new Quadratic(env.clients(), env.byzantine(), v.get(SyntheticLogistic.DIM),
                        v.get(SyntheticLogistic.SAMPLES), v.get(SyntheticLogistic.HETEROGENEITY), v.get(GRAD_NOISE), env.seed());
                return new ProblemInstance(q, env.fstar() != null ? env.fstar() : q.optimum().getAsDouble(),
                        new java.util.LinkedHashMap<>(), 0);
            });
    private final int clients;
    private final int byzantine;
    private final int dim;
    private final int samples;
    private final double zeta;
    private final double noise;
    private final long seed;
    private final double[] c;
    private final double[] mean;
    private final double fStar;
    private final long[] bits;

    public Quadratic(int clients, int byzantine, int dim, int samples, double zeta, double gradNoise, long seed) {
        if (clients < 1 || byzantine < 0 || byzantine >= clients || dim < 1 || samples < 1) {
            throw new IllegalArgumentException("quadratic needs n >= 1, 0 <= B < n, d >= 1 and m >= 1");
        }
        this.clients = clients;
        this.byzantine = byzantine;
        this.dim = dim;
        this.samples = samples;
        this.zeta = zeta;
        this.noise = gradNoise;
        this.seed = seed;
        this.bits = new long[(dim + 63) / 64];
        SplitMix64 rng = Seeds.stream(seed, 0, Seeds.SERVER, Purpose.DATA);
        this.c = new double[dim];
        for (int j = 0; j < dim; j++) {
            c[j] = rng.nextGaussian();
        }
        int good = clients - byzantine;
        this.mean = c.clone();
        if (good % 2 == 1) {
            // The last good client's partner is Byzantine: its r does not cancel.
            double[] ci = new double[dim];
            center(good - 1, ci);
            for (int j = 0; j < dim; j++) {
                mean[j] += (ci[j] - c[j]) / good;
            }
            this.fStar = 0.5 * zeta * zeta * dim * (1 - 1.0 / ((double) good * good));
        } else {
            this.fStar = 0.5 * zeta * zeta * dim;
        }
    }

    /** A view sharing the centres with a bit buffer of its own, for another thread. */
    @Override
    public Problem fork() {
        return new Quadratic(this);
    }

    private Quadratic(Quadratic shared) {
        this.clients = shared.clients;
        this.byzantine = shared.byzantine;
        this.dim = shared.dim;
        this.samples = shared.samples;
        this.zeta = shared.zeta;
        this.noise = shared.noise;
        this.seed = shared.seed;
        this.c = shared.c;
        this.mean = shared.mean;
        this.fStar = shared.fStar;
        this.bits = new long[shared.bits.length];
    }

    /** c_i into out. */
    void center(int client, double[] out) {
        fillRademacher(Seeds.derive(seed, 0, client / 2, Purpose.DATA));
        long sign = Double.doubleToRawLongBits(client % 2 == 0 ? zeta : -zeta);
        // c_j ± ζ s_i without a branch: a clear bit flips the sign bit of ζ s_i (random bits mispredict)
        for (int j = 0; j < dim; j++) {
            out[j] = c[j] + Double.longBitsToDouble(sign ^ (~bits[j >>> 6] >>> (j & 63)) << 63);
        }
    }

    private void fillRademacher(long streamSeed) {
        SplitMix64 rng = new SplitMix64(streamSeed);
        for (int w = 0; w < bits.length; w++) {
            bits[w] = rng.nextLong();
        }
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int clients() {
        return clients;
    }

    @Override
    public int byzantine() {
        return byzantine;
    }

    @Override
    public int samples(int client) {
        return samples;
    }

    @Override
    public boolean labelled() {
        return false;
    }

    @Override
    public void fullGradient(int client, double[] x, boolean flip, double[] out) {
        center(client, out);
        for (int j = 0; j < dim; j++) {
            out[j] = x[j] - out[j];
        }
    }

    @Override
    public void minibatchGradient(int client, int[] batch, int size, double[] x, boolean flip, double[] out) {
        fullGradient(client, x, flip, out);
        if (noise == 0) {
            return;
        }
        double scale = noise / size;
        for (int r = 0; r < size; r++) {
            int j = batch[r];
            if (samples % 2 == 1 && j == samples - 1) {
                continue; // the unpaired last sample carries no noise
            }
            fillRademacher(Seeds.derive(seed, j / 2, client, Purpose.SAMPLE_NOISE));
            long s = Double.doubleToRawLongBits(j % 2 == 0 ? scale : -scale);
            for (int t = 0; t < dim; t++) {
                out[t] += Double.longBitsToDouble(s ^ (~bits[t >>> 6] >>> (t & 63)) << 63); // ±s, branch-free
            }
        }
    }

    @Override
    public void minibatchDifference(int client, int[] batch, int size, double[] x1, double[] x0, boolean flip, double[] out) {
        // ∇f_{i,j}(x1) − ∇f_{i,j}(x0) = x1 − x0 for every sample: c_i and the noise cancel.
        for (int j = 0; j < dim; j++) {
            out[j] = x1[j] - x0[j];
        }
    }

    @Override
    public double loss(double[] x, double[] gradOut) {
        double sq = 0;
        for (int j = 0; j < dim; j++) {
            double e = x[j] - mean[j];
            sq += e * e;
            if (gradOut != null) {
                gradOut[j] = e;
            }
        }
        return 0.5 * sq + fStar;
    }

    /** f_i and every f_{i,j} are ½‖x − c‖² plus a linear term: L = L_i = L_{i,j} = 1, exactly. */
    @Override
    public Smoothness smoothness() {
        return new Smoothness(1, 1, 1, 0);
    }

    @Override
    public OptionalDouble optimum() {
        return OptionalDouble.of(fStar);
    }

    /** Plain Java throughout, its root sample too: OpenBLAS is never called. */
    @Override
    public boolean usesBlas(int rootSamples, long rootSeed) {
        return false;
    }

    /** The server's clean data: f_root(x) = ½‖x − c‖² (ζ = 0) with the same per-sample noise. */
    @Override
    public Problem rootSample(int rootSamples, long rootSeed) {
        return new Quadratic(1, 0, dim, Math.max(1, rootSamples), 0, noise, seed);
    }

    @Override
    public String describe() {
        return "quadratic (n = " + clients + ", d = " + dim + ", zeta = " + zeta + ", sigma_g = " + noise + ")";
    }
}
