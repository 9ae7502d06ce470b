package org.byzmarina.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.byzmarina.aggregation.RfaSmoothing;
import org.byzmarina.aggregation.Rule;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.experiment.Preset;
import org.byzmarina.experiment.Experiment;
import org.byzmarina.experiment.RunSpec;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.byzmarina.protocol.Method;

/**
 * {@code run}: one simulation of Byz-VR-MARINA-PP or a relative (SPEC.md). Every flag is optional;
 * unset flags take SPEC.md's defaults (the paper's setting on the built-in synthetic problem).
 */
@Parameters(commandDescription = "Run one simulation (defaults: the paper's setting on a built-in synthetic problem)")
final class RunCommand extends Command {
    @Parameter(names = "--config", description = "JSON file of run settings (keys are the flags without dashes; flags win)")
    String config;
    @Parameter(names = "--dataset", description = "synthetic | quadratic | PATH to a LIBSVM file")
    String dataset;
    @Parameter(names = "--test", description = "LIBSVM test file (test_loss, test_accuracy)")
    String test;
    @Parameter(names = "--dim", description = "d of the synthetic problems")
    Integer dim;
    @Parameter(names = "--samples-per-client", description = "m_i of the synthetic problems")
    Integer samplesPerClient;
    @Parameter(names = "--heterogeneity", description = "ζ of the synthetic problems")
    Double heterogeneity;
    @Parameter(names = "--fstar", description = "f* (default: computed)")
    Double fstar;
    @Parameter(names = "--grad-noise", description = "σ_g of the quadratic's stochastic gradients")
    Double gradNoise;
    @Parameter(names = "--rho", description = "weight ρ of the non-convex regulariser (0 = off)")
    Double rho;
    @Parameter(names = "--method", description = "marina-pp | marina | marina-pp-plus | sgdm | sgd")
    String method;
    @Parameter(names = "--clients", description = "n")
    Integer clients;
    @Parameter(names = "--byzantine", description = "B (the last B client ids)")
    Integer byzantine;
    @Parameter(names = "--sampled", description = "C, clients per round")
    Integer sampled;
    @Parameter(names = "--big-cohort", description = "Ĉ, clients in a c_k = 1 round (default n)")
    Integer bigCohort;
    @Parameter(names = "--p", description = "probability of a full-gradient round (default min(C/Ĉ, b/m, K/d))")
    Double p;
    @Parameter(names = "--attack", description = "na | bf | lf | ipm | alie | shb | noise | nan | inf | big")
    String attack;
    @Parameter(names = "--omniscient", description = "attacks see every good client's vector (not only the sampled ones')")
    boolean omniscient;
    @Parameter(names = "--no-omniscient", description = "attacks see the sampled good clients only (the default; overrides --preset)")
    boolean noOmniscient;
    @Parameter(names = "--attack-space", description = "full (Byzantines form full vectors u; the server receives u − g^k "
            + "in difference rounds) | difference (ablation: attack formulas on the honest differences)")
    String attackSpace;
    @Parameter(names = "--shared-minibatches", description = "every client draws the same minibatch indices each round "
            + "(the authors' code; needs --split full)")
    boolean sharedMinibatches;
    @Parameter(names = "--no-shared-minibatches", description = "independent minibatches per client (the default; overrides --preset)")
    boolean noSharedMinibatches;
    @Parameter(names = "--preset", description = "authors-code: --clip-mode code --coin epoch --omniscient "
            + "--shared-minibatches, as the authors' scripts run (flags given explicitly win)")
    String preset;
    @Parameter(names = "--shb-scale", description = "β of the shift-back attack")
    Double shbScale;
    @Parameter(names = "--alie-z", description = "z of ALIE (default from n and B)")
    Double alieZ;
    @Parameter(names = "--ipm-eps", description = "ε of IPM")
    Double ipmEps;
    @Parameter(names = "--noise-sigma", description = "σ of the Gaussian-noise attack")
    Double noiseSigma;
    @Parameter(names = "--momentum", description = "β of BR-SGDm")
    Double momentum;
    @Parameter(names = "--aggregator", description = "mean | cm | cwtm | rfa | krum | multikrum")
    String aggregator;
    @Parameter(names = "--assumed-byzantine", description = "replaces B/n in the aggregator's budget f = ⌈(B/n)·m⌉: "
            + "a count of Byzantine clients or a fraction in [0, 1) (default B/n)")
    String assumedByzantine;
    @Parameter(names = "--select", description = "Multi-Krum's q (default m - f)")
    Integer select;
    @Parameter(names = "--iterations", description = "RFA iterations T")
    Integer iterations;
    @Parameter(names = "--nu", description = "RFA smoothing ν (default 0.1), or rel:R for R × the median input norm")
    String nu;
    @Parameter(names = "--bucket-size", description = "bucketing s (1 = none)")
    Integer bucketSize;
    @Parameter(names = "--nnm", description = "nearest-neighbour mixing before aggregation")
    boolean nnm;
    @Parameter(names = "--compressor", description = "none | randk | l2q")
    String compressor;
    @Parameter(names = "--k", description = "K of RandK (default d/10)")
    Integer k;
    @Parameter(names = "--clip", description = "clipping multiplier α, or none")
    String clip;
    @Parameter(names = "--clip-mode", description = "paper (λ = α γ ||g||) | code (λ = α ||g||)")
    String clipMode;
    @Parameter(names = "--coin", description = "random | epoch (c_k = 1 at each epoch's first round)")
    String coin;
    @Parameter(names = "--step", description = "γ")
    Double step;
    @Parameter(names = "--batch", description = "minibatch b")
    Integer batch;
    @Parameter(names = "--epochs", description = "length in epochs (default 20)")
    Double epochs;
    @Parameter(names = "--rounds", description = "length in rounds (instead of --epochs)")
    Long rounds;
    @Parameter(names = "--split", description = "full | iid | sorted | dirichlet:A")
    String split;
    @Parameter(names = "--seed", description = "root seed")
    Long seed;
    @Parameter(names = "--backend", description = "auto | java | native")
    String backend;
    @Parameter(names = "--threads", description = "kernel threads")
    Integer threads;
    @Parameter(names = "--eval-every", description = "rounds between metrics rows (default a quarter epoch)")
    Long evalEvery;
    @Parameter(names = "--out", description = "output folder (default runs/run-<time>)")
    String out;
    @Parameter(names = "--dry-run", description = "print the resolved configuration and the memory estimate; run nothing")
    boolean dryRun;
    @Parameter(names = "--quiet", description = "no progress output and no log lines")
    boolean quiet;


    @Override
    boolean quiet() {
        return quiet;
    }

    @Override
    int execute(PrintStream stdout, PrintStream stderr) {
        RunSpec spec = toSpec();
        Experiment.Result r;
        if (dryRun) {
            try {
                stdout.println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(Experiment.dryRun(spec)));
                return Main.OK;
            } catch (IOException e) {
                throw ioError(e);
            }
        }
        try {
            org.byzmarina.io.TempFolders.removeStale(spec.out()); // what killed runs of the same --out left
            r = Experiment.run(spec, ProgressBars.rounds(quiet, stderr));
        } catch (IOException e) {
            throw ioError(e);
        }
        if (!quiet) {
            stdout.printf(Locale.ROOT, "%s after %d rounds in %.2f s: loss %s, gap %s, %d uplink bits%s%n",
                    r.diverged() ? "diverged" : "done", r.rounds(), r.wallSeconds(), fmt(r.finalLoss()), fmt(r.finalGap()),
                    r.bits(), r.nonFinite() > 0 ? ", " + r.nonFinite() + " non-finite vectors zeroed" : "");
            stdout.println("results: " + r.out().resolve("metrics.csv") + " and " + r.out().resolve("run.json"));
        }
        return Main.OK;
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** The flags over SPEC.md's defaults. */
    RunSpec toSpec() {
        RunSpec d = RunSpec.defaults();
        Double clipValue = d.clip();
        if (clip != null) {
            if (clip.trim().equalsIgnoreCase("none")) {
                clipValue = null;
            } else {
                try {
                    clipValue = Double.parseDouble(clip.trim());
                } catch (NumberFormatException e) {
                    throw new UserError("--clip expects a positive number or none, got " + org.byzmarina.io.UserText.quote(clip));
                }
            }
        }
        Method methodValue = method == null ? d.method() : Method.parse(method);
        if (methodValue == Method.MARINA && clip != null && clipValue != null) {
            throw new UserError("--method marina never clips (Byz-VR-MARINA aggregates full vectors), but --clip " + clip
                    + " was given; drop --clip (or give --clip none), or use --method marina-pp --sampled N for full participation with clipping");
        }
        Preset presetValue = preset == null ? null : Preset.parse(preset);
        List<String> presetSet = new ArrayList<>();
        boolean codeMode = clipMode != null ? parseChoice(clipMode, "--clip-mode", "paper", "code", false)
                : fromPreset(presetValue, "clip-mode", presetSet) ? true : d.clipCodeMode();
        boolean epochCoin = coin != null ? parseChoice(coin, "--coin", "random", "epoch", false)
                : fromPreset(presetValue, "coin", presetSet) ? true : d.coinEpoch();
        boolean omniscientValue = switchValue(omniscient, noOmniscient, "omniscient", presetValue, presetSet, d.omniscient());
        boolean sharedValue = switchValue(sharedMinibatches, noSharedMinibatches, "shared-minibatches", presetValue, presetSet,
                d.sharedMinibatches());
        Double epochsValue = epochs != null ? epochs : rounds != null ? null : d.epochs();
        return new RunSpec(or(dataset, d.dataset()), test, or(dim, d.dim()), or(samplesPerClient, d.samplesPerClient()),
                or(heterogeneity, d.heterogeneity()), fstar, or(gradNoise, d.gradNoise()), or(rho, d.rho()),
                methodValue, or(clients, d.clients()), or(byzantine, d.byzantine()),
                or(sampled, d.sampled()), bigCohort, p, or(attack, d.attack()).toLowerCase(Locale.ROOT),
                omniscientValue, attackSpace == null ? d.attackSpace() : AttackSpace.parse(attackSpace), sharedValue,
                or(shbScale, d.shbScale()), alieZ, or(ipmEps, d.ipmEps()),
                or(noiseSigma, d.noiseSigma()), or(momentum, d.momentum()),
                aggregator == null ? d.aggregator() : Rule.parse(aggregator), parseAssumed(assumedByzantine),
                or(select, d.select()), or(iterations, d.iterations()), nu == null ? d.nu() : RfaSmoothing.parse(nu),
                or(bucketSize, d.bucketSize()), nnm || d.nnm(),
                or(compressor, d.compressor()).toLowerCase(Locale.ROOT), k, clipValue, codeMode, epochCoin,
                or(step, d.step()), or(batch, d.batch()), epochsValue, rounds, or(split, d.split()), or(seed, d.seed()),
                backend == null ? d.backend() : Backend.parse(backend), or(threads, d.threads()), evalEvery,
                out != null ? Path.of(out) : defaultOut(), presetValue, List.copyOf(presetSet));
    }

    /** True (and recorded) if the preset sets {@code key}; called only when the flag was not given. */
    private static boolean fromPreset(Preset preset, String key, List<String> presetSet) {
        if (preset != null && preset.sets(key)) {
            presetSet.add(key);
            return true;
        }
        return false;
    }

    /** A switch with its --no- form: explicit on or off wins over the preset, which wins over the default. */
    private static boolean switchValue(boolean on, boolean off, String key, Preset preset, List<String> presetSet,
                                       boolean fallback) {
        if (on && off) {
            throw new UserError("--" + key + " and --no-" + key + " contradict each other");
        }
        if (on || off) {
            return on;
        }
        return fromPreset(preset, key, presetSet) || fallback;
    }

    /** --assumed-byzantine: a count of clients (an integer) or a fraction in [0, 1). */
    private static Double parseAssumed(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UserError("--assumed-byzantine expects a count or a fraction in [0, 1), got '" + value + "'");
        }
    }

    private static boolean parseChoice(String value, String flag, String no, String yes, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(yes)) {
            return true;
        }
        if (v.equals(no)) {
            return false;
        }
        throw new UserError(flag + " expects " + no + " or " + yes + ", got " + org.byzmarina.io.UserText.quote(value));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Path defaultOut() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = Path.of("runs", "run-" + stamp);
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("runs", "run-" + stamp + "-" + i);
        }
        return p;
    }
}
