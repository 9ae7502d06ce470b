package org.byzmarina.attacks;

import org.byzmarina.kernels.Batch;

/**
 * What the Byzantine clients sampled in a round send (docs/algorithm.md "Attacks"). The server loop first
 * fills the good rows 0..goodRows−1 and, where {@link #startsFromOwnVector()}, the Byzantine rows
 * with the Byzantine's own vector; {@link #craft} then writes the Byzantine rows as messages
 * (through {@link AttackContext#message}, which turns a full vector u into u − g^k where the server
 * aggregates differences).
 */
public interface Attack {
    /** Writes rows ctx.goodRows() .. ctx.goodRows() + byzClients.length − 1 of the batch. */
    void craft(AttackContext ctx, Batch batch);

    /**
     * True if the Byzantine rows must first hold the Byzantine's own vector (bit and label flipping):
     * in the full attack space its plain minibatch gradient at the round's point (b fresh samples of
     * its own data, no momentum), in the difference space what a good client holding its data would
     * send.
     */
    default boolean startsFromOwnVector() {
        return false;
    }

    /** True if the own vectors are computed on flipped labels (label flipping). */
    default boolean flipsLabels() {
        return false;
    }

    /** True if craft reads μ of the good vectors. */
    default boolean needsGoodStatistics() {
        return false;
    }

    /** True if craft reads the good vectors themselves ({@link AttackContext#good()}). */
    default boolean needsGoodVectors() {
        return false;
    }

    /** True if craft also reads σ of the good vectors. */
    default boolean needsStandardDeviation() {
        return false;
    }

    String describe();
}
