package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.byzmarina.experiment.RunConfig;
import org.byzmarina.experiment.SweepPlan;
import org.byzmarina.io.JsonFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Fig. 2 sweep files parse, and every run they describe resolves to the CNN on MNIST under the authors' protocol. */
class NetExamplesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"fig2-mnist.json, 810", "fig2-mnist-small.json, 4"})
    void everyRunResolves(String name, int runs) {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("examples").resolve("paper").resolve(name);
        ObjectNode json = (ObjectNode) JsonFiles.read(file);
        SweepPlan plan = SweepPlan.parse(json, file.toString(), null);
        int count = 0;
        for (SweepPlan.Point p : plan.points()) {
            RunConfig c = org.byzmarina.cli.CliAccess.specFrom(p.settings(), file.toString(), Path.of("out"));
            assertEquals("mnist", c.problem().component().name());
            assertEquals("cnn", c.values().get(Nets.MODEL));
            assertEquals(128, c.protocol().batch());
            // The authors' protocol: every epoch starts with an unclipped round of all 20; every momentum steps every round.
            org.junit.jupiter.api.Assertions.assertTrue(c.protocol().coinEpoch() && c.protocol().momentumEveryRound());
            count++;
        }
        assertEquals(runs, count);
    }
}
