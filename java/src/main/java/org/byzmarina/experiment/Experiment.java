package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.AggregatorSpec;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.Attacks;
import org.byzmarina.compression.Compressor;
import org.byzmarina.compression.L2Quantizer;
import org.byzmarina.compression.RandK;
import org.byzmarina.io.AtomicFiles;
import org.byzmarina.io.TempFolders;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.problems.Problem;
import org.byzmarina.protocol.ClipRule;
import org.byzmarina.protocol.Method;
import org.byzmarina.protocol.Progress;
import org.byzmarina.protocol.ProtocolSettings;
import org.byzmarina.protocol.Simulation;

/**
 * One run: a {@link RunSpec} and its seed, executed by the {@link Simulation}, written to
 * {@code out/metrics.csv} and {@code out/run.json}. Everything is written into a temporary sibling
 * folder that is renamed to {@code out} only when the run has ended, so a failed or killed run
 * never leaves a folder that looks complete.
 */
public final class Experiment {
    private static final Logger LOG = Logger.getLogger(Experiment.class.getName());

    /** What a finished run reports. */
    public record Result(Path out, boolean diverged, long rounds, Double finalLoss, Double finalGap, long bits,
                         long nonFinite, double wallSeconds) {
    }

    private Experiment() {
    }

    public static Result run(RunSpec spec) throws IOException {
        return run(spec, Progress.NONE);
    }

    /** Everything a run needs, resolved and checked, before anything is written. */
    private record Prepared(RunSpec spec, int clients, int byzantine, Attack attack, Kernels kernels, Aggregator aggregator,
                            ProblemFactory.Built built, Compressor compressor, ProtocolSettings settings, double epochRounds,
                            double meanSamples, long evalEvery, MemoryEstimate memory) {
    }

    /**
     * Resolves and checks a run without running it (the data is read, f* is not computed): the
     * resolved configuration and the memory estimate, as JSON.
     */
    public static ObjectNode dryRun(RunSpec spec) throws IOException {
        Prepared p = prepare(spec, false);
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.set("config", ConfigJson.of(spec, p.settings(), p.clients(), p.byzantine(), p.epochRounds(), p.evalEvery(),
                p.built().fStar()));
        ObjectNode resolved = root.putObject("resolved");
        resolved.put("problem", p.built().problem().describe());
        resolved.put("aggregator", p.aggregator().describe());
        resolved.put("attack", p.attack() == null ? "none (no Byzantine clients)" : p.attack().describe());
        resolved.put("compressor", p.compressor().describe());
        resolved.put("kernels", KernelsProvider.describe(p.kernels()));
        ObjectNode memory = root.putObject("memory_estimate_bytes");
        memory.put("total", p.memory().total());
        memory.put("batch", p.memory().batch());
        memory.put("aggregation_scratch", p.memory().scratch());
        memory.put("client_state", p.memory().clientState());
        memory.put("data", p.memory().data());
        memory.put("jvm_max_heap", Runtime.getRuntime().maxMemory());
        memory.put("summary", p.memory().describe());
        return root;
    }

    private static Prepared prepare(RunSpec spec, boolean solveOptimum) throws IOException {
        spec.validate();
        Attack probe = Attacks.of(spec.attack(), attackSettings(spec), spec.clients(), spec.byzantine());
        boolean removeByzantines = probe == null;
        int clients = removeByzantines ? spec.clients() - spec.byzantine() : spec.clients();
        int byzantine = removeByzantines ? 0 : spec.byzantine();
        if (spec.sampled() > clients) {
            throw new IllegalArgumentException("--sampled " + spec.sampled() + " exceeds the " + clients
                    + " clients left once the na attack removes the Byzantines");
        }
        int bigCohort = spec.bigCohort() != null ? Math.min(spec.bigCohort(), clients) : clients;
        Attack attack = byzantine == 0 ? null : probe;

        Kernels kernels = KernelsProvider.create(KernelsProvider.configured(spec.backend()), spec.threads());
        double assumed = spec.assumedByzantine() == null ? -1 : spec.assumedByzantine();
        ByzantineBudget budget = assumed < 0 ? ByzantineBudget.of(byzantine, clients)
                : assumed < 1 ? ByzantineBudget.ofFraction(assumed) : ByzantineBudget.of((int) assumed, clients);
        AggregatorSpec aggSpec = new AggregatorSpec(spec.aggregator(), spec.bucketSize(), spec.nnm(), spec.select(),
                spec.iterations(), spec.nu());
        Aggregator aggregator = aggSpec.build(kernels, budget);
        checkAggregatorInputs(spec, aggregator, clients, bigCohort);
        long rowsPerRound = Simulation.batchRows(probeSettings(spec, bigCohort), clients);
        MemoryEstimate.of(spec, rowsPerRound, clients - byzantine, clients, spec.dim(),
                MemoryEstimate.syntheticData(spec, clients)).require();

        ProblemFactory.Built built = ProblemFactory.build(spec, clients, byzantine, solveOptimum);
        Problem problem = built.problem();
        MemoryEstimate memory = MemoryEstimate.of(spec, rowsPerRound, clients - byzantine, clients, problem.dim(),
                built.dataBytes());
        memory.require();
        double meanSamples = meanGoodSamples(problem);
        // One epoch: m/b rounds (SPEC.md), or R = min(⌈m/b⌉, 1000) rounds under --coin epoch.
        long coinEpochRounds = Math.max(1, Math.min((long) Math.ceil(meanSamples / spec.batch()), 1000));
        double epochRounds = spec.coinEpoch() ? coinEpochRounds : meanSamples / spec.batch();
        long rounds = spec.rounds() != null ? spec.rounds() : (long) Math.ceil(spec.epochs() * epochRounds);
        Compressor compressor = compressor(spec, kernels, problem.dim());
        int kept = compressor.kept(problem.dim());
        int c = spec.method() == Method.MARINA ? clients : spec.sampled();
        int cHat = spec.method() == Method.MARINA ? clients : bigCohort;
        double p = spec.p() != null ? spec.p()
                : Math.min((double) c / cHat, Math.min(spec.batch() / meanSamples, (double) kept / problem.dim()));
        long evalEvery = spec.evalEvery() != null ? spec.evalEvery() : Math.max(1, (long) Math.floor(epochRounds / 4));
        ProtocolSettings settings = new ProtocolSettings(spec.method(), spec.sampled(), bigCohort, p, spec.step(), spec.batch(),
                clipRule(spec), spec.coinEpoch(), coinEpochRounds, spec.momentum(), rounds, spec.seed(),
                spec.omniscient(), spec.attackSpace(), spec.sharedMinibatches());
        return new Prepared(spec, clients, byzantine, attack, kernels, aggregator, built, compressor, settings, epochRounds,
                meanSamples, evalEvery, memory);
    }

    /** Runs the spec, reporting progress in rounds. */
    public static Result run(RunSpec spec, Progress progress) throws IOException {
        long start = System.nanoTime();
        spec.validate();
        Path out = spec.out().toAbsolutePath();
        checkOutput(out);
        Prepared prep = prepare(spec, true);
        int clients = prep.clients();
        int byzantine = prep.byzantine();
        Attack attack = prep.attack();
        Kernels kernels = prep.kernels();
        Aggregator aggregator = prep.aggregator();
        ProblemFactory.Built built = prep.built();
        Problem problem = built.problem();
        Compressor compressor = prep.compressor();
        ProtocolSettings settings = prep.settings();
        double epochRounds = prep.epochRounds();
        double meanSamples = prep.meanSamples();
        long evalEvery = prep.evalEvery();
        long rounds = settings.rounds();
        LOG.info(() -> String.format(Locale.ROOT, "%s; %s, n = %d, B = %d, C = %d, big cohort = %d, p = %.6g, %d rounds",
                problem.describe(), spec.method().label, clients, byzantine, spec.sampled(), settings.bigCohort(), settings.p(), rounds));

        Path tmp = TempFolders.create(out);
        try {
            Simulation.Outcome outcome;
            MetricsRecorder recorder;
            try (MetricsCsv csv = new MetricsCsv(tmp.resolve("metrics.csv"))) {
                int c = spec.method() == Method.MARINA ? clients : spec.sampled();
                double epochPerRound = spec.coinEpoch() ? 1.0 / epochRounds : spec.batch() / meanSamples;
                recorder = new MetricsRecorder(problem, built.fStar(), csv, epochPerRound, (double) c / clients, start);
                Simulation sim = new Simulation(problem, settings, kernels, aggregator, new MeanRule(kernels), compressor, attack);
                progress.start(rounds);
                try {
                    outcome = sim.run(evalEvery, recorder, progress);
                } finally {
                    progress.end();
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            ObjectNode json = RunJson.of(spec, settings, clients, byzantine, attack, compressor, aggregator, kernels, built, outcome,
                    recorder, wall, epochRounds, evalEvery);
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(tmp.resolve("run.json"), o -> mapper.writeValue(new NonClosing(o), json));
            TempFolders.commit(tmp, out);
            return new Result(out, outcome.diverged(), outcome.roundsCompleted(), recorder.lastLoss, recorder.lastGap,
                    recorder.lastBits, outcome.nonFiniteVectors(), wall);
        } catch (java.io.UncheckedIOException e) { // a metrics.csv row on a full disk, say
            TempFolders.discard(tmp);
            throw AtomicFiles.cannotWrite(out, e.getCause());
        } catch (IOException e) {
            TempFolders.discard(tmp);
            throw AtomicFiles.cannotWrite(out, e);
        } catch (RuntimeException | Error e) {
            TempFolders.discard(tmp);
            throw e;
        }
    }

    static Attacks.Settings attackSettings(RunSpec spec) {
        return new Attacks.Settings(spec.ipmEps(), spec.alieZ(), spec.shbScale(), spec.noiseSigma());
    }

    private static void checkOutput(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder; choose another --out");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("output folder " + out + " already exists and is not empty; choose another --out");
                }
            }
        }
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(out, e);
        }
    }

    /** Refuses aggregator configurations that cannot run on the round sizes this method produces. */
    private static void checkAggregatorInputs(RunSpec spec, Aggregator aggregator, int clients, int bigCohort) {
        int[] sizes = spec.method() == Method.MARINA ? new int[] {clients}
                : spec.method().marinaFamily() ? new int[] {spec.sampled(), bigCohort} : new int[] {spec.sampled()};
        for (int m : sizes) {
            try {
                aggregator.checkInputs(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(aggregator.describe() + " cannot aggregate the " + m + " vectors of a round"
                        + (spec.bucketSize() > 1 ? " (bucketed into " + ((m + spec.bucketSize() - 1) / spec.bucketSize()) + ")" : "")
                        + ": " + e.getMessage());
            }
        }
    }

    /** Settings with only the sizes filled in (for the batch size before the data is read). */
    private static ProtocolSettings probeSettings(RunSpec spec, int bigCohort) {
        return new ProtocolSettings(spec.method(), spec.sampled(), bigCohort, 0, 1, 1, ClipRule.NONE, false, 1, 0, 0, 0,
                false, spec.attackSpace(), false);
    }

    /** The clip rule: none (also for Byz-VR-MARINA, which never clips), paper mode α or code mode c. */
    static ClipRule clipRule(RunSpec spec) {
        if (spec.clip() == null || spec.method() == Method.MARINA) {
            return ClipRule.NONE;
        }
        return spec.clipCodeMode() ? ClipRule.code(spec.clip()) : ClipRule.paper(spec.clip());
    }

    private static double meanGoodSamples(Problem p) {
        int good = p.clients() - p.byzantine();
        double s = 0;
        for (int i = 0; i < good; i++) {
            s += p.samples(i);
        }
        return s / good;
    }

    private static Compressor compressor(RunSpec spec, Kernels kernels, int d) {
        switch (spec.compressor()) {
            case "randk":
                int k = spec.k() != null ? spec.k() : Math.max(1, d / 10);
                if (k > d) {
                    throw new IllegalArgumentException("--k " + k + " exceeds the dimension d = " + d);
                }
                return new RandK(kernels, k);
            case "l2q":
                return new L2Quantizer(kernels);
            default:
                return Compressor.IDENTITY;
        }
    }

    static void putNumber(ObjectNode node, String key, Double v) {
        if (v == null || !Double.isFinite(v)) {
            node.putNull(key);
        } else {
            node.put(key, v);
        }
    }

    /** Lets Jackson write into AtomicFiles' stream without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
