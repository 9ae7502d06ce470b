package org.byzmarina.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --best-over keeps the lowest final mean of a loss, and the highest of test_accuracy. */
class CurvesTest {
    @TempDir
    Path dir;

    private void run(String id, double loss, double accuracy) throws Exception {
        Files.createDirectories(dir.resolve(id));
        Files.writeString(dir.resolve(id).resolve("metrics.csv"), "round,epoch,client_epochs,loss,test_accuracy\n"
                + "0,0,0,2.3,0.1\n10,1,0.2," + loss + "," + accuracy + "\n");
    }

    @Test
    void bestOverKeepsTheLowestLossAndTheHighestAccuracy() throws Exception {
        Files.writeString(dir.resolve("index.csv"), "step,seed,id,final_loss\n0.1,1,a,0.5\n0.01,1,b,0.4\n");
        run("a", 0.5, 0.9);  // step 0.1: higher loss, higher accuracy
        run("b", 0.4, 0.8);
        List<Curves.Curve> loss = Curves.compute(dir, "round", "loss", List.of(), "step");
        assertEquals(1, loss.size());
        assertTrue(loss.get(0).label().contains("best step = 0.01"), loss.get(0).label());
        List<Curves.Curve> accuracy = Curves.compute(dir, "round", "test_accuracy", List.of(), "step");
        assertTrue(accuracy.get(0).label().contains("best step = 0.1"), accuracy.get(0).label());
        assertEquals(0.9, accuracy.get(0).finalMean(), 1e-12);
    }
}
