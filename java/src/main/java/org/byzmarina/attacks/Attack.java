package org.byzmarina.attacks;

import org.byzmarina.kernels.Batch;

/**
 * What the Byzantine clients sampled in a round send (SPEC.md "Attacks"). The server loop first
 * fills the good rows 0..goodRows−1 and, where {@link #needsHonestRows()}, the Byzantine rows with
 * what a good client holding their data would send; {@link #craft} then writes the Byzantine rows.
 */
public interface Attack {
    /** Writes rows ctx.goodRows() .. ctx.goodRows() + byzClients.length − 1 of the batch. */
    void craft(AttackContext ctx, Batch batch);

    /** True if the Byzantine rows must first hold their honest vectors (bit flipping, label flipping). */
    default boolean needsHonestRows() {
        return false;
    }

    /** True if the honest rows are computed on flipped labels (label flipping). */
    default boolean flipsLabels() {
        return false;
    }

    /** True if craft reads μ of the good vectors. */
    default boolean needsGoodStatistics() {
        return false;
    }

    /** True if craft also reads σ of the good vectors. */
    default boolean needsStandardDeviation() {
        return false;
    }

    String describe();
}
