package org.byzmarina.aggregation;

import org.byzmarina.kernels.Batch;

/** A reusable batch that grows when a call needs more rows (no allocation on the steady-state path). */
final class Scratch {
    private Batch batch;

    Batch get(int rows, int dim) {
        if (batch == null || batch.dim() != dim || batch.rows() < rows) {
            batch = Batch.allocate(Math.max(rows, 1), dim);
        }
        return batch;
    }
}
