package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.byzmarina.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps: expansion, ids, index, parallel = serial, resumption, shards, plots, and user errors. */
public class SweepTest {
    @TempDir
    Path dir;

    /** 2 aggregators × 2 clip settings × 2 seeds = 8 small synthetic runs. */
    static final String GRID = "{\"base\": {\"clients\": 10, \"byzantine\": 2, \"sampled\": 6, \"dim\": 12, "
            + "\"samples-per-client\": 40, \"batch\": 8, \"rounds\": 40, \"eval-every\": 10, \"step\": 0.5, \"p\": 0.1}, "
            + "\"grid\": {\"aggregator\": [\"cm\", \"rfa\"], \"clip\": [1.0, \"none\"]}, \"seeds\": [3, 4]}";

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path grid(String json) throws Exception {
        Path f = dir.resolve("grid-" + json.hashCode() + ".json");
        Files.writeString(f, json);
        return f;
    }

    static List<String> indexWithoutWallTime(Path sweep) throws Exception {
        return withoutWallTime(sweep.resolve("index.csv"));
    }

    /** An index.csv without its wall_s column (the only column that may differ between equal sweeps). */
    public static List<String> withoutWallTime(Path index) throws Exception {
        List<String> lines = Files.readAllLines(index);
        List<String> header = List.of(lines.get(0).split(","));
        int wall = header.indexOf("wall_s");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(wall);
            out.add(String.join(",", cells));
        }
        return out;
    }

    /** "exclude" leaves out grid combinations (e.g. the rule × participation pairs a rule refuses). */
    @Test
    void excludedCombinationsAreLeftOut() throws Exception {
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"grid\": {\"aggregator\": [\"cm\", \"krum\", \"mean\"], \"participation\": [{\"name\": \"full\", "
                + "\"sampled\": 20}, {\"name\": \"PP\", \"sampled\": 4}]}, \"seeds\": [1, 2],"
                + " \"exclude\": [{\"aggregator\": \"krum\", \"participation\": \"PP\"}, {\"aggregator\": [\"mean\"],"
                + " \"participation\": [\"full\", \"PP\"]}]}");
        SweepPlan plan = SweepPlan.parse(json, "grid.json", null);
        List<String> ids = new ArrayList<>();
        for (SweepPlan.Point p : plan.points()) {
            ids.add(p.id());
        }
        assertEquals(List.of("aggregator-cm_participation-full_seed-1", "aggregator-cm_participation-full_seed-2",
                "aggregator-cm_participation-PP_seed-1", "aggregator-cm_participation-PP_seed-2",
                "aggregator-krum_participation-full_seed-1", "aggregator-krum_participation-full_seed-2"), ids);
        assertEquals(3, plan.shard(1, 2).size());
        // A sweep with exclusions resumes (its sweep.json is recognised as the same sweep's).
        Path file = grid(GRID.replace("\"seeds\"", "\"exclude\": [{\"aggregator\": \"rfa\", \"clip\": \"none\"}], \"seeds\""));
        Path out = dir.resolve("excluded");
        assertEquals(0, cli("sweep", "--config", file.toString(), "--out", out.toString(), "--quiet").code());
        Result again = cli("sweep", "--config", file.toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 runs done, 6 skipped"), again.out());
        String bad = "{\"grid\": {\"step\": [1]}, \"exclude\": [{\"aggregator\": \"cm\"}]}";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bad), "g.json", null));
        assertTrue(e.getMessage().contains("\"exclude\" names 'aggregator', which is not a grid key"), e.getMessage());
    }

    @Test
    void aSweepRunsEveryPointOnceWithStableIdsAndTheSameResultsInParallel() throws Exception {
        Path file = grid(GRID);
        Result serial = cli("sweep", "--config", file.toString(), "--out", dir.resolve("serial").toString(), "--quiet");
        assertEquals(0, serial.code(), serial.err());
        Result parallel = cli("sweep", "--config", file.toString(), "--out", dir.resolve("parallel").toString(), "--parallel", "2", "--quiet");
        assertEquals(0, parallel.code(), parallel.err());
        List<String> index = Files.readAllLines(dir.resolve("serial/index.csv"));
        assertEquals("aggregator,clip,seed,id,final_loss,final_gap,bits,wall_s,status", index.get(0));
        assertEquals(9, index.size());
        assertTrue(index.get(1).startsWith("cm,1.0,3,aggregator-cm_clip-1.0_seed-3,"), index.get(1));
        assertEquals(indexWithoutWallTime(dir.resolve("serial")), indexWithoutWallTime(dir.resolve("parallel")));
        for (String line : index.subList(1, index.size())) {
            String id = line.split(",")[3];
            assertEquals(Runs.withoutWallTime(dir.resolve("serial").resolve(id)), Runs.withoutWallTime(dir.resolve("parallel").resolve(id)), id);
        }
        // Rerunning the same command skips every finished run and rewrites none of their files.
        Path runJson = dir.resolve("serial/aggregator-rfa_clip-none_seed-4/run.json");
        java.nio.file.attribute.FileTime stamp = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L); // any rewrite changes it
        Files.setLastModifiedTime(runJson, stamp);
        Result again = cli("sweep", "--config", file.toString(), "--out", dir.resolve("serial").toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 runs done, 8 skipped"), again.out());
        assertEquals(stamp, Files.getLastModifiedTime(runJson));
    }

    static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void plotsArePngAndSvgAPaperCouldUse() throws Exception {
        Path file = grid(GRID.replace("\"clip\": [1.0, \"none\"]", "\"step\": [0.2, 0.5]"));
        assertEquals(0, cli("sweep", "--config", file.toString(), "--out", dir.resolve("s").toString(), "--quiet").code());
        Path png = dir.resolve("fig.png");
        Result r = cli("plot", dir.resolve("s").toString(), "--y", "gap", "--x", "epoch", "--group-by", "aggregator",
                "--best-over", "step", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 lines"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(650, img.getHeight());
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colors.add(img.getRGB(x, y));
            }
        }
        assertTrue(colors.size() > 20, "the picture is not blank: " + colors.size() + " colours");
        Path svg = dir.resolve("fig.svg");
        assertEquals(0, cli("plot", dir.resolve("s").toString(), "--y", "loss", "--x", "bits", "--out", svg.toString()).code());
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("</svg>"), "an SVG document");
        javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", xml.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName(), "well-formed SVG");
    }

    @Test
    void mistakesEndWithOneLineAndExitCode2() throws Exception {
        Path file = grid(GRID);
        String[][] cases = {
            {"sweep", "--config", grid("{\"base\": {\"clients\": 10,}").toString(), "--out", "x"}, {"not valid JSON"},
            {"sweep", "--config", grid("{\"base\": {\"bukcet-size\": 2}}").toString(), "--out", dir.resolve("x").toString()},
            {"unknown key 'bukcet-size'"},
            {"sweep", "--config", grid("{\"grid\": {\"step\": 0.1}}").toString(), "--out", "x"}, {"grid key 'step' must be a non-empty list"},
            {"sweep", "--config", grid("{\"base\": {\"step\": \"fast\"}}").toString(), "--out", dir.resolve("y").toString()},
            {"key 'step' must be a positive number or \"theory\", got \"fast\""},
            {"sweep", "--config", file.toString(), "--out", "x", "--shard", "4/3"}, {"--shard expects I/N with 1 <= I <= N"},
            {"sweep", "--config", grid("{\"bases\": {}}").toString(), "--out", "x"}, {"unknown top-level key 'bases'"},
            {"plot", dir.resolve("nothing").toString(), "--out", "f.png"}, {"has no index.csv"},
            {"plot", dir.toString(), "--y", "accuracy", "--out", "f.png"}, {"--y must be one of"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            Result r = cli(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(cases[i + 1][0]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertFalse(Files.exists(dir.resolve("x")));
        // A folder that belongs to another sweep is refused.
        assertEquals(0, cli("sweep", "--config", file.toString(), "--out", dir.resolve("a").toString(), "--quiet", "--seeds", "3").code());
        Result other = cli("sweep", "--config", grid(GRID.replace("\"rounds\": 40", "\"rounds\": 41")).toString(), "--out",
                dir.resolve("a").toString(), "--quiet");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("belongs to a different sweep"), other.err());
    }
}
