package org.byzmarina.cli;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.byzmarina.experiment.SweepPlan;

/**
 * Property-based fuzzing of JSON configs (jqwik): random and mutated `run --config` files through the
 * real CLI (`--dry-run`: parse, validate, resolve, estimate memory, run nothing) and sweep files
 * through the sweep parser. Each either works (exit 0) or ends with exit 2 and one line naming the
 * problem; an exit code 1 (an escaped exception) is a bug.
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

    @AfterContainer
    static void report() {
        System.out.println("config fuzzing: " + CASES.get() + " cases");
    }

    static final String VALID = "{\"clients\": 8, \"byzantine\": 2, \"sampled\": 4, \"dim\": 6, \"samples-per-client\": 20,"
            + " \"aggregator\": \"cwtm\", \"bucket-size\": 2, \"clip\": 1.0, \"attack\": \"alie\", \"rounds\": 5, \"nnm\": true}";

    @Provide
    Arbitrary<String> configs() {
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.integers().between(0, 8), Arbitraries.strings().withChars("{}[]\":,0123456789.-eatrufnl ").ofMaxLength(5))
                .as((pos, cut, insert) -> VALID.substring(0, pos) + insert + VALID.substring(Math.min(VALID.length(), pos + cut)));
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(RunFlags.all().keySet().toArray(new String[0])),
                Arbitraries.strings().alpha().ofMaxLength(8));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.integers().between(-3, 40).map(String::valueOf),
                Arbitraries.doubles().between(-2, 2).map(String::valueOf), Arbitraries.of("true", "false", "null", "[]", "{}",
                        "\"none\"", "\"cm\"", "\"krum\"", "\"x\"", "1e400", "-0", "\"dirichlet:0.5\"", "\"quadratic\""));
        Arbitrary<String> built = Combinators.combine(key.list().ofMaxSize(6), value.list().ofSize(6)).as((keys, values) -> {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('"').append(keys.get(i)).append("\": ").append(values.get(i));
            }
            return sb.append('}').toString();
        });
        return Arbitraries.oneOf(mutated, built, Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 400)
    void runConfigsWorkOrFailWithOneLineAndExitCode2(@ForAll("configs") String json) throws IOException {
        CASES.incrementAndGet();
        Path file = DIR.resolve("config.json");
        Files.writeString(file, json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Small problems only: the fuzzer must not build the default 20 000-sample data set every try.
        int code = Main.run(new String[] {"run", "--config", file.toString(), "--dry-run", "--quiet", "--dim", "6",
            "--samples-per-client", "20", "--out", DIR.resolve("never").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(code == 0 || code == 2, "exit " + code + " for " + json + ": " + message);
        if (code == 2) {
            assertEquals(1, message.strip().lines().count(), json + " -> " + message);
            assertTrue(message.startsWith("error: "), message);
        }
        assertTrue(!Files.exists(DIR.resolve("never")), "a dry run writes nothing");
    }

    @Provide
    Arbitrary<String> sweeps() {
        String valid = "{\"base\": {\"clients\": 8, \"rounds\": 3}, \"grid\": {\"step\": [0.1, 0.2], \"clip\": [1.0, \"none\"],"
                + " \"variant\": [{\"name\": \"a\", \"method\": \"sgd\"}, {\"method\": \"marina\"}]}, \"seeds\": [1, 2]}";
        return Combinators.combine(Arbitraries.integers().between(0, valid.length()), Arbitraries.integers().between(0, 10),
                Arbitraries.strings().withChars("{}[]\":,0123456789.-abceilmnopstuv ").ofMaxLength(6))
                .as((pos, cut, insert) -> valid.substring(0, pos) + insert + valid.substring(Math.min(valid.length(), pos + cut)));
    }

    @Property(tries = 600)
    void sweepFilesExpandOrFailWithAMessage(@ForAll("sweeps") String json) {
        CASES.incrementAndGet();
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            return; // not JSON: the CLI reports it through RunFlags.readJson (covered above)
        }
        try {
            SweepPlan plan = SweepPlan.parse(node, "grid.json", null);
            List<SweepPlan.Point> points = plan.points();
            assertTrue(!points.isEmpty());
            for (SweepPlan.Point p : points) {
                SweepCommand.specFrom(p.settings(), "grid.json", DIR.resolve(p.id())).validate();
            }
        } catch (IllegalArgumentException | UserError | com.beust.jcommander.ParameterException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
