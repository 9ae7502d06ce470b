package org.byzmarina.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Participation patterns inside runs: short and empty rounds, the full-gradient cohort, determinism. */
class ParticipationRunTest {
    @TempDir
    Path dir;

    private JsonNode counts(Path run) throws Exception {
        return new ObjectMapper().readTree(Files.readString(run.resolve("run.json"))).get("counts");
    }

    /**
     * A trace (n = 12, C = 6): round 0 has 8 online, round 1 nobody, round 2 three, round 3 six. The
     * initial estimator reads round 0 (8 of Ĉ = 12: short). Over 8 rounds (the trace twice): 2 empty,
     * 2 short ones of 3, plus the initial estimator's. An empty round changes nothing.
     */
    @Test
    void shortAndEmptyRoundsAreCountedAndEmptyRoundsChangeNothing() throws Exception {
        Path trace = dir.resolve("trace.csv");
        StringBuilder sb = new StringBuilder("round,client\n");
        for (int c : new int[] {0, 1, 2, 3, 4, 5, 10, 11}) {
            sb.append("0,").append(c).append('\n');
        }
        sb.append("2,1\n2,4\n2,11\n");
        for (int c : new int[] {0, 2, 4, 6, 8, 10}) {
            sb.append("3,").append(c).append('\n');
        }
        Files.writeString(trace, sb.toString());
        Path run = Runs.run(dir.resolve("run"), ProtocolTest.with(ProtocolTest.SMALL, "--rounds", "8", "--eval-every", "1",
                "--availability", "trace:" + trace, "--p", "0"));
        JsonNode counts = counts(run);
        assertEquals(2, counts.get("empty_rounds").asInt());
        assertEquals(3, counts.get("short_rounds").asInt());
        List<String[]> rows = Runs.rows(run);
        int loss = Runs.column("loss");
        int shortCol = Runs.column("short_rounds");
        int emptyCol = Runs.column("empty_rounds");
        assertEquals(rows.get(1)[loss], rows.get(2)[loss], "round 1 is empty: x stays");
        assertNotEquals(rows.get(2)[loss], rows.get(3)[loss], "round 2 has clients");
        assertEquals("1", rows.get(0)[shortCol], "the initial estimator's cohort is short");
        assertEquals("2", rows.get(8)[emptyCol]);
        assertEquals("3", rows.get(8)[shortCol]);
    }

    /** The full-gradient rounds' cohort Ĉ follows availability too: with p = 1 every round asks for all 12. */
    @Test
    void theFullGradientCohortFollowsAvailability() throws Exception {
        Path run = Runs.run(dir.resolve("run"), ProtocolTest.with(ProtocolTest.SMALL, "--rounds", "20", "--p", "1",
                "--availability", "bernoulli:0.5", "--byzantine-availability", "always"));
        JsonNode counts = counts(run);
        assertEquals(21, counts.get("short_rounds").asInt() + counts.get("empty_rounds").asInt(), "every full round is short");
        assertEquals(0, counts.get("empty_rounds").asInt(), "the Byzantines are always online");
    }

    /** Participation is drawn on the server: runs are identical across thread counts and engines. */
    @Test
    void identicalAcrossThreadsAndBackends() {
        String[] flags = ProtocolTest.with(ProtocolTest.SMALL, "--availability", "markov:0.2,0.3", "--p", "0.2", "--attack", "alie");
        Path one = Runs.run(dir.resolve("one"), ProtocolTest.with(flags, "--threads", "1", "--backend", "java"));
        Path two = Runs.run(dir.resolve("two"), ProtocolTest.with(flags, "--threads", "2", "--backend", "native"));
        assertEquals(Runs.withoutWallTime(one), Runs.withoutWallTime(two));
        Path weighted = dir.resolve("w.csv");
        try {
            Files.writeString(weighted, "client,weight\n0,5\n1,1\n2,1\n3,1\n4,1\n5,1\n6,1\n7,1\n8,1\n9,3\n10,3\n11,3\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] w = ProtocolTest.with(flags, "--sampling", "weighted:" + weighted);
        assertEquals(Runs.withoutWallTime(Runs.run(dir.resolve("w1"), ProtocolTest.with(w, "--threads", "1", "--backend", "java"))),
                Runs.withoutWallTime(Runs.run(dir.resolve("w2"), ProtocolTest.with(w, "--threads", "2", "--backend", "native"))));
    }

    /** The default flags spelled out take the same path as before: byte-identical metrics. */
    @Test
    void explicitDefaultsChangeNothing() {
        Path plain = Runs.run(dir.resolve("plain"), ProtocolTest.SMALL);
        Path explicit = Runs.run(dir.resolve("explicit"), ProtocolTest.with(ProtocolTest.SMALL, "--availability", "always",
                "--byzantine-availability", "always", "--sampling", "uniform"));
        assertEquals(Runs.withoutWallTime(plain), Runs.withoutWallTime(explicit));
    }
}
