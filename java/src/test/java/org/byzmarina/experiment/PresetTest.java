package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.byzmarina.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --preset authors-code and the switches it sets: explicit settings win, run.json lists what it set. */
class PresetTest {
    @TempDir
    Path dir;

    static final String[] SMALL = ProtocolTest.with(ProtocolTest.SMALL, "--attack", "ipm");

    JsonNode json(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    @Test
    void thePresetSetsTheSettingsOfTheAuthorsScripts() throws IOException {
        JsonNode j = json(Runs.run(dir.resolve("p"), ProtocolTest.with(SMALL, "--preset", "authors-code")));
        assertEquals("code", j.at("/config/clip-mode").asText());
        assertEquals("epoch", j.at("/config/coin").asText());
        assertTrue(j.at("/config/omniscient").asBoolean());
        assertTrue(j.at("/config/shared-minibatches").asBoolean());
        assertEquals("authors-code", j.at("/preset/name").asText());
        assertEquals("{\"clip-mode\":\"code\",\"coin\":\"epoch\",\"omniscient\":true,\"shared-minibatches\":true}",
                j.at("/preset/set").toString());
    }

    @Test
    void explicitFlagsWinOverThePreset() throws IOException {
        JsonNode j = json(Runs.run(dir.resolve("p"), ProtocolTest.with(SMALL, "--preset", "authors-code", "--coin", "random",
                "--no-omniscient")));
        assertEquals("random", j.at("/config/coin").asText());
        assertTrue(!j.at("/config/omniscient").asBoolean());
        assertEquals("{\"clip-mode\":\"code\",\"shared-minibatches\":true}", j.at("/preset/set").toString());
    }

    @Test
    void aConfigFileFalseWinsOverThePreset() throws IOException {
        Path config = dir.resolve("c.json");
        Files.writeString(config, "{\"preset\": \"authors-code\", \"shared-minibatches\": false, \"clip-mode\": \"paper\"}");
        JsonNode j = json(Runs.run(dir.resolve("p"), ProtocolTest.with(SMALL, "--config", config.toString())));
        assertTrue(!j.at("/config/shared-minibatches").asBoolean());
        assertEquals("paper", j.at("/config/clip-mode").asText());
        assertEquals("{\"coin\":\"epoch\",\"omniscient\":true}", j.at("/preset/set").toString());
    }

    /** Under BR-SGDm the preset also steps every good client's momentum every round; run.json lists it. */
    @Test
    void underBrSgdmThePresetStepsEveryMomentum() throws IOException {
        JsonNode j = json(Runs.run(dir.resolve("p"), ProtocolTest.with(SMALL, "--preset", "authors-code", "--method", "sgdm")));
        assertTrue(j.at("/config/momentum-every-round").asBoolean());
        assertTrue(j.at("/preset/set/momentum-every-round").asBoolean());
    }

    /** The preset is the sum of its switches: the same run as giving them by hand. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"marina-pp", "sgdm"})
    void thePresetEqualsItsSwitches(String method) {
        String[] flags = ProtocolTest.with(SMALL, "--method", method);
        Path preset = Runs.run(dir.resolve("a"), ProtocolTest.with(flags, "--preset", "authors-code"));
        Path byHand = Runs.run(dir.resolve("b"), ProtocolTest.with(flags, "--clip-mode", "code", "--coin", "epoch",
                "--omniscient", "--shared-minibatches", "--momentum-every-round"));
        assertEquals(Runs.withoutWallTime(preset), Runs.withoutWallTime(byHand));
    }

    /** Shared minibatches change the trajectory (every client uses the same indices) and agree across backends. */
    @Test
    void sharedMinibatchesAreLiveAndBackendIndependent() {
        Path shared = Runs.run(dir.resolve("s"), ProtocolTest.with(SMALL, "--shared-minibatches", "--backend", "native"));
        Path sharedJava = Runs.run(dir.resolve("sj"), ProtocolTest.with(SMALL, "--shared-minibatches", "--backend", "java"));
        Path own = Runs.run(dir.resolve("o"), SMALL);
        assertEquals(Runs.withoutWallTime(shared), Runs.withoutWallTime(sharedJava));
        assertTrue(!Runs.withoutWallTime(shared).equals(Runs.withoutWallTime(own)));
    }

    static String[] fail(Path out, String... flags) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = ProtocolTest.with(new String[] {"run", "--quiet", "--out", out.toString()}, flags);
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void mistakesAreRefusedWithOneLine() {
        String[][] cases = {
            {"needs --split full", "--dataset", "quadratic", "--shared-minibatches", "--split", "iid"},
            {"--preset expects one of none, authors-code, got 'paper'", "--preset", "paper"},
            {"--omniscient and --no-omniscient contradict", "--omniscient", "--no-omniscient"},
            {"--method marina never clips", "--method", "marina", "--clip", "1"},
            {"--attack-space expects full or difference", "--attack-space", "sideways"},
            {"--nu expects a positive number or rel:R", "--nu", "rel:x"},
            {"--assumed-byzantine must be a count in [0, n)", "--assumed-byzantine", "2.5"},
        };
        for (String[] c : cases) {
            String[] flags = java.util.Arrays.copyOfRange(c, 1, c.length);
            String[] r = fail(dir.resolve("x"), flags);
            assertEquals("2", r[0], String.join(" ", flags) + ": " + r[1]);
            assertTrue(r[1].contains(c[0]), r[1]);
            assertTrue(!Files.exists(dir.resolve("x")));
        }
    }

    /** --method marina with --clip none (or no --clip) is fine and records clip none. */
    @Test
    void marinaWithoutAnExplicitClipRuns() throws IOException {
        JsonNode j = json(Runs.run(dir.resolve("m"), ProtocolTest.with(SMALL, "--method", "marina")));
        assertEquals("none", j.at("/config/clip").asText());
    }
}
