package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.byzmarina.experiment.SweepPlan;
import org.byzmarina.fuzz.FuzzInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing of JSON configs (Jazzer, seeded by {@link FuzzInputs} generators and the stored inputs under
 * {@code ConfigFuzzTestInputs/}): `run --config` files through the real CLI (`--dry-run`: parse,
 * validate, resolve, estimate memory, run nothing) and sweep files through the sweep parser. Each
 * either works (exit 0) or ends with exit 2 and one line naming the problem; an exit code 1 (an
 * escaped exception) is a bug.
 */
class ConfigFuzzTest {
    static final AtomicInteger CASES = new AtomicInteger();
    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("byzmarina-config-fuzz");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("config fuzzing: " + CASES.get() + " cases");
    }

    static final String VALID = "{\"clients\": 8, \"byzantine\": 2, \"sampled\": 4, \"dim\": 6, \"samples-per-client\": 20,"
            + " \"aggregator\": \"cwtm\", \"bucket-size\": 2, \"clip\": 1.0, \"attack\": \"alie\", \"rounds\": 5, \"nnm\": true}";

    static final String[] VALUES = {"true", "false", "null", "[]", "{}", "\"none\"", "\"cm\"", "\"krum\"", "\"x\"", "1e400", "-0",
        "\"dirichlet:0.5\"", "\"quadratic\""};

    static Stream<byte[]> configs() {
        String[] flags = RunFlags.all().keySet().toArray(new String[0]);
        return FuzzInputs.generate("run-config", 400, r -> {
            switch (r.nextInt(3)) {
                case 0:
                    return FuzzInputs.utf8(replace(r, VALID, 8, "{}[]\":,0123456789.-eatrufnl ", 5));
                case 1:
                    StringBuilder sb = new StringBuilder("{");
                    int keys = r.nextInt(7);
                    for (int i = 0; i < keys; i++) {
                        String key = r.nextBoolean() ? FuzzInputs.oneOf(r, flags)
                                : FuzzInputs.string(r, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 8);
                        sb.append(i == 0 ? "" : ", ").append('"').append(key).append("\": ").append(value(r));
                    }
                    return FuzzInputs.utf8(sb.append('}').toString());
                default:
                    return FuzzInputs.utf8(FuzzInputs.anyString(r, 40));
            }
        });
    }

    static String value(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0: return String.valueOf(FuzzInputs.between(r, -3, 40));
            case 1: return String.valueOf(-2 + 4 * r.nextDouble());
            case 2: return FuzzInputs.oneOf(r, FuzzInputs.EDGE_NUMBERS);
            default: return FuzzInputs.oneOf(r, VALUES);
        }
    }

    /** Integer settings the dry run prints as given (the others are overridden above or resolved). */
    static final List<String> EXACT_KEYS = List.of("clients", "byzantine", "sampled", "seed", "batch", "bucket-size", "iterations",
        "rounds", "eval-every");
    static final ObjectMapper EXACT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** An accepted integer setting is used as written: never wrapped (2^64 + 20 is not 20) nor rounded. */
    static void assertNotWrapped(byte[] input, String dryRun) {
        JsonNode given;
        JsonNode resolved;
        try {
            given = EXACT.readTree(input);
            resolved = new ObjectMapper().readTree(dryRun).path("config");
        } catch (IOException e) {
            return; // not one JSON object (it was refused, or the output is not JSON): nothing to compare
        }
        if (given == null || !given.isObject()) {
            return;
        }
        for (String key : EXACT_KEYS) {
            JsonNode g = given.get(key);
            JsonNode v = resolved.get(key);
            if (g != null && g.isNumber() && v != null && v.isNumber()) {
                assertEquals(0, g.decimalValue().compareTo(v.decimalValue()), key + ": given " + g + ", used " + v);
            }
        }
    }

    /** {@code text} with up to {@code maxCut} characters at a random position replaced by up to {@code maxInsert} new ones. */
    static String replace(SplittableRandom r, String text, int maxCut, String chars, int maxInsert) {
        int pos = r.nextInt(text.length() + 1);
        int end = Math.min(text.length(), pos + r.nextInt(maxCut + 1));
        return text.substring(0, pos) + FuzzInputs.string(r, chars, maxInsert) + text.substring(end);
    }

    @MethodSource("configs")
    @FuzzTest(maxDuration = "5m")
    void runConfigsWorkOrFailWithOneLineAndExitCode2(byte[] bytes) throws IOException {
        CASES.incrementAndGet();
        Path file = DIR.resolve("config.json");
        Files.write(file, bytes);
        String json = new String(bytes, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Small problems only: the fuzzer must not build the default 20 000-sample data set every case.
        int code = Main.run(new String[] {"run", "--config", file.toString(), "--dry-run", "--quiet", "--dim", "6",
            "--samples-per-client", "20", "--out", DIR.resolve("never").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(code == 0 || code == 2, "exit " + code + " for " + json + ": " + message);
        if (code == 2) {
            assertEquals(1, message.strip().lines().count(), json + " -> " + message);
            assertTrue(message.startsWith("error: "), message);
            // Every flag above is given once: a file's setting of the same flag yields to it.
            assertTrue(!message.contains("given twice"), json + " -> " + message);
        }
        assertTrue(!Files.exists(DIR.resolve("never")), "a dry run writes nothing");
        if (code == 0) {
            assertNotWrapped(bytes, out.toString(StandardCharsets.UTF_8));
        }
    }

    static final String SWEEP = "{\"base\": {\"clients\": 8, \"rounds\": 3}, \"grid\": {\"step\": [0.1, 0.2], \"clip\": [1.0, \"none\"],"
            + " \"variant\": [{\"name\": \"a\", \"method\": \"sgd\"}, {\"method\": \"marina\"}]}, \"seeds\": [1, 2]}";

    static Stream<byte[]> sweeps() {
        return FuzzInputs.generate("sweep-config", 600, r -> FuzzInputs.utf8(r.nextInt(4) == 0
                ? SWEEP.replace(FuzzInputs.oneOf(r, "8", "3", "0.1", "1.0", "1, 2", "2]"), FuzzInputs.oneOf(r, FuzzInputs.EDGE_NUMBERS)
                        + (r.nextBoolean() ? "" : ", " + FuzzInputs.oneOf(r, FuzzInputs.EDGE_NUMBERS)))
                : replace(r, SWEEP, 10, "{}[]\":,0123456789.-abceilmnopstuv ", 6)));
    }

    @MethodSource("sweeps")
    @FuzzTest(maxDuration = "5m")
    void sweepFilesExpandOrFailWithAMessage(byte[] bytes) {
        CASES.incrementAndGet();
        Path file = DIR.resolve("grid.json");
        JsonNode node;
        try {
            Files.write(file, bytes);
            node = org.byzmarina.io.JsonFiles.read(file);
        } catch (IOException | org.byzmarina.io.InputException e) {
            return; // not JSON: reported with the file and line (covered by the run configs above)
        }
        try {
            SweepPlan plan = SweepPlan.parse(node, "grid.json", null);
            List<SweepPlan.Point> points = plan.points();
            assertTrue(!points.isEmpty());
            JsonNode seeds = node.get("seeds");
            if (seeds != null) { // seeds are used as written, never wrapped
                for (int i = 0; i < seeds.size(); i++) {
                    assertEquals(seeds.get(i).bigIntegerValue(), java.math.BigInteger.valueOf(plan.seeds().get(i)), "seed " + seeds.get(i));
                }
            }
            for (SweepPlan.Point p : points) {
                SweepCommand.specFrom(p.settings(), "grid.json", DIR.resolve(p.id()));
            }
        } catch (IllegalArgumentException | UserError | com.beust.jcommander.ParameterException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
