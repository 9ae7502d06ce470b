package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole short simulations on the built-in problems: the two backends and the thread counts give the
 * same trajectory, Byzantine-majority rounds occur at the hypergeometric rate, and the divergence
 * and non-finite rules hold.
 */
class ProtocolTest {
    @TempDir
    Path dir;

    /** A small synthetic logistic problem: n = 12, B = 3, C = 6, d = 20, 60 samples per client. */
    static final String[] SMALL = {"--clients", "12", "--byzantine", "3", "--sampled", "6", "--dim", "20",
            "--samples-per-client", "60", "--batch", "8", "--rounds", "60", "--eval-every", "5", "--step", "0.5",
            "--heterogeneity", "0.5"};

    static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /**
     * Java and native engines run the same protocol bit for bit: every metrics column (wall time
     * aside) is identical — sampled sets, coins, majority rounds, clipping decisions and iterates.
     * The kernels are bit-identical by construction, so no tolerance is needed.
     */
    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
        "mean,shb", "cm,bf", "cwtm,lf", "rfa,ipm", "krum,alie", "multikrum,noise", "cm,nan", "cwtm,inf", "rfa,big",
        "mean,na", "krum,shb", "multikrum,bf", "rfa,lf", "cm,alie", "cwtm,ipm", "mean,noise"})
    void javaAndNativeBackendsGiveTheSameTrajectory(String aggregator, String attack) {
        String[] flags = with(SMALL, "--aggregator", aggregator, "--attack", attack, "--bucket-size",
                aggregator.contains("krum") ? "1" : "2", "--p", "0.1");
        Path java = Runs.run(dir.resolve("java"), with(flags, "--backend", "java"));
        Path nat = Runs.run(dir.resolve("native"), with(flags, "--backend", "native"));
        assertEquals(Runs.withoutWallTime(java), Runs.withoutWallTime(nat));
        for (String[] row : Runs.rows(nat)) {
            for (int c = 0; c < row.length; c++) {
                assertTrue(row[c].isEmpty() || Double.isFinite(Double.parseDouble(row[c])), "finite metrics: " + String.join(",", row));
            }
        }
    }

    /**
     * --omniscient: the attack's μ and σ come from every good client's vector, computed without
     * counting their work or advancing unsampled clients' momenta. Both backends agree, and seeing
     * everything changes the attack (so the flag is live; with full participation, as in
     * Byz-VR-MARINA, every good client is sampled anyway and the two coincide).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"marina-pp,alie", "marina-pp,ipm", "sgdm,alie", "marina-pp-plus,noise"})
    void omniscientAttacksSeeEveryGoodClient(String method, String attack) {
        String[] flags = with(SMALL, "--method", method, "--attack", attack, "--p", "0.1");
        Path seeing = Runs.run(dir.resolve("omni-native"), with(flags, "--omniscient", "--backend", "native"));
        Path seeingJava = Runs.run(dir.resolve("omni-java"), with(flags, "--omniscient", "--backend", "java"));
        Path sampledOnly = Runs.run(dir.resolve("sampled"), flags);
        assertEquals(Runs.withoutWallTime(seeingJava), Runs.withoutWallTime(seeing));
        assertTrue(!Runs.withoutWallTime(seeing).equals(Runs.withoutWallTime(sampledOnly)), "omniscience changes the attack");
        assertEquals(Runs.last(sampledOnly, "oracle_calls"), Runs.last(seeing, "oracle_calls"), "looking costs the good clients nothing");
    }

    /** The same command twice gives byte-identical metrics.csv (wall time aside) and the same run.json counts. */
    @org.junit.jupiter.api.Test
    void repeatedRunsAreByteIdentical() throws Exception {
        String[] flags = with(SMALL, "--attack", "alie", "--compressor", "l2q", "--aggregator", "rfa", "--nnm");
        Path a = Runs.run(dir.resolve("again-a"), flags);
        Path b = Runs.run(dir.resolve("again-b"), flags);
        assertEquals(Runs.withoutWallTime(a), Runs.withoutWallTime(b));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.readTree(a.resolve("run.json").toFile()).get("counts"), json.readTree(b.resolve("run.json").toFile()).get("counts"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"marina-pp", "marina", "marina-pp-plus", "sgdm", "sgd"})
    void sameSeedSameMetricsWithOneAndTwoThreads(String method) {
        String[] flags = with(SMALL, "--method", method, "--compressor", "randk", "--k", "5", "--seed", "7");
        for (String backend : new String[] {"java", "native"}) {
            Path one = Runs.run(dir.resolve(backend + "1"), with(flags, "--backend", backend, "--threads", "1"));
            Path two = Runs.run(dir.resolve(backend + "2"), with(flags, "--backend", backend, "--threads", "2"));
            assertEquals(Runs.withoutWallTime(one), Runs.withoutWallTime(two), backend);
        }
        Path other = Runs.run(dir.resolve("seed8"), with(flags, "--seed", "8"));
        assertTrue(!Runs.withoutWallTime(other).equals(Runs.withoutWallTime(dir.resolve("native1"))), "the seed matters");
    }

    /**
     * The sampled clients' work runs across the engine's threads (one block of clients per thread);
     * every client's vector depends only on (seed, round, client), so 1 and 2 threads give the same
     * bits: honest work, the flipping Byzantines' own gradients, the omniscient look at every good
     * client, client momentum, on the logistic problem and the quadratic.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"bf", "lf", "ipm --omniscient", "alie --omniscient --method sgdm", "opt-alie", "min-max --omniscient"})
    void clientWorkAcrossThreadsIsBitIdentical(String attack) {
        String[] logistic = with(with(SMALL, "--sampled", "12", "--p", "0.2"), ("--attack " + attack).split(" "));
        String[] quadratic = with(new String[] {"--dataset", "quadratic", "--clients", "2000", "--byzantine", "200",
            "--sampled", "200", "--big-cohort", "500", "--dim", "300", "--rounds", "6", "--p", "0.5", "--eval-every", "2",
            "--heterogeneity", "1"}, ("--attack " + attack).split(" "));
        for (String[][] c : new String[][][] {{logistic}, {quadratic}}) {
            if (attack.startsWith("lf") && c[0] == quadratic) {
                continue; // the quadratic has no labels
            }
            Path one = Runs.run(dir.resolve("one"), with(c[0], "--threads", "1"));
            Path two = Runs.run(dir.resolve("two"), with(c[0], "--threads", "2"));
            assertEquals(Runs.withoutWallTime(one), Runs.withoutWallTime(two), attack);
            try {
                org.byzmarina.io.AtomicFiles.deleteTree(one);
                org.byzmarina.io.AtomicFiles.deleteTree(two);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * With n = 20, B = 5 and C = 4, a sample has a strict Byzantine majority (3 or 4 Byzantines) with
     * the hypergeometric probability (C(5,3)·15 + C(5,4)) / C(20,4) = 155/4845 = 3.199 %. Over 20 000
     * rounds (p = 0: every round samples C) the measured share must lie within 4 standard errors.
     */
    @Test
    void byzantineMajorityRoundsOccurAtTheHypergeometricRate() {
        Path run = Runs.run(dir.resolve("q"), "--dataset", "quadratic", "--dim", "2", "--rounds", "20000",
                "--eval-every", "20000", "--p", "0", "--attack", "shb");
        double share = Runs.last(run, "byz_majority_rounds") / 20000;
        double expected = 155.0 / 4845;
        double se = Math.sqrt(expected * (1 - expected) / 20000);
        assertEquals(expected, share, 4 * se, "measured " + share);
    }

    @Test
    void unclippedMeanUnderAHugeAttackDivergesAndStopsCleanly() {
        Path run = Runs.run(dir.resolve("d"), with(SMALL, "--aggregator", "mean", "--bucket-size", "1", "--clip", "none",
                "--attack", "big", "--sampled", "12", "--big-cohort", "12"));
        String json = Runs.runJson(run);
        assertTrue(json.contains("\"status\" : \"diverged\""), json);
        List<String[]> rows = Runs.rows(run);
        for (String[] row : rows) {
            for (String v : row) {
                assertTrue(v.isEmpty() || Double.isFinite(Double.parseDouble(v)), "every row written is finite");
            }
        }
    }

    @Test
    void nonFiniteVectorsAreZeroedAndCounted() {
        Path run = Runs.run(dir.resolve("n"), with(SMALL, "--attack", "nan"));
        String json = Runs.runJson(run);
        assertTrue(json.contains("\"status\" : \"done\""), json);
        assertTrue(!json.contains("\"nonfinite_vectors\" : 0,"), "NaN vectors must be counted: " + json);
        assertTrue(Double.isFinite(Runs.last(run, "loss")));
    }

    /**
     * Large n: the quadratic with n = 10⁶ clients (B = 10⁵), d = 10⁴, C = 1000 and a big cohort of
     * 10⁴ materialises only the sampled clients (memory O(Ĉ d)); the attack sees only sampled vectors.
     */
    @Test
    void aMillionClientsRunWithMemoryForTheSampleOnly() {
        Path run = Runs.run(dir.resolve("big"), "--dataset", "quadratic", "--clients", "1000000", "--byzantine", "100000",
                "--sampled", "1000", "--big-cohort", "10000", "--dim", "10000", "--attack", "ipm", "--rounds", "4",
                "--eval-every", "2", "--p", "0.5", "--heterogeneity", "1");
        List<String[]> rows = Runs.rows(run);
        assertEquals(3, rows.size());
        double first = Double.parseDouble(rows.get(0)[Runs.column("gap")]);
        double last = Runs.last(run, "gap");
        assertTrue(last < first, "the gap decreases: " + first + " -> " + last);
        assertTrue(Runs.runJson(run).contains("\"clients\" : 1000000"));
    }

    @Test
    void clientMomentumRefusesAMillionClients() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.byzmarina.cli.Main.run(new String[] {"run", "--quiet", "--out", dir.resolve("m").toString(),
                "--dataset", "quadratic", "--method", "sgdm", "--clients", "1000000", "--byzantine", "0", "--sampled", "1000",
                "--dim", "10000"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        String msg = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, code, msg);
        assertTrue(msg.contains("client state 74.51 GiB") && msg.contains("refuse such sizes"), msg);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("m")));
    }
}
