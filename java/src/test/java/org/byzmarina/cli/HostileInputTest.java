package org.byzmarina.cli;

import static org.byzmarina.cli.MainTest.assertUserError;
import static org.byzmarina.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.byzmarina.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's hostile-input findings, one regression test each (in-process; the I/O, signal and umask
 * findings need a real process and are in IoErrorsIT, SignalsIT and PermissionsIT).
 */
class HostileInputTest {
    @TempDir
    Path dir;

    static final String[] SMALL = {"--dim", "6", "--samples-per-client", "20", "--quiet"};

    Path config(String json) throws Exception {
        Path f = dir.resolve("config-" + Integer.toHexString(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return f;
    }

    MainTest.Result dryRunWith(String json) throws Exception {
        String[] args = {"run", "--config", config(json).toString(), "--dry-run", "--dim", "6", "--samples-per-client", "20", "--quiet",
            "--out", dir.resolve("never").toString()};
        return run(args);
    }

    // --- wrong answers reported as successes ---

    @Test
    void krumsFCheckDoesNotOverflowInAggregate() throws Exception {
        Path in = dir.resolve("x.npy");
        Npy.writeMatrix(in, new float[20 * 3], 20, 3);
        Path out = dir.resolve("y.npy");
        MainTest.Result r = run("aggregate", "--rule", "krum", "--byzantine", "2000000000", "--in", in.toString(), "--out", out.toString());
        assertUserError(r, "error: Krum with f = 2000000000 needs at least 2f + 3 = 4000000003 inputs, got 20");
        assertFalse(Files.exists(out));
        assertUserError(run("aggregate", "--rule", "multikrum", "--byzantine", String.valueOf(Integer.MAX_VALUE), "--random", "20x3"),
                "2f + 3 = 4294967297 inputs, got 20");
    }

    @Test
    void krumsFCheckDoesNotOverflowInRun() {
        assertUserError(run("run", "--aggregator", "krum", "--assumed-byzantine", "2000000000", "--dry-run", "--quiet"),
                "--assumed-byzantine must be a count in [0, n) = [0, 20) or a fraction in [0, 1), got 2000000000");
    }

    @Test
    void jsonIntegersBeyondTheirFieldAreRefusedNotWrapped() throws Exception {
        assertUserError(dryRunWith("{\"clients\": 18446744073709551636}"),
                "key 'clients' must be an integer from -2147483648 to 2147483647, got 18446744073709551636");
        assertUserError(dryRunWith("{\"clients\": 2147483648}"), "got 2147483648");
        assertUserError(dryRunWith("{\"rounds\": 18446744073709551616}"),
                "key 'rounds' must be an integer from -9223372036854775808 to 9223372036854775807, got 18446744073709551616");
        assertUserError(dryRunWith("{\"seed\": 9223372036854775808}"), "key 'seed' must be an integer");
        assertUserError(dryRunWith("{\"rounds\": 1e400}"), "got 1e400");
        MainTest.Result ok = dryRunWith("{\"seed\": 9223372036854775807, \"rounds\": 5.0}");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("9223372036854775807"), ok.out());
    }

    @Test
    void fractionsWhereAnIntegerIsExpectedAreRefused() throws Exception {
        assertUserError(dryRunWith("{\"clients\": 20.5}"), "key 'clients' must be an integer, got 20.5 (it has a fraction)");
        assertUserError(dryRunWith("{\"batch\": 1e-3}"), "key 'batch' must be an integer, got 0.001 (it has a fraction)");
    }

    @Test
    void doublesNoDoubleHoldsAreRefused() throws Exception {
        assertUserError(dryRunWith("{\"step\": 1e400}"), "key 'step' must be a number a double holds (magnitude 4.9e-324 to 1.8e308), got 1e400");
        assertUserError(run("run", "--step", "1e400", "--dry-run"), "--step expects a positive number or theory, got '1e400'");
    }

    @Test
    void contentAfterTheConfigIsRefused() throws Exception {
        MainTest.Result r = dryRunWith("{\"clients\": 20} garbage");
        assertUserError(r, ":1: content after the JSON value");
        assertTrue(r.err().contains("config-"), "names the file: " + r.err());
    }

    @Test
    void messagesNameTheFileAndLineOfAKey() throws Exception {
        Path f = config("{\n  \"dim\": 6,\n  \"clients\": 1e3,\n  \"byzantine\": 99999999999\n}");
        MainTest.Result r = run("run", "--config", f.toString(), "--dry-run", "--quiet");
        assertUserError(r, "error: " + f + ":4: key 'byzantine' must be an integer from -2147483648 to 2147483647, got 99999999999");
    }

    @Test
    void cwtmsLiteralTIsRefusedAtHalfTheRows() {
        assertUserError(run("aggregate", "--rule", "cwtm", "--byzantine", "10", "--random", "20x4"),
                "error: CWTM with t = 10 would drop 2t = 20 of the 20 inputs it gets; t is taken literally and must be below m/2 (at most 9)");
        assertUserError(run("aggregate", "--rule", "cwtm", "--byzantine", "5", "--bucket-size", "2", "--random", "20x4"),
                "CWTM with t = 5 would drop 2t = 10 of the 10 inputs");
        assertEquals(0, run("aggregate", "--rule", "cwtm", "--byzantine", "9", "--random", "20x4", "--quiet").code());
    }

    // --- internal errors that are user errors ---

    @Test
    void aHugeDimensionGetsAPositiveEstimate() {
        MainTest.Result r = run("run", "--dim", "2147483647", "--dry-run", "--quiet");
        assertUserError(r, "this run needs about ");
        assertFalse(r.err().matches("(?s).*-\\d.*"), "no negative size: " + r.err());
    }

    // --- messages ---

    @Test
    void unknownOptionsInOurWords() {
        assertUserError(run("run", "--bogus"), "error: unknown option --bogus; see `run --help`");
        assertUserError(run("aggregate", "--bogus=1", "--random", "2x2"), "error: unknown option --bogus; see `aggregate --help`");
        assertUserError(run("run", "stray"), "error: unexpected argument 'stray'; see `run --help`");
        assertUserError(run("run", "--dim"), "error: --dim expects a value; see `run --help`");
        assertUserError(run("run", "--dim", "abc"), "error: --dim expects an integer >= 1, got 'abc'");
        MainTest.Result r = run("run", "--bogus");
        assertFalse(r.err().contains("main parameter") || r.err().contains("arg class"), r.err());
    }

    @Test
    void longValuesAreCutTo80Characters() throws Exception {
        String tenMb = "x".repeat(10_000_000);
        MainTest.Result r = run("run", "--aggregator", tenMb, "--dry-run");
        assertUserError(r, "got '" + "x".repeat(80)
                + "… (10000000 characters)'");
        assertTrue(r.err().length() < 400, "not echoed whole: " + r.err().length() + " characters");
        MainTest.Result c = dryRunWith("{\"split\": \"" + "y".repeat(10_000_000) + "\"}");
        assertEquals(2, c.code(), c.err().substring(0, Math.min(300, c.err().length())));
        assertTrue(c.err().length() < 500, "not echoed whole: " + c.err().length() + " characters");
    }

    @Test
    void binaryGarbageStaysOnOneLine() throws Exception {
        Path f = dir.resolve("garbage.json");
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 27, '[', '3', '1', 'm', '\n', 'x'});
        MainTest.Result r = run("run", "--config", f.toString(), "--dry-run");
        assertUserError(r, f + ":1: not valid JSON");
        assertFalse(r.err().strip().contains("\u001b") || r.err().strip().contains("\u0000"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        byte[] bytes = "{\"attack\": \"\\u001b[2J\\u0007\"}".getBytes(StandardCharsets.UTF_8); // JSON escapes: ESC, BEL
        Files.write(f, bytes);
        MainTest.Result a = run("run", "--config", f.toString(), "--dry-run");
        assertUserError(a, "--attack expects one of na, bf");
        assertFalse(a.err().contains("\u001b") || a.err().contains("\u0007"), a.err());
    }

    @Test
    void ioErrorsOfTheOutputAreUserErrorsNamingThePath() throws Exception {
        Files.writeString(dir.resolve("plain"), "a file, not a folder");
        Path out = dir.resolve("plain/sub/run");
        MainTest.Result r = run("run", "--rounds", "1", "--quiet", "--dim", "6", "--samples-per-client", "20", "--out", out.toString());
        assertUserError(r, "error: cannot write " + out + ": ");
        Path npy = dir.resolve("no/such/folder/agg.npy");
        assertUserError(run("aggregate", "--random", "4x4", "--out", npy.toString(), "--quiet"),
                "error: cannot write " + npy + ": the folder " + dir.resolve("no/such/folder") + " does not exist");
        assertFalse(Files.exists(dir.resolve("no")), "missing folders are not created for aggregate");
        Path fig = dir.resolve("no/such/folder/fig.png");
        assertUserError(run("plot", dir.toString(), "--out", fig.toString()),
                "error: cannot write " + fig + ": the folder " + dir.resolve("no/such/folder") + " does not exist");
        assertFalse(Files.exists(dir.resolve("no")), "nor for plot");
    }
}
