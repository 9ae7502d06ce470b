package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of `run` in the packaged jar, started from another directory as a user would. */
class RunIT {
    static Path jar;

    @TempDir
    Path work;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("byzmarina.jar", "target/byzmarina.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "packaged jar not found at " + jar);
    }

    Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + cmd);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theReadmeMainCommandRunsThePapersSettingOnBuiltInData() throws Exception {
        Result r = run("run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("results: "), r.out());
        try (var dirs = Files.list(work.resolve("runs"))) {
            Path dir = dirs.findFirst().orElseThrow();
            List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
            assertEquals("round,epoch,client_epochs,oracle_calls,loss,gap,grad_norm_sq,estimator_error,clip_level,bits,byz_majority_rounds,"
                    + "clipped_fraction,test_loss,test_accuracy,short_rounds,empty_rounds,wall_s", csv.get(0));
            assertTrue(csv.size() > 10);
            String json = Files.readString(dir.resolve("run.json"));
            for (String key : new String[] {"\"status\" : \"done\"", "\"clients\" : 20", "\"byzantine\" : 5", "\"sampled\" : 4",
                    "\"aggregator\" : \"cm\"", "\"bucket-size\" : 2", "\"attack\" : \"shb\"", "\"batch\" : 32",
                    "\"git_commit\"", "\"openblas\" : \"OpenBLAS ", "\"simd\""}) { // dense data: OpenBLAS loaded
                assertTrue(json.contains(key), key + " missing from run.json");
            }
        }
        assertTrue(r.err().contains("[byzmarina] kernels: native"), r.err());
    }

    /**
     * A run on sparse LIBSVM data with f* given never calls OpenBLAS, so it does not load it (nor with
     * FLTrust's root sample, sparse too); without f*, Newton's method loads it. run.json says which.
     */
    @Test
    void onlyARunThatMayCallOpenBlasLoadsIt() throws Exception {
        StringBuilder data = new StringBuilder();
        java.util.Random rng = new java.util.Random(5);
        for (int r = 0; r < 300; r++) {
            data.append(rng.nextBoolean() ? "+1" : "-1");
            for (int j = 1 + rng.nextInt(5); j <= 50; j += 5 + rng.nextInt(10)) {
                data.append(' ').append(j).append(":1");
            }
            data.append('\n');
        }
        Files.writeString(work.resolve("sparse.libsvm"), data.toString());
        String[][] cases = {
            {"not loaded (this run does not use it)", "--fstar", "0.5"},
            {"not loaded (this run does not use it)", "--fstar", "0.5", "--aggregator", "fltrust"},
            {"OpenBLAS ", "--aggregator", "cm"},
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("run", "--dataset", "sparse.libsvm", "--rounds", "2", "--out", "o" + i));
            args.addAll(List.of(cases[i]).subList(1, cases[i].length));
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            String json = Files.readString(work.resolve("o" + i).resolve("run.json"));
            assertTrue(json.contains("\"openblas\" : \"" + cases[i][0]), args + ": " + json);
            assertTrue(json.contains("\"status\" : \"done\""), json);
        }
    }

    @Test
    void mistakesEndWithOneLineExitCode2AndNoOutputFolder() throws Exception {
        String[][] cases = {
            {"--sampled", "30", "--sampled C must be in [1, n] = [1, 20], got 30"},
            {"--attack", "evil", "--attack expects one of na, bf"},
            {"--aggregator", "krum", "cannot aggregate the 4 vectors of a round (bucketed into 2)"},
            {"--clip", "big", "--clip expects a positive number, none or theory, got 'big'"},
            {"--dataset", "missing.libsvm", "missing.libsvm: no such file"},
            {"--method", "adam", "--method expects one of marina-pp, marina, marina-pp-plus, sgdm, sgd, got 'adam'"},
            {"--split", "dirichlet:-1", "--split dirichlet:A needs a positive number A"},
            {"--epochs", "3", "--rounds", "5", "give --epochs or --rounds, not both"},
            {"--clients", "many", "--clients"},
        };
        for (int i = 0; i < cases.length; i++) {
            String[] c = cases[i];
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(List.of(c).subList(0, c.length - 1));
            args.addAll(List.of("--out", "out-" + i));
            Result r = run(args.toArray(new String[0]));
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + ": " + r.out() + r.err());
            assertTrue(r.err().contains(c[c.length - 1]), "stderr of " + what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error:")).count(), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(Files.exists(work.resolve("out-" + i)), "no output folder after an error: " + what);
        }
        Path bad = work.resolve("bad.libsvm");
        Files.writeString(bad, "+1 1:0.5 2:1\n-1 3:x\n");
        Result r = run("run", "--dataset", bad.toString(), "--out", "out-bad");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":2: bad value of feature 3 'x'"), r.err());
        assertFalse(Files.exists(work.resolve("out-bad")));
    }
}
