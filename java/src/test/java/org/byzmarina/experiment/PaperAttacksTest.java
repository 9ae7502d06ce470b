package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.byzmarina.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks hurt as published. The paper's a9a setting (n = 20, B = 5, C = 4, CM∘Bucketing(2),
 * b = 32, seed 0), 2 epochs, Byz-VR-MARINA-PP without clipping: the authors' own code, on a
 * machine of this kind, ends at loss 4.58 under BF and 1.09 under LF (γ = 0.01) and 0.676 under
 * IPM (γ = 0.1); without an attack the loss falls to ≈ 0.52. Thresholds: BF ≥ 1.0, LF ≥ 0.75,
 * IPM ≥ 0.6, no attack ≤ 0.56 (measured here: 4.80, 1.09, 0.675, 0.524). With paper-mode clipping
 * α = 1 each of BF, LF and IPM ends ≤ 0.65 (measured 0.631, 0.635, 0.592). Skipped without the data.
 */
class PaperAttacksTest {
    @TempDir
    Path dir;

    static double finalLoss(Path dir, String... flags) {
        Path a9a = TestData.require("a9a");
        String[] base = {"--dataset", a9a.toString(), "--fstar", "0.4871001590", "--epochs", "2"};
        return Runs.last(Runs.run(dir, ProtocolTest.with(base, flags)), "loss");
    }

    @ParameterizedTest(name = "{0} at step {1}, clip {2}: loss {3} {4}")
    @CsvSource({
        "na,   0.01, none, <=, 0.56",
        "bf,   0.01, none, >=, 1.0",
        "lf,   0.01, none, >=, 0.75",
        "ipm,  0.1,  none, >=, 0.6",
        "bf,   0.01, 1,    <=, 0.65",
        "lf,   0.01, 1,    <=, 0.65",
        "ipm,  0.1,  1,    <=, 0.65"})
    void attacksHurtAsPublishedAndClippingContainsThem(String attack, String step, String clip, String op, double bound) {
        double loss = finalLoss(dir.resolve("run"), "--attack", attack, "--step", step, "--clip", clip);
        assertTrue(op.equals("<=") ? loss <= bound : loss >= bound, attack + " step " + step + " clip " + clip + ": loss " + loss);
    }

    /**
     * ALIE hides inside the good vectors' spread. On the full split the good vectors differ only by
     * minibatch noise and ALIE hardly moves anything (measured: loss 0.487244 against 0.487201 without
     * an attack at γ = 0.1); on a Dirichlet(0.1) label split the spread is wide and ALIE costs a
     * visible amount (0.6470 against 0.6306).
     */
    @Test
    void alieHurtsOnHeterogeneousDataOnly() {
        double naFull = finalLoss(dir.resolve("na-full"), "--attack", "na", "--step", "0.1", "--clip", "none");
        double alieFull = finalLoss(dir.resolve("alie-full"), "--attack", "alie", "--step", "0.1", "--clip", "none");
        double naDir = finalLoss(dir.resolve("na-dir"), "--attack", "na", "--step", "0.1", "--clip", "none",
                "--split", "dirichlet:0.1");
        double alieDir = finalLoss(dir.resolve("alie-dir"), "--attack", "alie", "--step", "0.1", "--clip", "none",
                "--split", "dirichlet:0.1");
        assertTrue(Math.abs(alieFull - naFull) < 1e-3, "full split: " + alieFull + " vs " + naFull);
        assertTrue(alieDir - naDir > 0.01, "dirichlet:0.1: " + alieDir + " vs " + naDir);
    }
}
