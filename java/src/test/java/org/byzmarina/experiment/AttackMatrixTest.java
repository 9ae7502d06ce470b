package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.byzmarina.cli.Main;
import org.byzmarina.config.Component;
import org.byzmarina.registry.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reliability matrix: every registered attack × every registered rule (alone, bucketed, after
 * NNM, both, after ARC, after static clipping) × both engines, in short Byz-VR-MARINA-PP runs with
 * full-gradient and difference rounds. No iterate, metric or output may become non-finite; NaN/±Inf
 * vectors are zeroed and counted in run.json (the non-finite rule); the Java and native engines
 * produce identical metrics. A configuration a rule refuses (e.g. Bulyan needs m ≥ 4f + 3 inputs) must
 * be refused with exit code 2 on both engines, before any output. Only the ±1e38 ("big") attack may
 * end a run by the divergence rule: full-gradient rounds are not clipped, so a rule whose input holds
 * more Byzantine vectors than it can remove passes 1e38-sized values into the estimator.
 */
class AttackMatrixTest {
    static final String[][] WRAPPERS = {{"--bucket-size", "1"}, {"--bucket-size", "2"}, {"--bucket-size", "1", "--nnm"},
        {"--bucket-size", "2", "--nnm"}, {"--bucket-size", "2", "--arc"}, {"--bucket-size", "1", "--static-clip", "1"}};
    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicInteger DIVERGED = new AtomicInteger();
    static final AtomicInteger REFUSED = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        System.out.println("attack matrix: " + RUNS.get() + " runs, " + DIVERGED.get() + " stopped by the divergence rule, "
                + REFUSED.get() + " configurations refused by their rule");
    }

    static List<String> attacks() {
        return Registry.ATTACKS.stream().map(Component::name).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void noAttackMakesAnythingNonFinite(String attack) throws Exception {
        for (Component<?, ?> rule : Registry.AGGREGATORS) {
            String aggregator = rule.name();
            for (String[] wrapper : WRAPPERS) {
                String label = attack + "/" + aggregator + String.join("", wrapper);
                String[] flags = ProtocolTest.with(new String[] {"--clients", "12", "--byzantine", "3", "--sampled", "8",
                    "--dim", "10", "--samples-per-client", "30", "--batch", "6", "--rounds", "30", "--eval-every", "10",
                    "--p", "0.2", "--step", "0.5", "--heterogeneity", "0.5", "--attack", attack, "--aggregator", aggregator,
                    "--mimic-warmup", "5"}, wrapper);
                String[] metrics = new String[2];
                String[] backends = {"java", "native"};
                String[] refusals = new String[2];
                for (int b = 0; b < 2; b++) {
                    Path run = dir.resolve(label.replaceAll("[^a-z0-9]", "") + b);
                    refusals[b] = refusal(run, ProtocolTest.with(flags, "--backend", backends[b]));
                    if (refusals[b] != null) {
                        continue;
                    }
                    RUNS.incrementAndGet();
                    for (String[] row : Runs.rows(run)) {
                        for (String v : row) {
                            assertTrue(v.isEmpty() || Double.isFinite(Double.parseDouble(v)), label + ": non-finite metric " + v);
                        }
                    }
                    JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
                    long nonFinite = json.path("counts").path("nonfinite_vectors").asLong();
                    boolean hostile = attack.equals("nan") || attack.equals("inf");
                    assertEquals(hostile, nonFinite > 0, label + ": non-finite vectors counted " + nonFinite);
                    String status = json.path("status").asText();
                    assertTrue(status.equals("done") || status.equals("diverged") && attack.equals("big"),
                            label + ": status " + status);
                    if (status.equals("diverged")) {
                        DIVERGED.incrementAndGet();
                    }
                    metrics[b] = Runs.withoutWallTime(run);
                }
                assertEquals(refusals[0], refusals[1], label + ": the engines disagree about refusing it");
                if (refusals[0] != null) {
                    REFUSED.incrementAndGet();
                    assertTrue(refusals[0].contains("cannot aggregate"), label + ": " + refusals[0]);
                    continue;
                }
                assertEquals(metrics[0], metrics[1], label + ": Java and native metrics differ");
            }
        }
    }

    /** Runs the configuration; returns null if it ran, or the refusal's message (exit code 2, no output folder). */
    static String refusal(Path out, String... flags) {
        List<String> args = new ArrayList<>(List.of("run", "--quiet", "--out", out.toString()));
        args.addAll(List.of(flags));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        if (code == 0) {
            return null;
        }
        assertEquals(2, code, String.join(" ", flags) + ": " + message);
        assertTrue(!java.nio.file.Files.exists(out), "a refused run leaves no output folder");
        return message.trim();
    }
}
