package org.byzmarina.protocol;

/**
 * The state of a simulation at an evaluation point (before round {@code round}): what metrics.csv
 * reports. Arrays are the simulation's own: read them, do not keep them.
 *
 * @param x                 x^k
 * @param g                 the estimator the method holds (g^k; for the SGD family, the last aggregate)
 * @param oracleCalls       sample gradients computed by good clients so far
 * @param bits              uplink bits sent by good clients so far
 * @param majorityRounds    rounds so far whose sample had a strict Byzantine majority
 * @param clipLevel         λ of the latest clipping round (NaN if none yet)
 * @param clippedGood       good vectors clipped since the previous snapshot
 * @param clippableGood     good vectors received in clipping rounds since the previous snapshot
 * @param nonFinite         received vectors replaced by zero (non-finite rule) so far
 * @param shortRounds       rounds so far with fewer clients online than the sample size (not empty)
 * @param emptyRounds       rounds so far with nobody online (skipped)
 */
public record Snapshot(long round, double[] x, double[] g, long oracleCalls, long bits, long majorityRounds,
                       double clipLevel, long clippedGood, long clippableGood, long nonFinite, long shortRounds,
                       long emptyRounds) {
}
