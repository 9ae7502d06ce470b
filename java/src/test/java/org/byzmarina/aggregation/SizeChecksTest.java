package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.junit.jupiter.api.Test;

/** Issue 9: the rules' size checks in 64-bit arithmetic (no f, t or bucket count wraps into a pass). */
class SizeChecksTest {
    static final Kernels K = new JavaKernels(1);

    @Test
    void krumsTwoFPlusThreeDoesNotOverflow() {
        for (int f : new int[] {1_073_741_823, 2_000_000_000, Integer.MAX_VALUE}) {
            for (Aggregator rule : new Aggregator[] {KrumRule.krum(K, ByzantineBudget.literal(f)),
                KrumRule.multiKrum(K, ByzantineBudget.literal(f), KrumRule.SELECT_DEFAULT)}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule.checkInputs(20));
                assertTrue(e.getMessage().contains("needs at least 2f + 3 = " + (2L * f + 3) + " inputs, got 20"), e.getMessage());
            }
        }
        assertDoesNotThrow(() -> KrumRule.krum(K, ByzantineBudget.literal(8)).checkInputs(19));
        assertThrows(IllegalArgumentException.class, () -> KrumRule.krum(K, ByzantineBudget.literal(9)).checkInputs(20));
    }

    @Test
    void pairwiseRulesRefuseMoreInputsThanADistanceMatrixHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KrumRule.krum(K, ByzantineBudget.literal(0)).checkInputs(KrumRule.MAX_INPUTS + 1));
        assertTrue(e.getMessage().contains("at most 46340"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new NearestNeighbourMixing(K, ByzantineBudget.literal(0), new MeanRule(K)).checkInputs(100_000));
        assertDoesNotThrow(() -> KrumRule.krum(K, ByzantineBudget.literal(0)).checkInputs(KrumRule.MAX_INPUTS));
    }

    @Test
    void nnmRefusesAnFAsLargeAsTheInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NearestNeighbourMixing(K, ByzantineBudget.literal(Integer.MAX_VALUE), new MeanRule(K)).checkInputs(20));
        assertTrue(e.getMessage().contains("f = 2147483647"), e.getMessage());
    }

    @Test
    void bucketCountsDoNotOverflow() {
        assertEquals(1, Bucketing.buckets(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(2, Bucketing.buckets(Integer.MAX_VALUE, Integer.MAX_VALUE - 1));
        assertEquals(1, Bucketing.buckets(20, Integer.MAX_VALUE));
        assertDoesNotThrow(() -> new Bucketing(K, Integer.MAX_VALUE, new MeanRule(K)).checkInputs(20));
    }

    @Test
    void aLiteralTrimMustStayBelowHalfTheInputs() {
        assertDoesNotThrow(() -> TrimmedMeanRule.requireLiteralTrim(9, 20));
        assertDoesNotThrow(() -> TrimmedMeanRule.requireLiteralTrim(2, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrimmedMeanRule.requireLiteralTrim(10, 20));
        assertTrue(e.getMessage().contains("t = 10") && e.getMessage().contains("at most 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrimmedMeanRule.requireLiteralTrim(Integer.MAX_VALUE, 20));
        // The protocol's t (not literal) is still lowered to ⌊(m − 1)/2⌋, as docs/algorithm.md says.
        assertEquals(9, new TrimmedMeanRule(K, ByzantineBudget.literal(10)).trimFor(20));
    }
}
