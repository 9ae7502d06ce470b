package org.byzmarina.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The strided split ("niid", the authors' MNIST split without shuffling) and its parsing. */
class SplitsTest {
    @Test
    void niidDealsTheFilesRowsRoundRobin() {
        Splits s = Splits.of("niid", new double[10], 3, 99);
        // client 0: rows 0, 3, 6, 9; client 1: 1, 4, 7; client 2: 2, 5, 8 (no shuffle: the seed plays no part).
        assertArrayEquals(new int[] {0, 3, 6, 9, 1, 4, 7, 2, 5, 8}, s.order());
        assertArrayEquals(new int[] {0, 4, 7}, s.start());
        assertArrayEquals(new int[] {4, 3, 3}, s.count());
        assertArrayEquals(s.order(), Splits.of("niid", new double[10], 3, 1).order());
    }

    @Test
    void niidIsAValidSpecAndNeedsARowPerClient() {
        Splits.validate("niid");
        Splits.validate(" niid ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.validate("niid2"));
        assertTrue(e.getMessage().contains("niid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.strided(2, 3));
    }
}
