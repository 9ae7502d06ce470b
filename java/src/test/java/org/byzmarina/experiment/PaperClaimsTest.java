package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.byzmarina.data.TestData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paper's a9a/w8a experiment (Malinovsky et al. 2024, Fig. 1) on the real data: n = 20 clients
 * holding the full data set, B = 5 Byzantine, C = 4 sampled per round, the shift-back attack,
 * CM∘Bucketing(2), b = 32, γ = 0.1 (docs/algorithm.md defaults), 10 epochs.
 *
 * <p>Claim: with clipping (α = 1) the gap falls far below the run without clipping, which stalls
 * near its starting gap (w8a) or is driven away from the optimum (a9a) by the shift-back rounds.
 * Thresholds: clipped gap &lt; 1e-3 (measured 2.1e-5 on a9a, 2.6e-5 on w8a) and unclipped gap
 * &gt; 100× the clipped one (measured 55 on a9a, 0.28 on w8a). Skipped where the data is absent.
 */
class PaperClaimsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a9a,0.4871001590", "w8a,0.3969970100"})
    void clippingSurvivesTheShiftBackAttackAndNoClippingDoesNot(String data, String fStar) {
        Path file = TestData.require(data);
        String[] common = {"--dataset", file.toString(), "--epochs", "10", "--fstar", fStar};
        Path clipped = Runs.run(dir.resolve("clip"), ProtocolTest.with(common, "--clip", "1"));
        Path unclipped = Runs.run(dir.resolve("noclip"), ProtocolTest.with(common, "--clip", "none"));
        double gapClip = Runs.last(clipped, "gap");
        double gapNoClip = Runs.last(unclipped, "gap");
        boolean diverged = Runs.runJson(unclipped).contains("\"status\" : \"diverged\"");
        assertTrue(gapClip < 1e-3, data + ": gap with clipping " + gapClip);
        assertTrue(diverged || gapNoClip > 100 * gapClip, data + ": gap without clipping " + gapNoClip + " vs " + gapClip);
        // Byzantine-majority rounds happened in both runs (same seed: the same rounds).
        assertEquals(Runs.last(clipped, "byz_majority_rounds"), Runs.last(unclipped, "byz_majority_rounds"));
        assertTrue(Runs.last(clipped, "byz_majority_rounds") > 100);
    }

    /**
     * No Byzantines, full participation (the 15 good clients every round) and γ = 1: Byz-VR-MARINA-PP
     * converges linearly on the strongly convex a9a problem: the gap falls below 1e-6 within 5 epochs
     * (measured 3.6e-8 after 2.5 epochs and 5.5e-12 after 5) and keeps decreasing.
     */
    @org.junit.jupiter.api.Test
    void withoutByzantinesAndFullParticipationTheGapFallsBelowOneInAMillion() {
        Path file = TestData.require("a9a");
        Path run = Runs.run(dir.resolve("na"), "--dataset", file.toString(), "--attack", "na", "--sampled", "15",
                "--step", "1", "--epochs", "5", "--fstar", "0.4871001590");
        List<String[]> rows = Runs.rows(run);
        int gap = Runs.column("gap");
        double half = Double.parseDouble(rows.get(rows.size() / 2)[gap]);
        double end = Double.parseDouble(rows.get(rows.size() - 1)[gap]);
        assertTrue(end < 1e-6, "gap after 5 epochs: " + end);
        assertTrue(end < half / 100, "linear convergence: " + half + " at 2.5 epochs, " + end + " at 5");
    }
}
