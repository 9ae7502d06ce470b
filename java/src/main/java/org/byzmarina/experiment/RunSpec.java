package org.byzmarina.experiment;

import java.nio.file.Path;
import java.util.List;
import org.byzmarina.aggregation.RfaSmoothing;
import org.byzmarina.aggregation.Rule;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.byzmarina.problems.Splits;
import org.byzmarina.protocol.Method;

/**
 * Everything one run needs, as the user set it (null = "use SPEC.md's default"). Checked by
 * {@link #validate()} before any file is read or written; {@link Experiment} resolves the defaults
 * that depend on the data (p, f*, rounds per epoch).
 */
public record RunSpec(
        String dataset, String test, int dim, int samplesPerClient, double heterogeneity, Double fstar, double gradNoise,
        double rho, Method method, int clients, int byzantine, int sampled, Integer bigCohort, Double p,
        String attack, boolean omniscient, AttackSpace attackSpace, boolean sharedMinibatches, double shbScale,
        Double alieZ, double ipmEps, double noiseSigma, double momentum, Rule aggregator, Double assumedByzantine,
        int select, int iterations, RfaSmoothing nu, int bucketSize, boolean nnm, String compressor, Integer k,
        Double clip, boolean clipCodeMode, boolean coinEpoch, double step, int batch, Double epochs, Long rounds,
        String split, long seed, Backend backend, int threads, Long evalEvery, Path out, Preset preset,
        List<String> presetSet) {

    /** SPEC.md's defaults: the paper's setting on the built-in synthetic problem. */
    public static RunSpec defaults() {
        return new RunSpec("synthetic", null, 123, 1000, 0.0, null, 1.0, 0.0, Method.MARINA_PP, 20, 5, 4, null, null,
                "shb", false, AttackSpace.FULL, false, 1.0, null, 0.1, 1.0, 0.9, Rule.CM, null, 0, 8, RfaSmoothing.DEFAULT,
                2, false, "none", null, 1.0, false, false, 0.1, 32, 20.0, null, "full", 0, Backend.AUTO,
                org.byzmarina.kernels.KernelsProvider.defaultThreads(), null, null, null, List.of());
    }

    public boolean isSynthetic() {
        return dataset.equals("synthetic");
    }

    public boolean isQuadratic() {
        return dataset.equals("quadratic");
    }

    /** Checks every setting that does not need the data; throws IllegalArgumentException naming the value. */
    public void validate() {
        require(clients >= 1, "--clients must be >= 1, got " + clients);
        require(byzantine >= 0 && byzantine < clients, "--byzantine must be in [0, n) = [0, " + clients + "), got " + byzantine);
        require(sampled >= 1 && sampled <= clients, "--sampled C must be in [1, n] = [1, " + clients + "], got " + sampled);
        if (bigCohort != null) {
            require(bigCohort >= sampled && bigCohort <= clients,
                    "--big-cohort must satisfy C <= big cohort <= n (" + sampled + " <= x <= " + clients + "), got " + bigCohort);
        }
        require(dim >= 1, "--dim must be >= 1, got " + dim);
        require(samplesPerClient >= 1, "--samples-per-client must be >= 1, got " + samplesPerClient);
        require(heterogeneity >= 0 && Double.isFinite(heterogeneity), "--heterogeneity must be >= 0, got " + heterogeneity);
        require(gradNoise >= 0 && Double.isFinite(gradNoise), "--grad-noise must be >= 0, got " + gradNoise);
        require(rho >= 0 && Double.isFinite(rho), "--rho must be >= 0, got " + rho);
        if (fstar != null) {
            require(Double.isFinite(fstar), "--fstar must be finite, got " + fstar);
        }
        if (p != null) {
            require(p >= 0 && p <= 1, "--p must be in [0, 1], got " + p);
        }
        require(step > 0 && Double.isFinite(step), "--step must be positive, got " + step);
        require(batch >= 1, "--batch must be >= 1, got " + batch);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
        if (clip != null) {
            require(clip > 0 && Double.isFinite(clip), "--clip must be a positive number or none, got " + clip);
        }
        require(bucketSize >= 1, "--bucket-size must be >= 1, got " + bucketSize);
        require(iterations >= 1, "--iterations must be >= 1, got " + iterations);
        require(nu != null, "--nu is required");
        require(select >= 0, "--select must be >= 1, got " + select);
        if (assumedByzantine != null) {
            double a = assumedByzantine;
            require(a >= 0 && (a < 1 || a == Math.rint(a) && a < clients),
                    "--assumed-byzantine must be a count in [0, n) = [0, " + clients + ") or a fraction in [0, 1), got "
                            + (a == Math.rint(a) && Math.abs(a) < 1e15 ? Long.toString((long) a) : Double.toString(a)));
        }
        require(shbScale > 0 && Double.isFinite(shbScale), "--shb-scale must be positive, got " + shbScale);
        require(ipmEps > 0 && Double.isFinite(ipmEps), "--ipm-eps must be positive, got " + ipmEps);
        require(noiseSigma >= 0 && Double.isFinite(noiseSigma), "--noise-sigma must be >= 0, got " + noiseSigma);
        if (alieZ != null) {
            require(Double.isFinite(alieZ), "--alie-z must be finite, got " + alieZ);
        }
        require(epochs == null || rounds == null, "give --epochs or --rounds, not both");
        if (epochs != null) {
            require(epochs > 0 && Double.isFinite(epochs), "--epochs must be positive, got " + epochs);
        }
        if (rounds != null) {
            require(rounds >= 0, "--rounds must be >= 0, got " + rounds);
        }
        if (evalEvery != null) {
            require(evalEvery >= 1, "--eval-every must be >= 1, got " + evalEvery);
        }
        require(threads >= 1, "--threads must be >= 1, got " + threads);
        require(compressor.equals("none") || compressor.equals("randk") || compressor.equals("l2q"),
                "unknown compressor " + org.byzmarina.io.UserText.quote(compressor) + " (expected none, randk or l2q)");
        if (k != null) {
            require(k >= 1, "--k must be >= 1, got " + k);
            require(compressor.equals("randk"), "--k is only used with --compressor randk");
        }
        require(!isQuadratic() || !attack.equals("lf"), "the lf attack needs labelled data; the quadratic has none");
        require(test == null || !(isSynthetic() || isQuadratic()), "--test needs a LIBSVM --dataset");
        Splits.validate(split);
        require(!sharedMinibatches || split.equals("full"),
                "--shared-minibatches needs --split full (every client must hold the same data), got --split " + split);
        require(split.equals("full") || !(isSynthetic() || isQuadratic()),
                "--split " + split + " applies to a LIBSVM --dataset (the synthetic problems give every client its own data)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
