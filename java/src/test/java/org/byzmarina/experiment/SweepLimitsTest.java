package org.byzmarina.experiment;

import static org.byzmarina.experiment.SweepTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.byzmarina.plot.Curves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: grid sizes counted exactly and limited before expansion, lazy expansion, --set on a grid
 * key, and index.csv round trips (CSV quoting, runs with an empty metrics.csv).
 */
class SweepLimitsTest {
    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    /** A sweep file whose grid has the given list sizes (values 0..size-1 under keys k0, k1, ...). */
    static ObjectNode gridOf(int... sizes) {
        ObjectNode file = JSON.createObjectNode();
        file.putObject("base").put("rounds", 1);
        ObjectNode grid = file.putObject("grid");
        for (int k = 0; k < sizes.length; k++) {
            ArrayNode values = grid.putArray("k" + k);
            for (int v = 0; v < sizes[k]; v++) {
                values.add(v);
            }
        }
        return file;
    }

    @Test
    void aGridOf10To18RunsIsRefusedWithItsExactSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.parse(gridOf(1000, 1000, 1000, 1000, 1000, 1000), "g.json", null));
        assertEquals("g.json: the sweep has 1000000000000000000 runs (1000 x 1000 x 1000 x 1000 x 1000 x 1000 x 1 seed), more than"
                + " the limit of 100000; split it into several sweeps or raise the limit with --max-runs", e.getMessage());
    }

    @Test
    void theLimitIsConfigurableAndLargeAllowedGridsExpandLazily() {
        SweepPlan plan = SweepPlan.parse(gridOf(1000, 100), "g.json", null);
        List<SweepPlan.Point> points = plan.points();
        assertEquals(100_000, points.size());
        assertFalse(points instanceof java.util.ArrayList, "a view, not a materialised list");
        SweepPlan.Point last = points.get(99_999);
        assertEquals("k0-999_k1-99_seed-0", last.id());
        assertEquals(999, last.settings().get("k0").asInt());
        assertEquals(List.of("k1-98_", "k1-99_"), List.of(points.get(99_998).id().substring(7, 13), last.id().substring(7, 13)));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parse(gridOf(1000, 101), "g.json", null));
        assertEquals(101_000, SweepPlan.parse(gridOf(1000, 101), "g.json", null, 200_000).points().size());
        List<SweepPlan.Point> shard = plan.shard(3, 7);
        assertEquals(14_286, shard.size());
        assertEquals(points.get(2 + 7 * 14_285).id(), shard.get(14_285).id());
    }

    @Test
    void theCommandRefusesHugeGridsAndSeedListsBeforeMakingAnything() throws Exception {
        Path g = dir.resolve("g.json");
        Files.writeString(g, JSON.writeValueAsString(gridOf(1000, 1000)));
        Path out = dir.resolve("out");
        SweepTest.Result r = cli("sweep", "--config", g.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("the sweep has 1000000 runs (1000 x 1000 x 1 seed), more than the limit of 100000"), r.err());
        Files.writeString(g, JSON.writeValueAsString(gridOf(2)));
        r = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--seeds", "0-999999");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seeds 0-999999 lists 1000000 seeds, more than the limit of 100000 runs"), r.err());
        r = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--seeds", "-9223372036854775808-9223372036854775807");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lists 18446744073709551616 seeds"), r.err());
        assertFalse(Files.exists(out), "nothing made");
    }

    @Test
    void setOnAGridKeyIsRefusedBeforeTheFolderExists() throws Exception {
        Path g = dir.resolve("g.json");
        Files.writeString(g, "{\"base\": {\"rounds\": 1}, \"grid\": {\"step\": [0.1, 0.2], \"variant\": [{\"name\": \"a\", \"method\": \"sgd\"}]}}");
        Path out = dir.resolve("out");
        for (String set : new String[] {"step=abc", "step=0.5", "method=marina"}) {
            SweepTest.Result r = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--set", set);
            assertEquals(2, r.code(), set + ": " + r.err());
            String key = set.substring(0, set.indexOf('='));
            assertTrue(r.err().contains("error: --set " + set + ": '" + key + "' is set by the grid of " + g), r.err());
        }
        SweepTest.Result bad = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--set", "batch=abc");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("key 'batch' must be an integer"), bad.err());
        SweepTest.Result big = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--set", "batch=18446744073709551616");
        assertTrue(big.err().contains("got 18446744073709551616"), big.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void seedsInTheFileAreExact() {
        ObjectNode file = gridOf(1);
        file.putArray("seeds").add(new java.math.BigInteger("18446744073709551616"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepPlan.parse(file, "g.json", null));
        assertTrue(e.getMessage().contains("seeds must be integers in [-9223372036854775808, 9223372036854775807], got 18446744073709551616"),
                e.getMessage());
    }

    /** Bundle names with quotes, commas, line breaks and unicode: sweep writes them, plot and sweep --index read them back. */
    @Test
    void indexCsvRoundTripsAnyBundleName() throws Exception {
        String[] names = {"a \"quoted\", name", "line\nbreak", "unicode é 中 🙂", "comma,only", " padded "};
        ObjectNode file = JSON.createObjectNode();
        file.putObject("base").put("clients", 6).put("byzantine", 1).put("sampled", 4).put("dim", 4)
                .put("samples-per-client", 10).put("rounds", 3).put("eval-every", 1);
        ArrayNode variants = file.putObject("grid").putArray("variant");
        for (String n : names) {
            variants.addObject().put("name", n).put("method", "sgd");
        }
        Path g = dir.resolve("g.json");
        Files.writeString(g, JSON.writeValueAsString(file));
        Path out = dir.resolve("sweep");
        SweepTest.Result r = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> written = Files.readAllLines(out.resolve("index.csv"));
        List<Map<String, String>> rows = readIndex(out);
        assertEquals(names.length, rows.size());
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], rows.get(i).get("variant"));
            assertEquals("done", rows.get(i).get("status"));
        }
        assertEquals(0, cli("sweep", "--index", out.toString()).code());
        assertEquals(written, Files.readAllLines(out.resolve("index.csv")), "sweep --index rebuilds the same file");
        SweepTest.Result plot = cli("plot", out.toString(), "--y", "loss", "--x", "round", "--out", out.resolve("fig.svg").toString());
        assertEquals(0, plot.code(), plot.err());
        assertTrue(plot.out().contains("(5 lines)"), plot.out());
    }

    @Test
    void aRunWithAnEmptyMetricsCsvIsNotDoneAndPlotSaysWhy() throws Exception {
        Path g = dir.resolve("g.json");
        Files.writeString(g, "{\"base\": {\"clients\": 6, \"byzantine\": 1, \"sampled\": 4, \"dim\": 4, \"samples-per-client\": 10,"
                + " \"rounds\": 3}, \"grid\": {\"step\": [0.1, 0.2]}}");
        Path out = dir.resolve("sweep");
        assertEquals(0, cli("sweep", "--config", g.toString(), "--out", out.toString(), "--quiet").code());
        Path damaged = out.resolve("step-0.1_seed-0");
        List<String> oldIndex = Files.readAllLines(out.resolve("index.csv"));
        Files.writeString(damaged.resolve("metrics.csv"), "");
        SweepTest.Result plot = cli("plot", out.toString(), "--y", "loss", "--out", out.resolve("fig.png").toString());
        assertEquals(2, plot.code(), plot.err());
        assertTrue(plot.err().contains("error: " + damaged.resolve("metrics.csv") + ": empty (no header, no rows)"), plot.err());
        SweepTest.Result index = cli("sweep", "--index", out.toString());
        assertEquals(0, index.code(), index.err());
        assertTrue(index.out().contains("(1 runs)"), index.out());
        List<Map<String, String>> rows = readIndex(out);
        assertEquals(1, rows.size());
        assertEquals("step-0.2_seed-0", rows.get(0).get("id"));
        assertEquals(3, oldIndex.size());
        assertEquals(0, cli("plot", out.toString(), "--y", "loss", "--out", out.resolve("fig.png").toString()).code());
        SweepTest.Result resume = cli("sweep", "--config", g.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("step-0.1_seed-0: its folder exists but is incomplete"), resume.err());
    }

    static List<Map<String, String>> readIndex(Path sweep) throws Exception {
        return Curves.readIndex(sweep);
    }
}
