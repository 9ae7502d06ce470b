package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reliability matrix: every attack × every aggregator (alone, with bucketing, with NNM, with
 * both) × both backends, in short Byz-VR-MARINA-PP runs with full-gradient and difference rounds.
 * No iterate, metric or output may become non-finite; NaN/±Inf vectors are zeroed and counted in
 * run.json (the non-finite rule); the Java and native backends produce identical metrics.
 * Only the ±1e38 ("big") attack may end a run by the divergence rule (status "diverged", every row
 * written so far finite): the full-gradient rounds are not clipped, so an aggregator whose input has
 * more Byzantine vectors than it can trim passes 1e38-sized values into the estimator. The mean is
 * non-robust by design and does so whenever a Byzantine is sampled; bucketing (s = 2) can also
 * spread 3 Byzantines over 3 of 6 buckets, more than CWTM's t = ⌊(B/n)·6⌋ = 1 removes. Every other
 * attack finishes every run with every aggregator.
 */
class AttackMatrixTest {
    static final String[] AGGREGATORS = {"mean", "cm", "cwtm", "rfa", "krum", "multikrum"};
    static final String[][] WRAPPERS = {{"--bucket-size", "1"}, {"--bucket-size", "2"}, {"--bucket-size", "1", "--nnm"},
        {"--bucket-size", "2", "--nnm"}};
    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicInteger DIVERGED = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        System.out.println("attack matrix: " + RUNS.get() + " runs, " + DIVERGED.get() + " stopped by the divergence rule");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"na", "bf", "lf", "ipm", "alie", "shb", "noise", "nan", "inf", "big"})
    void noAttackMakesAnythingNonFinite(String attack) throws Exception {
        for (String aggregator : AGGREGATORS) {
            for (String[] wrapper : WRAPPERS) {
                String label = attack + "/" + aggregator + String.join("", wrapper);
                String[] flags = ProtocolTest.with(new String[] {"--clients", "12", "--byzantine", "3", "--sampled", "8",
                    "--dim", "10", "--samples-per-client", "30", "--batch", "6", "--rounds", "30", "--eval-every", "10",
                    "--p", "0.2", "--step", "0.5", "--heterogeneity", "0.5", "--attack", attack, "--aggregator", aggregator}, wrapper);
                String[] metrics = new String[2];
                String[] backends = {"java", "native"};
                for (int b = 0; b < 2; b++) {
                    Path run = Runs.run(dir.resolve(label.replaceAll("[^a-z0-9]", "") + b), ProtocolTest.with(flags, "--backend", backends[b]));
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
                assertEquals(metrics[0], metrics[1], label + ": Java and native metrics differ");
            }
        }
    }
}
