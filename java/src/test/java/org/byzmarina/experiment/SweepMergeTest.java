package org.byzmarina.experiment;

import static org.byzmarina.experiment.SweepTest.cli;
import static org.byzmarina.experiment.SweepTest.indexWithoutWallTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards (`sweep --shard I/N`) interleave the grid, and `sweep --merge` joins their folders into the sweep's. */
class SweepMergeTest {
    @TempDir
    Path dir;

    Path grid() throws Exception {
        Path f = dir.resolve("grid.json");
        Files.writeString(f, SweepTest.GRID);
        return f;
    }

    /** Runs shard i of n into dir/shard-i. */
    Path shard(Path grid, int i, int n) {
        Path out = dir.resolve("shard-" + i);
        SweepTest.Result r = cli("sweep", "--config", grid.toString(), "--out", out.toString(), "--shard", i + "/" + n, "--quiet");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    static List<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Run j of the plan goes to shard j mod N: shards differ by at most one run, and runs that differ in length spread. */
    @Test
    void shardsInterleaveTheGrid() throws Exception {
        SweepPlan plan = SweepPlan.parse(new ObjectMapper().readTree(SweepTest.GRID), "grid.json", null);
        for (int n = 1; n <= 9; n++) {
            Set<String> seen = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                List<SweepPlan.Point> shard = plan.shard(i, n);
                assertTrue(shard.size() == 8 / n || shard.size() == 8 / n + 1, n + " shards: " + shard.size());
                for (int k = 0; k < shard.size(); k++) {
                    assertEquals(plan.points().get(i - 1 + k * n).id(), shard.get(k).id());
                    assertTrue(seen.add(shard.get(k).id()));
                }
            }
            assertEquals(8, seen.size());
        }
        // The grid's first key (aggregator: cm, cm, cm, cm, rfa, rfa, rfa, rfa) is spread evenly over 2 or 4 shards.
        for (int n : new int[] {2, 4}) {
            for (int i = 1; i <= n; i++) {
                long rfa = plan.shard(i, n).stream().filter(p -> p.varying().get("aggregator").equals("rfa")).count();
                assertEquals(4 / n, rfa, "shard " + i + "/" + n);
            }
        }
    }

    @Test
    void mergedShardsEqualTheWholeSweep() throws Exception {
        Path grid = grid();
        List<String> args = new ArrayList<>(List.of("sweep", "--merge", dir.resolve("merged").toString()));
        for (int i = 1; i <= 3; i++) {
            args.add(shard(grid, i, 3).toString());
        }
        SweepTest.Result merge = cli(args.toArray(new String[0]));
        assertEquals(0, merge.code(), merge.err());
        assertTrue(merge.out().startsWith("sweep: merged 8 runs from 3 shard folders into "), merge.out());
        assertEquals("", merge.err());
        SweepTest.Result full = cli("sweep", "--config", grid.toString(), "--out", dir.resolve("full").toString(), "--quiet");
        assertEquals(0, full.code(), full.err());
        assertEquals(indexWithoutWallTime(dir.resolve("full")), indexWithoutWallTime(dir.resolve("merged")));
        assertEquals(names(dir.resolve("full")), names(dir.resolve("merged")));
        assertEquals(Files.readString(dir.resolve("full/sweep.json")), Files.readString(dir.resolve("merged/sweep.json")));
        for (String id : names(dir.resolve("full"))) {
            if (Files.isDirectory(dir.resolve("full").resolve(id))) {
                assertEquals(Runs.withoutWallTime(dir.resolve("full").resolve(id)), Runs.withoutWallTime(dir.resolve("merged").resolve(id)));
            }
        }
        // The merged folder is a sweep folder like any other: resuming it runs nothing.
        SweepTest.Result again = cli("sweep", "--config", grid.toString(), "--out", dir.resolve("merged").toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 runs done, 8 skipped"), again.out());
    }

    @Test
    void identicalCopiesAreKeptOnceAndDifferentOnesAreRefused() throws Exception {
        Path grid = grid();
        Path a = shard(grid, 1, 2);
        Path b = shard(grid, 2, 2);
        Path copy = dir.resolve("copy-of-1");
        Files.createDirectories(copy);
        for (String name : names(a)) {
            if (Files.isDirectory(a.resolve(name))) {
                SweepTest.copyTree(a.resolve(name), copy.resolve(name));
            } else {
                Files.copy(a.resolve(name), copy.resolve(name));
            }
        }
        SweepTest.Result ok = cli("sweep", "--merge", dir.resolve("m1").toString(), a.toString(), b.toString(), copy.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("merged 8 runs from 3 shard folders") && ok.out().contains("(4 identical copies kept once)"), ok.out());

        // The same run in two shards with different results: refused, both named, nothing written.
        String id = names(a).get(0);
        Path metrics = copy.resolve(id).resolve("metrics.csv");
        Files.writeString(metrics, Files.readString(metrics).replaceFirst("\n0,", "\n0,0"));
        String id2 = names(a).get(1);
        Files.writeString(copy.resolve(id2).resolve("extra.txt"), "x");
        Path out = dir.resolve("m2");
        SweepTest.Result bad = cli("sweep", "--merge", out.toString(), a.toString(), b.toString(), copy.toString());
        assertEquals(2, bad.code(), bad.out());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("error: 2 run(s) have copies that differ: " + id + " (" + a + " and " + copy
                + ": metrics.csv differs); " + id2 + " (" + a + " and " + copy + ": only the second has extra.txt)"), bad.err());
        assertFalse(Files.exists(out));
        assertTrue(names(dir).stream().noneMatch(n -> n.contains(".tmp-")), names(dir).toString());
    }

    @Test
    void mistakesEndWithOneLineAndExitCode2() throws Exception {
        Path grid = grid();
        Path a = shard(grid, 1, 2);
        Path other = dir.resolve("other.json");
        Files.writeString(other, SweepTest.GRID.replace("\"rounds\": 40", "\"rounds\": 41"));
        Path b = dir.resolve("other");
        assertEquals(0, cli("sweep", "--config", other.toString(), "--out", b.toString(), "--shard", "2/2", "--quiet").code());
        Files.createDirectories(dir.resolve("nonempty"));
        Files.writeString(dir.resolve("nonempty/f"), "");
        String[][] cases = {
            {"sweep", "--merge", dir.resolve("m").toString(), a.toString(), b.toString()}, {"belong to different sweeps"},
            {"sweep", "--merge", dir.resolve("m").toString()}, {"needs the shard folders"},
            {"sweep", "--merge", dir.resolve("m").toString(), dir.resolve("nothing").toString()}, {"is not a sweep folder (it does not exist)"},
            {"sweep", "--merge", dir.resolve("m").toString(), dir.resolve("nonempty").toString()}, {"is not a sweep folder (no sweep.json)"},
            {"sweep", "--merge", dir.resolve("nonempty").toString(), a.toString()}, {"already exists; merge into a new folder"},
            {"sweep", "--merge", dir.resolve("m").toString(), a.toString(), "--config", grid.toString()}, {"takes only OUT"},
            {"sweep", "--config", grid.toString(), "--out", dir.resolve("m").toString(), a.toString()}, {"unexpected argument"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            SweepTest.Result r = cli(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(cases[i + 1][0]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertFalse(Files.exists(dir.resolve("m")));
        // An empty OUT is fine (the merge replaces it); a shard that lacks runs gives a warning, not an error.
        Files.createDirectories(dir.resolve("empty"));
        SweepTest.Result partial = cli("sweep", "--merge", dir.resolve("empty").toString(), a.toString(), "--quiet");
        assertEquals(0, partial.code(), partial.err());
        assertEquals("warning: 4 of the sweep's 8 runs are in none of the shard folders (or incomplete there)", partial.err().strip());
        assertEquals(5, Files.readAllLines(dir.resolve("empty/index.csv")).size());
    }
}
