package org.byzmarina.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.attacks.Attack;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.problems.Blas;
import org.byzmarina.protocol.ProtocolSettings;
import org.byzmarina.protocol.Simulation;

/**
 * run.json: status, the fully resolved configuration, counts, final values and provenance
 * (version, git commit, data sha256, JVM, OpenBLAS, backend, SIMD level, threads).
 */
final class RunJson {
    private RunJson() {
    }

    static ObjectNode of(RunConfig config, ProtocolSettings settings, int clients, int byzantine, Attack attack,
                                      Compressor compressor, Aggregator aggregator, Kernels kernels, org.byzmarina.problems.ProblemInstance built,
                                      Simulation.Outcome outcome, MetricsRecorder recorder, double wall, double epochRounds,
                                      long evalEvery) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("status", outcome.diverged() ? "diverged" : "done");
        if (outcome.diverged()) {
            root.put("diverged_round", outcome.roundsCompleted());
        } else {
            root.putNull("diverged_round");
        }
        root.put("rounds_completed", outcome.roundsCompleted());
        root.put("seed", settings.seed());
        root.set("config", ConfigJson.of(config, settings, clients, byzantine, epochRounds, evalEvery, built.fStar(),
                kernels.threads()));
        root.set("preset", ConfigJson.preset(config, root.get("config")));
        ObjectNode resolved = root.putObject("resolved");
        resolved.put("problem", built.problem().describe());
        resolved.put("aggregator", aggregator.describe());
        resolved.put("attack", attack == null ? "none (no Byzantine clients)" : attack.describe());
        resolved.put("compressor", compressor.describe());
        ObjectNode counts = root.putObject("counts");
        counts.put("nonfinite_vectors", outcome.nonFiniteVectors());
        counts.put("oracle_calls", recorder.lastOracleCalls);
        counts.put("bits", recorder.lastBits);
        counts.put("byz_majority_rounds", recorder.lastMajority);
        counts.put("full_rounds", outcome.fullRounds());
        counts.put("short_rounds", outcome.shortRounds());
        counts.put("empty_rounds", outcome.emptyRounds());
        ObjectNode last = root.putObject("final");
        Experiment.putNumber(last, "loss", recorder.lastLoss);
        Experiment.putNumber(last, "gap", recorder.lastGap);
        root.put("wall_s", wall);
        root.put("eval_s", recorder.evalSeconds);
        ObjectNode prov = root.putObject("provenance");
        prov.put("byzmarina_version", Provenance.version());
        prov.put("git_commit", Provenance.commit());
        prov.put("jvm", Provenance.jvm());
        prov.put("openblas", openBlas());
        prov.put("backend", kernels.backend());
        prov.put("simd", kernels.simdLevel());
        prov.put("threads", kernels.threads());
        ObjectNode data = prov.putObject("data_sha256");
        built.dataSha256().forEach(data::put);
        return root;
    }

    /** OpenBLAS's version, or why there is none: a run loads it only if it may call it (see NativeLoading). */
    static String openBlas() {
        if (NativeLoading.openBlasLoaded()) {
            return Blas.describe();
        }
        Throwable failure = NativeLoading.openBlasFailure();
        return failure != null ? "unavailable (" + failure + ")" : "not loaded (this run does not use it)";
    }
}
