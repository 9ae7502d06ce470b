package org.byzmarina.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Sampling;
import org.byzmarina.random.Seeds;
import org.byzmarina.theory.Theory;
import org.junit.jupiter.api.Test;

/** Who takes part in a round: the availability patterns, weighted sampling, traces, and their cost at n = 10⁶. */
class ParticipationTest {
    private static Participation.Availability parse(String s) {
        return Participation.Availability.parse(s);
    }

    /** Always online with uniform sampling is Floyd's algorithm on the round's SAMPLING stream, as before. */
    @Test
    void alwaysUniformIsTheEarlierSampling() {
        Participation p = Participation.always(50, 10, 9);
        int[] got = new int[7];
        for (long k = -1; k < 100; k++) {
            assertEquals(7, p.sample(k, 7, got));
            int[] want = Sampling.floyd(Seeds.stream(9, k, Seeds.SERVER, Purpose.SAMPLING), 50, 7);
            assertArrayEquals(want, got);
        }
        assertTrue(p.trivial());
        assertEquals(false, p.mayBeShort(7));
    }

    /**
     * Bernoulli availability with the Byzantines always online: over 20 000 rounds the share of samples
     * with a strict Byzantine majority is within 3 standard errors of the exact binomial mixture of
     * hypergeometrics (Theory.majorityUnderAvailability).
     */
    @Test
    void byzantineMajorityFrequencyMatchesTheExactValue() {
        int n = 20;
        int b = 5;
        int c = 4;
        int rounds = 20_000;
        for (double q : new double[] {0.2, 0.5, 0.8}) {
            Participation p = new Participation(n, b, 11, parse("bernoulli:" + q), true, null, null);
            int[] s = new int[c];
            int majority = 0;
            for (long k = 0; k < rounds; k++) {
                int m = p.sample(k, c, s);
                int byz = 0;
                for (int r = 0; r < m; r++) {
                    byz += s[r] >= n - b ? 1 : 0;
                }
                majority += 2 * byz > m ? 1 : 0;
            }
            double exact = Theory.majorityUnderAvailability(n, b, c, q, true);
            double measured = (double) majority / rounds;
            double se = Math.sqrt(exact * (1 - exact) / rounds);
            System.out.printf(java.util.Locale.ROOT, "bernoulli:%s, Byzantines always online: majority %.5f measured, "
                    + "%.5f exact, standard error %.5f (%.2f SE)%n", q, measured, exact, se, (measured - exact) / se);
            assertEquals(exact, measured, 3 * se, "q = " + q);
        }
    }

    /** Each client's chain: stationary at every time, and its one-step transitions are UP and DOWN (r ≤ 1 and r > 1). */
    @Test
    void markovChainsAreStationaryWithTheirTransitionProbabilities() {
        for (double[] ud : new double[][] {{0.1, 0.3}, {0.02, 0.05}, {0.9, 0.6}, {1, 1}}) {
            double up = ud[0];
            double down = ud[1];
            int n = 200_000;
            Participation p = new Participation(n, 0, 5, parse("markov:" + up + "," + down), false, null, null);
            double pi = up / (up + down);
            for (long k : new long[] {-1, 0, 57, 1000}) {
                int on = 0;
                int off = 0;
                int offOn = 0;
                int onOff = 0;
                for (int i = 0; i < n; i++) {
                    boolean a = p.online(k, i);
                    boolean b = p.online(k + 1, i);
                    if (a) {
                        on++;
                        onOff += b ? 0 : 1;
                    } else {
                        off++;
                        offOn += b ? 1 : 0;
                    }
                }
                String what = "markov:" + up + "," + down + " at round " + k;
                assertEquals(pi, (double) on / n, 3 * Math.sqrt(pi * (1 - pi) / n) + 1e-12, what + ": stationary share");
                assertEquals(up, (double) offOn / off, 3 * Math.sqrt(up * (1 - up) / off) + 1e-12, what + ": P(off -> on)");
                assertEquals(down, (double) onOff / on, 3 * Math.sqrt(down * (1 - down) / on) + 1e-12, what + ": P(on -> off)");
            }
        }
    }

    /** A client's state is a function of (seed, round, client): asking in any order, or anew, gives the same. */
    @Test
    void availabilityDoesNotDependOnTheOrderOfQuestions() {
        for (String a : new String[] {"bernoulli:0.3", "markov:0.05,0.1", "markov:0.7,0.8"}) {
            Participation first = new Participation(1000, 100, 3, parse(a), false, null, null);
            Participation second = new Participation(1000, 100, 3, parse(a), false, null, null);
            boolean[][] forward = new boolean[300][1000];
            for (int k = 0; k < 300; k++) {
                for (int i = 0; i < 1000; i++) {
                    forward[k][i] = first.online(k, i);
                }
            }
            for (int k = 299; k >= 0; k--) {
                for (int i = 999; i >= 0; i -= 7) {
                    assertEquals(forward[k][i], second.online(k, i), a + " round " + k + " client " + i);
                }
            }
        }
    }

    /** The sample is a sorted subset of the online clients, of size min(C, online). */
    @Test
    void samplesAreOnlineDistinctAndSorted() {
        Participation p = new Participation(40, 8, 1, parse("markov:0.2,0.3"), false, null, null);
        int[] s = new int[10];
        for (long k = -1; k < 500; k++) {
            int m = p.sample(k, 10, s);
            int online = 0;
            for (int i = 0; i < 40; i++) {
                online += p.online(k, i) ? 1 : 0;
            }
            assertEquals(Math.min(10, online), m, "round " + k);
            for (int r = 0; r < m; r++) {
                assertTrue(p.online(k, s[r]));
                assertTrue(r == 0 || s[r] > s[r - 1]);
            }
        }
    }

    /**
     * O(sampled) per round at n = 10⁶: the clients visited per round stay near C/q (no round looks at
     * every client), and the lazy Markov chains need no per-client state.
     */
    @Test
    void aMillionClientsCostOnlyWhatARoundVisits() {
        int n = 1_000_000;
        int c = 10;
        for (String a : new String[] {"bernoulli:0.3", "markov:0.01,0.02"}) {
            Participation p = new Participation(n, 200_000, 2, parse(a), true, null, null);
            int[] s = new int[c];
            int rounds = 2000;
            for (long k = -1; k < rounds; k++) {
                assertEquals(c, p.sample(k, c, s));
            }
            double perRound = (double) p.visits() / (rounds + 1);
            // Byzantines (a fifth) are always online: the expected visits are C/(0.2 + 0.8 q).
            double share = 0.2 + 0.8 * parse(a).onlineShare();
            assertTrue(perRound < 1.5 * c / share, a + ": " + perRound + " visits per round");
        }
    }

    /** Weighted sampling: the first draw is proportional to weight among the online clients; zero weights never come. */
    @Test
    void weightedSamplingIsProportional() {
        double[] w = {1, 2, 3, 0, 4};
        Participation p = new Participation(5, 0, 4, Participation.Availability.ALWAYS, false, w, null);
        int[] s = new int[1];
        int[] count = new int[5];
        int rounds = 20_000;
        for (long k = 0; k < rounds; k++) {
            assertEquals(1, p.sample(k, 1, s));
            count[s[0]]++;
        }
        for (int i = 0; i < 5; i++) {
            double expect = w[i] / 10;
            assertEquals(expect, (double) count[i] / rounds, 3 * Math.sqrt(expect * (1 - expect) / rounds) + 1e-12, "client " + i);
        }
        // Four clients have weight: a sample of five is short.
        int[] all = new int[5];
        assertEquals(4, p.sample(0, 5, all));
        assertArrayEquals(new int[] {0, 1, 2, 4}, Arrays.copyOf(all, 4));
        assertTrue(p.mayBeShort(5));
        assertEquals(false, p.mayBeShort(4));
    }

    /** Sequential sampling without replacement: P(S = {0, 1}) for weights 1, 2, 3 is 1/6·2/5 + 2/6·1/4 = 3/20. */
    @Test
    void weightedPairsFollowSequentialSampling() {
        double[] w = {1, 2, 3};
        Participation p = new Participation(3, 0, 8, parse("bernoulli:1"), false, w, null);
        int[] s = new int[2];
        int pair01 = 0;
        int rounds = 20_000;
        for (long k = 0; k < rounds; k++) {
            p.sample(k, 2, s);
            pair01 += s[0] == 0 && s[1] == 1 ? 1 : 0;
        }
        assertEquals(0.15, (double) pair01 / rounds, 3 * Math.sqrt(0.15 * 0.85 / rounds));
    }

    @Test
    void aTraceListsWhoIsOnlineAndRepeats() {
        int[][] rounds = {{0, 3, 5}, {}, {1, 9}};
        Participation p = new Participation(10, 2, 0, parse("trace:t.csv"), false, null, new Participation.Trace(rounds));
        int[] s = new int[4];
        assertEquals(3, p.sample(0, 4, s));
        assertArrayEquals(new int[] {0, 3, 5}, Arrays.copyOf(s, 3));
        assertEquals(0, p.sample(1, 4, s));
        assertEquals(2, p.sample(5, 4, s)); // round 5 reads trace round 2
        assertArrayEquals(new int[] {1, 9}, Arrays.copyOf(s, 2));
        assertEquals(3, p.sample(-1, 4, s)); // the initial estimator reads round 0
        assertEquals(2, p.sample(0, 2, s));
        // Byzantines (8, 9) always online: round 1 has them alone; round 2 has 1, 8, 9.
        Participation adversarial = new Participation(10, 2, 0, parse("trace:t.csv"), true, null, new Participation.Trace(rounds));
        assertEquals(2, adversarial.sample(1, 4, s));
        assertArrayEquals(new int[] {8, 9}, Arrays.copyOf(s, 2));
        assertEquals(3, adversarial.sample(2, 4, s));
        assertArrayEquals(new int[] {1, 8, 9}, Arrays.copyOf(s, 3));
    }

    @Test
    void badValuesAreRefusedWithTheirText() {
        for (String bad : new String[] {"sometimes", "bernoulli:0", "bernoulli:1.5", "bernoulli:x", "markov:0,0", "markov:0.1",
            "markov:0.1,2", "trace:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad));
            assertTrue(e.getMessage().contains("--availability"), e.getMessage());
        }
        assertEquals("markov:0.1,0.2", parse("markov:0.1,0.2").label());
    }
}
