package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.byzmarina.data.TestData;
import org.byzmarina.experiment.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `theory` command, --step theory and --clip theory, and the participation flags' user errors. */
class TheoryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode theoryJson(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("theory", "--json"));
        args.addAll(List.of(flags));
        MainTest.Result r = MainTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void jsonHasEveryKeyAndTextHasEveryLine() throws Exception {
        JsonNode t = theoryJson("--quiet");
        for (String key : new String[] {"delta", "p_g", "P_g_sampled", "byzantines_in_sample", "omega", "L", "L_max_client",
            "L_max_sample", "A", "step", "clip_alpha", "p", "thm42"}) {
            assertTrue(t.has(key), key + " in " + t);
        }
        assertEquals(5, t.get("byzantines_in_sample").size());
        assertEquals(0.7513, t.get("p_g").asDouble(), 5e-5);
        MainTest.Result text = MainTest.run("theory", "--quiet");
        assertEquals(0, text.code(), text.err());
        for (String line : new String[] {"p_G", "P_{G_C^k}", "omega", "max_i L_i", "max_ij L_ij", "step gamma", "clip alpha",
            "Thm 4.2", "recommended p"}) {
            assertTrue(text.out().contains(line), line + " in " + text.out());
        }
    }

    /** --lipschitz-scale multiplies every L (so α scales with it); RandK's ω and D_Q reach the output. */
    @Test
    void scaleAndCompressorReachTheConstants() throws Exception {
        JsonNode one = theoryJson("--quiet", "--dataset", "quadratic", "--compressor", "randk", "--dim", "100", "--k", "10");
        JsonNode four = theoryJson("--quiet", "--dataset", "quadratic", "--compressor", "randk", "--dim", "100", "--k", "10",
                "--lipschitz-scale", "4");
        assertEquals(1, one.get("L").asDouble());
        assertEquals(4, four.get("L").asDouble());
        assertEquals(9, one.get("omega").asDouble(), 1e-12);
        assertEquals(10, one.get("D_Q").asDouble(), 1e-12);
        assertEquals(4 * one.get("clip_alpha").asDouble(), four.get("clip_alpha").asDouble(), 1e-12);
        assertEquals(one.get("A").asDouble(), four.get("A").asDouble(), 0);
    }

    /**
     * The paper's a9a setting without attack under the theory's step and clip level: finite, the gap
     * never grows by more than 1 % from one row to the next, and the step run.json records is the one
     * `theory` prints.
     */
    @Test
    void aTheoryRunOnA9aDescendsWithTheStepTheoryPrints() throws Exception {
        String a9a = TestData.require("a9a").toString();
        String[] flags = {"--dataset", a9a, "--fstar", "0.4871001590", "--clients", "20", "--byzantine", "5", "--sampled", "4",
            "--batch", "32", "--attack", "na", "--aggregator", "cm", "--step", "theory", "--clip", "theory", "--epochs", "1",
            "--eval-every", "100"};
        JsonNode t = theoryJson(flags);
        Path run = Runs.run(dir.resolve("run"), flags);
        JsonNode json = JSON.readTree(Files.readString(run.resolve("run.json")));
        assertEquals(t.get("step").asDouble(), json.get("config").get("step").asDouble(), 0);
        assertEquals(t.get("step").asDouble(), json.get("theory").get("step").asDouble(), 0);
        assertEquals(t.get("clip_alpha").asDouble(), json.get("config").get("clip").asDouble(), 0);
        assertEquals("done", json.get("status").asText());
        int gap = Runs.column("gap");
        double previous = Double.NaN;
        for (String[] row : Runs.rows(run)) {
            double g = Double.parseDouble(row[gap]);
            assertTrue(Double.isFinite(g) && g > 0, "finite gap " + g);
            if (!Double.isNaN(previous)) {
                assertTrue(g <= 1.01 * previous, "gap " + previous + " -> " + g + " in row " + row[0]);
            }
            previous = g;
        }
    }

    @Test
    void theoryValuesAreRefusedWhereTheyMeanNothing() {
        MainTest.assertUserError(MainTest.run("run", "--out", dir.resolve("a").toString(), "--method", "sgd", "--step", "theory"),
                "--step theory follows Thms 4.1/4.2");
        MainTest.assertUserError(MainTest.run("run", "--out", dir.resolve("b").toString(), "--clip", "theory", "--clip-mode",
                "code"), "--clip-mode code");
        MainTest.assertUserError(MainTest.run("run", "--out", dir.resolve("c").toString(), "--method", "marina", "--clip",
                "theory"), "--method marina never clips");
        MainTest.assertUserError(MainTest.run("run", "--out", dir.resolve("d").toString(), "--step", "fast"),
                "--step expects a positive number or theory, got 'fast'");
        MainTest.assertUserError(MainTest.run("theory", "--lipschitz-scale", "0"), "--lipschitz-scale");
        for (String out : new String[] {"a", "b", "c", "d"}) {
            assertFalse(Files.exists(dir.resolve(out)), "no output folder for a refused run");
        }
    }

    @Test
    void participationErrorsNameTheValueAndWriteNothing() throws Exception {
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "round,client\n0,1\n1,x\n");
        Path weights = dir.resolve("weights.csv");
        Files.writeString(weights, "0,1\n0,2\n");
        Path out = dir.resolve("out");
        String o = out.toString();
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--availability", "bernoulli:2"), "bernoulli:2");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--availability", "markov:0.1"), "markov:0.1");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--availability", "trace:" + trace), trace + ":3: 'x' is not an integer");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--availability", "trace:" + dir.resolve("none.csv")), "no such file");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--sampling", "weighted:" + weights), weights + ":2: client 0 is listed twice");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--sampling", "sometimes"), "--sampling expects uniform or weighted:FILE");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--availability", "bernoulli:0.5", "--aggregator", "krum",
                "--bucket-size", "1", "--sampled", "8"), "a round may have as few as 1 client");
        MainTest.assertUserError(MainTest.run("run", "--out", o, "--byzantine-availability", "never"), "--byzantine-availability");
        assertFalse(Files.exists(out), "no output folder for a refused run");
    }
}
