package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.byzmarina.cli.Main;
import org.byzmarina.io.JsonFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's suggested experiments (examples/seed/, docs/experiments.md) run end to end in a
 * shortened form: every grid point once (seed 0), 40 rounds of a small synthetic problem in place of
 * a9a, then one plot. The settings that make each experiment (methods, attacks, clipping,
 * compressors, theory parameters, availability) are kept as the files give them.
 */
class SeedExamplesTest {
    @TempDir
    Path dir;

    static List<Path> examples() throws Exception {
        Path seed = Path.of(System.getProperty("user.dir")).getParent().resolve("examples").resolve("seed");
        try (Stream<Path> s = Files.list(seed)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    /** A run's settings made small: synthetic data in place of any file, 40 rounds. */
    private static void shorten(ObjectNode settings) {
        JsonNode dataset = settings.get("dataset");
        if (dataset != null && !dataset.asText().equals("synthetic") && !dataset.asText().equals("quadratic")) {
            settings.put("dataset", "synthetic");
            settings.remove("split");
            settings.remove("fstar");
        }
        if (settings.has("epochs") || settings.has("rounds")) {
            settings.remove("epochs");
            settings.put("rounds", 40);
            settings.put("eval-every", 10);
            settings.put("dim", 40);
            settings.put("samples-per-client", 100);
        }
    }

    private static int cli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return code;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExperimentRunsAndPlots(Path file) throws Exception {
        ObjectNode json = (ObjectNode) JsonFiles.read(file);
        ObjectNode base = (ObjectNode) json.get("base");
        shorten(base);
        for (Iterator<JsonNode> keys = json.get("grid").elements(); keys.hasNext(); ) {
            for (JsonNode v : keys.next()) {
                if (v.isObject()) {
                    shorten((ObjectNode) v);
                }
            }
        }
        Path config = dir.resolve("sweep.json");
        new ObjectMapper().writeValue(config.toFile(), json);
        Path out = dir.resolve("out");
        cli("sweep", "--config", config.toString(), "--out", out.toString(), "--seeds", "0", "--quiet");
        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        assertTrue(index.size() > 1, "runs in " + index);
        int status = List.of(index.get(0).split(",")).indexOf("status");
        for (String line : index.subList(1, index.size())) {
            String[] cells = line.split(",");
            assertEquals("done", cells[status], line);
        }
        Path png = dir.resolve("plot.png");
        cli("plot", out.toString(), "--y", "loss", "--out", png.toString());
        assertTrue(Files.size(png) > 1000);
    }
}
