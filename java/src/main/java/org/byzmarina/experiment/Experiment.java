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
import java.util.List;
import org.byzmarina.aggregation.AggregationEnv;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackEnv;
import org.byzmarina.compression.CompressionEnv;
import org.byzmarina.compression.Compressor;
import org.byzmarina.config.Component;
import org.byzmarina.io.AtomicFiles;
import org.byzmarina.io.TempFolders;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.problems.Problem;
import org.byzmarina.problems.ProblemEnv;
import org.byzmarina.problems.ProblemInstance;
import org.byzmarina.protocol.ServerState;
import org.byzmarina.registry.Registry;
import org.byzmarina.protocol.ClipRule;
import org.byzmarina.protocol.Participation;
import org.byzmarina.protocol.Method;
import org.byzmarina.protocol.Progress;
import org.byzmarina.protocol.ProtocolSettings;
import org.byzmarina.protocol.Simulation;

/**
 * One run: a {@link RunConfig} and its seed, executed by the {@link Simulation}, written to
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

    public static Result run(RunConfig config) throws IOException {
        return run(config, Progress.NONE);
    }

    /** Everything a run needs, resolved and checked, before anything is written. */
    private record Prepared(RunConfig config, int clients, int byzantine, Attack attack, Kernels kernels, Aggregator aggregator,
                            ServerState server, ProblemInstance built, Compressor compressor, ProtocolSettings settings,
                            double epochRounds, double meanSamples, long evalEvery, MemoryEstimate memory,
                            TheoryJson.Computed theory, Participation participation) {
    }

    /**
     * The theory's constants for a configuration (the `theory` command): the problem is built (its
     * data read, f* not computed) and its smoothness constants computed.
     */
    public static ObjectNode theory(RunConfig config) throws IOException {
        Prepared p = prepare(config, false, true);
        return TheoryJson.of(p.theory(), config);
    }

    /**
     * Resolves and checks a run without running it (the data is read, f* is not computed): the
     * resolved configuration and the memory estimate, as JSON.
     */
    public static ObjectNode dryRun(RunConfig config) throws IOException {
        Prepared p = prepare(config, false, false);
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.set("config", ConfigJson.of(config, p.settings(), p.clients(), p.byzantine(), p.epochRounds(), p.evalEvery(),
                p.built().fStar(), p.kernels().threads()));
        if (p.theory() != null) {
            root.set("theory", TheoryJson.of(p.theory(), config));
        }
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

    private static Prepared prepare(RunConfig c, boolean solveOptimum, boolean theoryWanted) throws IOException {
        RunConfig.ProtocolOptions pr = c.protocol();
        boolean removeByzantines = c.attack().removesByzantines();
        int clients = removeByzantines ? pr.clients() - pr.byzantine() : pr.clients();
        int byzantine = removeByzantines ? 0 : pr.byzantine();
        if (pr.sampled() > clients) {
            throw new IllegalArgumentException("--sampled " + pr.sampled() + " exceeds the " + clients
                    + " clients left once the na attack removes the Byzantines");
        }
        int bigCohort = pr.bigCohort() != null ? Math.min(pr.bigCohort(), clients) : clients;

        Kernels kernels = KernelsProvider.create(KernelsProvider.configured(c.output().backend()), c.output().threads());
        Double assumed = c.aggregation().assumedByzantine();
        ByzantineBudget budget = assumed == null ? ByzantineBudget.of(byzantine, clients)
                : assumed < 1 ? ByzantineBudget.ofFraction(assumed) : ByzantineBudget.of((int) (double) assumed, clients);
        ServerState server = new ServerState();
        Aggregator aggregator = Registry.aggregator(c.values(), new AggregationEnv(kernels, budget, server));
        Participation participation = ParticipationSetup.build(c, clients, byzantine);
        checkAggregatorInputs(c, aggregator, clients, bigCohort, participation);
        long rowsPerRound = Simulation.batchRows(probeSettings(c, bigCohort), clients);
        int dimGuess = c.problem().builtIn() ? c.values().get(org.byzmarina.problems.SyntheticLogistic.DIM) : 1;
        MemoryEstimate.of(c, new Component.Sizes(rowsPerRound, dimGuess, clients - byzantine, clients), -1).require();

        ProblemInstance built = c.problem().component().create(c.values(), new ProblemEnv(c.problem().dataset(), clients,
                byzantine, pr.seed(), pr.batch(), c.problem().fstar(), solveOptimum, Experiment::sha256, kernels.threads(),
                "native".equals(kernels.backend())));
        Problem problem = built.problem();
        MemoryEstimate memory = MemoryEstimate.of(c, new Component.Sizes(rowsPerRound, problem.dim(), clients - byzantine, clients),
                built.dataBytes());
        memory.require();
        double meanSamples = meanGoodSamples(problem);
        // One epoch: m/b rounds, or R = min(⌈m/b⌉, 1000) rounds under --coin epoch (the authors' scripts).
        long coinEpochRounds = Math.max(1, Math.min((long) Math.ceil(meanSamples / pr.batch()), 1000));
        double epochRounds = pr.coinEpoch() ? coinEpochRounds : meanSamples / pr.batch();
        long rounds = pr.rounds() != null ? pr.rounds() : (long) Math.ceil(pr.epochs() * epochRounds);
        Compressor compressor = c.compression().component().create(c.values(), new CompressionEnv(kernels, problem.dim()));
        Attack attack = byzantine == 0 ? null : c.attack().component().create(c.values(),
                new AttackEnv(kernels, clients, byzantine, (long) Math.ceil(epochRounds)));
        int kept = compressor.kept(problem.dim());
        int sampled = pr.method() == Method.MARINA ? clients : pr.sampled();
        int cHat = pr.method() == Method.MARINA ? clients : bigCohort;
        double pRecommended = Math.min((double) sampled / cHat, Math.min(pr.batch() / meanSamples, (double) kept / problem.dim()));
        double p = pr.p() != null ? pr.p() : pRecommended;
        long evalEvery = c.output().evalEvery() != null ? c.output().evalEvery()
                : problem.evalEvery(Math.max(1, (long) Math.floor(epochRounds / 4)), (long) sampled * pr.batch());
        boolean stepTheory = RunSettings.isTheory(pr.step());
        boolean clipTheory = RunSettings.isTheory(pr.clip());
        TheoryJson.Computed theory = stepTheory || clipTheory || theoryWanted
                ? TheoryJson.compute(c, problem, clients, byzantine, sampled, cHat, p, pRecommended, compressor) : null;
        double step = pr.step();
        ClipRule clip = clipRule(c);
        if (stepTheory) {
            step = theory.block().step();
            if (!(step > 0) || Double.isInfinite(step)) {
                throw new IllegalArgumentException("--step theory: Thm " + theory.theorem() + " gives no positive step here (γ = "
                        + step + " with p = " + p + "); give --p above 0 or a numeric --step");
            }
        }
        if (clipTheory && pr.method() != Method.MARINA) {
            clip = ClipRule.paper(theory.block().clipAlpha());
        }
        ProtocolSettings settings = new ProtocolSettings(pr.method(), pr.sampled(), bigCohort, p, step, pr.batch(),
                clip, pr.coinEpoch(), coinEpochRounds, pr.momentum(), rounds, pr.seed(),
                c.attack().omniscient(), c.attack().space(), pr.sharedMinibatches(), pr.momentumEveryRound());
        if (theory != null) {
            theory = theory.withAvailability(c, participation);
        }
        return new Prepared(c, clients, byzantine, attack, kernels, aggregator, server, built, compressor, settings, epochRounds,
                meanSamples, evalEvery, memory, theory, participation);
    }

    /** The server's root sample size (FLTrust, MoNNA). */
    private static int rootSamples(RunConfig c) {
        org.byzmarina.config.Setting<?> s = Registry.setting("root-samples");
        return s == null ? 100 : (Integer) c.values().get(s);
    }

    private static String sha256(Path file) {
        try {
            return Provenance.sha256(file);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Runs the configuration, reporting progress in rounds. */
    public static Result run(RunConfig config, Progress progress) throws IOException {
        long start = System.nanoTime();
        Path out = config.output().out().toAbsolutePath();
        checkOutput(out);
        Prepared prep = prepare(config, true, false);
        int clients = prep.clients();
        int byzantine = prep.byzantine();
        Kernels kernels = prep.kernels();
        ProblemInstance built = prep.built();
        Problem problem = built.problem();
        ProtocolSettings settings = prep.settings();
        double epochRounds = prep.epochRounds();
        long rounds = settings.rounds();
        LOG.info(() -> String.format(Locale.ROOT, "%s; %s, n = %d, B = %d, C = %d, big cohort = %d, p = %.6g, %d rounds",
                problem.describe(), settings.method().label, clients, byzantine, settings.sampled(), settings.bigCohort(),
                settings.p(), rounds));

        Path tmp = TempFolders.create(out);
        try {
            Simulation.Outcome outcome;
            MetricsRecorder recorder;
            try (MetricsCsv csv = new MetricsCsv(tmp.resolve("metrics.csv"))) {
                int c = settings.method() == Method.MARINA ? clients : settings.sampled();
                double epochPerRound = settings.coinEpoch() ? 1.0 / epochRounds : settings.batch() / prep.meanSamples();
                recorder = new MetricsRecorder(problem, built.fStar(), csv, epochPerRound, (double) c / clients, start);
                Simulation sim = new Simulation(problem, settings, kernels, prep.aggregator(), new MeanRule(kernels),
                        prep.compressor(), prep.attack(), prep.server(), rootSamples(config), prep.participation());
                progress.start(rounds);
                try {
                    outcome = sim.run(prep.evalEvery(), recorder, progress);
                } finally {
                    progress.end();
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            ObjectNode json = RunJson.of(config, settings, clients, byzantine, prep.attack(), prep.compressor(), prep.aggregator(),
                    kernels, built, outcome, recorder, wall, epochRounds, prep.evalEvery());
            if (prep.theory() != null) {
                json.set("theory", TheoryJson.of(prep.theory(), config));
            }
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
    private static void checkAggregatorInputs(RunConfig c, Aggregator aggregator, int clients, int bigCohort,
                                              Participation participation) {
        Method method = c.protocol().method();
        int sampled = c.protocol().sampled();
        int[] sizes = method == Method.MARINA ? new int[] {clients}
                : method.marinaFamily() ? new int[] {sampled, bigCohort} : new int[] {sampled};
        int s = c.values().get(org.byzmarina.aggregation.Bucketing.BUCKET_SIZE);
        for (int m : sizes) {
            check(aggregator, m, s, "");
        }
        if (participation.mayBeShort(Math.max(sizes[0], sizes[sizes.length - 1]))) {
            // A short round has fewer clients than it asks for: from the Byzantines alone (if always online) up.
            boolean byzAlways = c.values().get(Participation.BYZANTINE_AVAILABILITY).equals("always");
            int byzantine = c.attack().removesByzantines() ? 0 : c.protocol().byzantine();
            int smallest = byzAlways ? Math.max(1, Math.min(byzantine, sampled)) : 1;
            int largest = Math.max(sizes[0], sizes[sizes.length - 1]);
            String why = " (with --availability " + c.values().get(Participation.AVAILABILITY).label()
                    + (Participation.weightsFile(c.values().get(Participation.SAMPLING)) != null ? " and weighted sampling" : "")
                    + " a round may have as few as " + smallest + " client" + (smallest == 1 ? "" : "s")
                    + "; choose a rule that takes any number of inputs, e.g. cm or mean)";
            for (int m = smallest; m <= Math.min(largest, smallest + 1000); m++) {
                check(aggregator, m, s, why);
            }
        }
    }

    private static void check(Aggregator aggregator, int m, int s, String why) {
        try {
            aggregator.checkInputs(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(aggregator.describe() + " cannot aggregate the " + m + " vectors of a round"
                    + (s > 1 ? " (bucketed into " + org.byzmarina.aggregation.Bucketing.buckets(m, s) + ")" : "")
                    + ": " + e.getMessage() + why);
        }
    }

    /** Settings with only the sizes filled in (for the batch size before the data is read). */
    private static ProtocolSettings probeSettings(RunConfig c, int bigCohort) {
        return new ProtocolSettings(c.protocol().method(), c.protocol().sampled(), bigCohort, 0, 1, 1, ClipRule.NONE,
                c.protocol().coinEpoch(), 1, 0, 0, 0, false, c.attack().space(), false);
    }

    /** The clip rule: none (also for Byz-VR-MARINA, which never clips), paper mode α or code mode c. */
    static ClipRule clipRule(RunConfig c) {
        RunConfig.ProtocolOptions p = c.protocol();
        if (!Double.isFinite(p.clip()) || p.method() == Method.MARINA) { // none, or theory (resolved in prepare)
            return ClipRule.NONE;
        }
        return p.clipCodeMode() ? ClipRule.code(p.clip()) : ClipRule.paper(p.clip());
    }

    private static double meanGoodSamples(Problem p) {
        int good = p.clients() - p.byzantine();
        double s = 0;
        for (int i = 0; i < good; i++) {
            s += p.samples(i);
        }
        return s / good;
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
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len); // FilterOutputStream's own would write byte by byte
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
