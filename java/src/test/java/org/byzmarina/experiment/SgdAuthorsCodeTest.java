package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authors' code's protocol for the SGD family, each behind a flag (the paper's definition is the
 * default). --coin epoch: every epoch's first round, k = jR, takes all n clients and aggregates their
 * u_i unclipped; the other rounds are eq. (10)'s clipped rounds over C sampled clients; without it no
 * round takes everyone. --momentum-every-round: every good client steps its BR-SGDm momentum every
 * round, sampled or not.
 */
class SgdAuthorsCodeTest {
    @TempDir
    Path dir;

    /** n = 12, B = 3 (9 good), C = 6, b = 8, 60 samples per client: R = ⌈60/8⌉ = 8 rounds per epoch. */
    static String[] flags(String method, String... more) {
        return ProtocolTest.with(new String[] {"--method", method, "--clients", "12", "--byzantine", "3", "--sampled", "6",
            "--dim", "20", "--samples-per-client", "60", "--batch", "8", "--eval-every", "1", "--step",
            "0.5", "--heterogeneity", "0.5", "--attack", "bf", "--clip-mode", "code", "--clip", "1e-9"}, more);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "sgdm"})
    void everyEpochStartsWithAnUnclippedRoundOfEveryClient(String method) throws IOException {
        Path run = Runs.run(dir.resolve(method), flags(method, "--coin", "epoch", "--epochs", "3"));
        assertEquals(3, new ObjectMapper().readTree(run.resolve("run.json").toFile()).at("/counts/full_rounds").asLong());
        List<String[]> rows = Runs.rows(run);
        assertEquals(25, rows.size(), "rows at 0, 1, …, 24 = 3R");
        int calls = Runs.column("oracle_calls");
        int clipped = Runs.column("clipped_fraction");
        for (int k = 0; k < 24; k++) {
            double work = Double.parseDouble(rows.get(k + 1)[calls]) - Double.parseDouble(rows.get(k)[calls]);
            String fraction = rows.get(k + 1)[clipped];
            if (k % 8 == 0) {
                assertEquals(9 * 8, work, "round " + k + ": all 9 good clients compute a minibatch of 8");
                assertTrue(fraction.isEmpty() || Double.parseDouble(fraction) == 0, "round " + k + " clips nothing: " + fraction);
            } else {
                assertTrue(work <= 6 * 8, "round " + k + ": at most C = 6 good clients, got " + work);
                // Round k ≥ 1 clips at 1e-9·‖g‖: every good message that is not exactly g is clipped.
                assertTrue(fraction.isEmpty() || Double.parseDouble(fraction) > 0.99, "round " + k + " clips: " + fraction);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "sgdm"})
    void withoutTheEpochCoinNoRoundTakesEveryone(String method) throws IOException {
        Path run = Runs.run(dir.resolve(method), flags(method, "--rounds", "24"));
        assertEquals(0, new ObjectMapper().readTree(run.resolve("run.json").toFile()).at("/counts/full_rounds").asLong());
        List<String[]> rows = Runs.rows(run);
        int calls = Runs.column("oracle_calls");
        for (int k = 0; k < 24; k++) {
            double work = Double.parseDouble(rows.get(k + 1)[calls]) - Double.parseDouble(rows.get(k)[calls]);
            assertTrue(work <= 6 * 8, "round " + k + ": at most C = 6 good clients, got " + work);
        }
    }

    /** Every good client computes every round (9 × b = 72 oracle calls a round), on 1 and 2 threads alike. */
    @org.junit.jupiter.api.Test
    void everyGoodMomentumStepsEveryRound() {
        String[] flags = ProtocolTest.with(flags("sgdm", "--rounds", "24", "--clip", "none", "--attack", "alie", "--omniscient"),
                "--momentum-every-round");
        Path one = Runs.run(dir.resolve("one"), ProtocolTest.with(flags, "--threads", "1"));
        Path two = Runs.run(dir.resolve("two"), ProtocolTest.with(flags, "--threads", "2", "--backend", "java"));
        assertEquals(Runs.withoutWallTime(one), Runs.withoutWallTime(two));
        List<String[]> rows = Runs.rows(one);
        int calls = Runs.column("oracle_calls");
        for (int k = 0; k < 24; k++) {
            assertEquals(72, Double.parseDouble(rows.get(k + 1)[calls]) - Double.parseDouble(rows.get(k)[calls]), "round " + k);
        }
        Path sampledOnly = Runs.run(dir.resolve("sampled"), flags("sgdm", "--rounds", "24", "--clip", "none", "--attack", "alie",
                "--omniscient"));
        assertTrue(!Runs.withoutWallTime(one).equals(Runs.withoutWallTime(sampledOnly)), "stepping every momentum changes the run");
    }

    /**
     * The momentum a sampled client sends is the one stepped ahead of the round, from the same
     * minibatch stream: with every client sampled every round (C = n), or with β = 0 (no memory),
     * the flag changes nothing but the oracle-call count; and it does nothing to plain SGD.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgdm|--sampled 12", "sgdm|--momentum 0", "sgd|--sampled 6"})
    void steppedMomentaAreTheOnesSent(String variant) {
        String[] parts = variant.split("\\|");
        String[] base = ProtocolTest.with(flags(parts[0], "--rounds", "24", "--attack", "ipm", "--omniscient"), parts[1].split(" "));
        Path with = Runs.run(dir.resolve("with"), ProtocolTest.with(base, "--momentum-every-round"));
        Path without = Runs.run(dir.resolve("without"), base);
        int calls = Runs.column("oracle_calls");
        boolean moreWork = parts[1].equals("--momentum 0"); // 9 good clients compute a round instead of the sampled ones
        List<String[]> a = Runs.rows(with);
        List<String[]> b = Runs.rows(without);
        assertEquals(b.size(), a.size());
        for (int r = 0; r < a.size(); r++) {
            for (int c = 0; c < a.get(r).length - 1; c++) {
                if (c != calls || !moreWork) {
                    assertEquals(b.get(r)[c], a.get(r)[c], variant + ": row " + r + ", " + Runs.COLUMNS[c]);
                }
            }
        }
        if (moreWork) {
            assertTrue(Runs.last(with, "oracle_calls") > Runs.last(without, "oracle_calls"));
        }
    }
}
