package org.byzmarina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.byzmarina.kernels.Batch;
import org.junit.jupiter.api.Test;

/** Issue 9: sizes are computed in 64 bits and saturate instead of wrapping to a negative estimate. */
class MemoryCheckTest {
    @Test
    void productsAndSumsSaturate() {
        assertEquals(24L * 20 * 1000 * 123, MemoryCheck.product(24, 20, 1000, 123));
        assertEquals(Long.MAX_VALUE, MemoryCheck.product(24, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(0, MemoryCheck.product(Long.MAX_VALUE, Long.MAX_VALUE, 0));
        assertEquals(Long.MAX_VALUE, MemoryCheck.sum(Long.MAX_VALUE - 1, 2));
        assertEquals(10, MemoryCheck.sum(3, 7));
    }

    @Test
    void batchSizesOfHugeDimensionsAreNotNegative() {
        assertEquals(4L * 2147483648L, Batch.bytesFor(1, Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, Batch.bytesFor(Long.MAX_VALUE / 2, Integer.MAX_VALUE));
        assertEquals(20L * 128 * 4, Batch.bytesFor(20, 123));
    }
}
