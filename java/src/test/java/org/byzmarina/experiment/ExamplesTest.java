package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.byzmarina.io.JsonFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sweep file in examples/ still parses, and every run it describes resolves (flag names and JSON keys kept). */
class ExamplesTest {
    static List<Path> examples() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyRunOfTheExampleResolves(Path file) {
        ObjectNode json = (ObjectNode) JsonFiles.read(file);
        // Neural-network sweeps (a "model" key) need the nn module's jar: its NetExamplesTest checks them.
        org.junit.jupiter.api.Assumptions.assumeFalse(json.path("base").has("model"), file + " needs the nn module");
        ((ObjectNode) json.get("base")).put("dataset", "synthetic"); // the data sets are the user's; the settings are checked
        SweepPlan plan = SweepPlan.parse(json, file.toString(), null);
        long count = 0;
        for (SweepPlan.Point p : plan.points()) {
            ObjectNode settings = p.settings();
            settings.remove("fstar");
            RunConfig c = org.byzmarina.cli.CliAccess.specFrom(settings, file.toString(), Path.of("out"));
            assertFalse(c.values().asMap().isEmpty());
            count++;
        }
        assertTrue(count > 0, file + " has no runs");
    }
}
