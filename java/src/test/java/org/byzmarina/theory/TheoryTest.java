package org.byzmarina.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.byzmarina.problems.Smoothness;
import org.junit.jupiter.api.Test;

/** The theory's probabilities against the paper's numbers and brute-force enumeration; A, γ and α by the formulas. */
class TheoryTest {
    private static Theory.Report paper(double p, double omega, double bound, double fa) {
        return Theory.of(new Theory.Inputs(20, 5, 4, 20, p, omega, bound, new Smoothness(0.5, 0.7, 1.2, 0), 1, fa));
    }

    /** docs/algorithm.md "Theory": n = 20, B = 5, C = 4. */
    @Test
    void thePapersSettingGivesItsNumbers() {
        Theory.Report r = paper(0.2, 0, 1, 1);
        assertEquals(0.7513, r.pG(), 5e-5);
        assertArrayEquals(new double[] {0.2817, 0.4696, 0.2167, 0.0310, 0.0010}, r.byzantinesInSample(), 5e-5);
        assertEquals(0.25, r.delta());
        assertEquals(3, r.t0());
    }

    /** p_G and P_{G_C^k} = P(a given good client is sampled | G_C^k), by enumerating all C(20, 4) samples. */
    @Test
    void probabilitiesMatchEnumeration() {
        int n = 20;
        int b = 5;
        int c = 4;
        int good = 0;
        int goodWithClient0 = 0;
        int total = 0;
        int[] byz = new int[c + 1];
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != c) {
                continue;
            }
            total++;
            int byzantines = Integer.bitCount(mask >>> (n - b));
            byz[byzantines]++;
            if (c - byzantines >= 3) {
                good++;
                goodWithClient0 += mask & 1;
            }
        }
        Theory.Report r = paper(0.2, 0, 1, 1);
        assertEquals((double) good / total, r.pG(), 1e-12);
        assertEquals((double) goodWithClient0 / good, r.pGSampled(), 1e-12);
        for (int j = 0; j <= c; j++) {
            assertEquals((double) byz[j] / total, r.byzantinesInSample()[j], 1e-12);
        }
    }

    @Test
    void aStepAndClipFollowThmsFourOneAndFourTwo() {
        double p = 0.01;
        double omega = 3;
        double dq = 4;
        double fa = 2;
        Theory.Report r = paper(p, omega, dq, fa);
        double pG = r.pG();
        double pS = r.pGSampled();
        double a41 = 32 * pG * 15 * pS * (30 * omega + 11) * (1 + 2 * 0.25) / (p * p * 0.75 * 4)
                + 16 * (1 - pG) * (1 + 4 * fa * fa) / (p * p);
        double a42 = 4 * pG * 15 * pS / (p * 0.75 * 4) * ((3 * omega + 2) / (0.75 * 4) + 8 * (5 * omega + 4) * 0.25 / p)
                + 8 * (1 - pG) * (2 + fa * fa * dq * dq) / (p * p);
        assertEquals(a41, r.thm41().a(), 1e-9 * a41);
        assertEquals(1 / (0.5 + Math.sqrt(a41)), r.thm41().step(), 1e-15);
        assertEquals(2 * 0.7, r.thm41().clipAlpha(), 1e-15);
        assertEquals(a42, r.thm42().a(), 1e-9 * a42);
        assertEquals(1 / (0.5 + Math.sqrt(a42)), r.thm42().step(), 1e-15);
        assertEquals(dq * 1.2, r.thm42().clipAlpha(), 1e-15);
    }

    /** With B = 0: p_G = 1, P_{G_C^k} = C/n and the (1 − p_G) terms vanish. */
    @Test
    void withoutByzantinesTheSecondTermsVanish() {
        Theory.Report r = Theory.of(new Theory.Inputs(20, 0, 4, 20, 0.1, 0, 1, new Smoothness(1, 1, 1, 0), 1, 1));
        assertEquals(1, r.pG(), 1e-15);
        assertEquals(0.2, r.pGSampled(), 1e-15);
        assertEquals(32 * 20 * 0.2 * 11 / (0.01 * 4), r.thm41().a(), 1e-6);
        assertEquals(0, r.majority());
    }

    @Test
    void lawsStayNormalisedAtAMillionClients() {
        double[] h = Theory.hypergeometric(1_000_000, 200_000, 1000);
        double s = 0;
        double mean = 0;
        for (int j = 0; j < h.length; j++) {
            s += h[j];
            mean += j * h[j];
        }
        assertEquals(1, s, 1e-12);
        assertEquals(200, mean, 1e-6);
        double[] bin = Theory.binomial(1_000_000, 0.3);
        s = 0;
        mean = 0;
        for (int k = 0; k < bin.length; k++) {
            s += bin[k];
            mean += k * bin[k];
        }
        assertEquals(1, s, 1e-9);
        assertEquals(300_000, mean, 1e-3);
    }

    /** Every client online (q = 1) is uniform sampling; a short round is decided by who is online. */
    @Test
    void majorityUnderAvailabilityReducesToTheUniformCase() {
        assertEquals(paper(0.2, 0, 1, 1).majority(), Theory.majorityUnderAvailability(20, 5, 4, 1, true), 1e-15);
        assertEquals(paper(0.2, 0, 1, 1).majority(), Theory.majorityUnderAvailability(20, 5, 4, 1, false), 1e-15);
        // n = 3, B = 1 always online, C = 4: every round is short; majority iff no good client is online.
        assertEquals(0.25, Theory.majorityUnderAvailability(3, 1, 4, 0.5, true), 1e-15);
    }
}
