package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.byzmarina.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MNIST learning checks: BR-SGDm without attack or clipping (n = 20 clients, 5 of them removed
 * by the na attack, C = 4, b = 128, γ = 0.01) learns MNIST with the MLP in 100 rounds and with the
 * authors' CNN in 40. Needs the MNIST folder (skipped with a message where it is absent).
 */
class NetLearningTest {
    @TempDir
    Path tmp;

    static String[] args(Path mnist, String model, int rounds) {
        return new String[] {"--dataset", mnist.toString(), "--model", model, "--method", "sgdm", "--attack", "na", "--clients", "20",
                "--byzantine", "5", "--sampled", "4", "--batch", "128", "--step", "0.01", "--clip", "none", "--rounds",
                Integer.toString(rounds)};
    }

    @Test
    void theMlpLearnsMnistIn100Rounds() throws Exception {
        List<String[]> rows = NetRuns.run(tmp.resolve("mlp"), args(TestData.mnist(), "mlp", 100));
        assertEquals(3, rows.size() - 1, "rows at 0, 71 (the default spacing keeps evaluation under a fifth) and 100");
        double accuracy = Double.parseDouble(NetRuns.last(rows, "test_accuracy"));
        assertTrue(accuracy > 0.85, "MLP test accuracy after 100 rounds: " + accuracy);
        assertEquals("100", NetRuns.last(rows, "round"));
        // No f* and no exact gradient: gap, grad_norm_sq and estimator_error stay empty.
        assertEquals("", NetRuns.last(rows, "gap"));
        assertEquals("", NetRuns.last(rows, "grad_norm_sq"));
        assertEquals("", NetRuns.last(rows, "estimator_error"));
        assertTrue(Double.parseDouble(NetRuns.last(rows, "loss")) < 0.6, "training-subsample loss " + NetRuns.last(rows, "loss"));
    }

    /**
     * The CNN reaches 80 % within 40 rounds (rows every 10 rounds). BR-SGDm's momenta are updated only
     * when their client is sampled (C = 4 of 15), so a long-unsampled client's stale momentum can
     * set the accuracy back for a few rounds (seed 0, measured on 2026-12-02: 85.8 % at round 28,
     * 87.0 % at 36, 80.5 % at 40): the check is on the best row, with the last row still far above chance.
     */
    @Test
    void theCnnLearnsMnistIn40Rounds() throws Exception {
        List<String[]> rows = NetRuns.run(tmp.resolve("cnn"), ThreadsTest.concat(args(TestData.mnist(), "cnn", 40), "--eval-every",
                "10"));
        int c = List.of(rows.get(0)).indexOf("test_accuracy");
        double best = rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r[c])).max().orElseThrow();
        assertTrue(best > 0.80, "CNN test accuracy within 40 rounds: best " + best);
        double last = Double.parseDouble(NetRuns.last(rows, "test_accuracy"));
        assertTrue(last > 0.6, "CNN test accuracy after 40 rounds: " + last);
    }
}
