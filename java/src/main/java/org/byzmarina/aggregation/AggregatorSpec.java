package org.byzmarina.aggregation;

import org.byzmarina.kernels.Kernels;

/**
 * An aggregation pipeline as a user describes it: the rule, its parameters and the wrappers.
 * Validated on construction. Order when several are on (SPEC.md): NNM on the raw inputs, then
 * bucketing, then the rule.
 *
 * @param select Multi-Krum's q ({@link KrumRule#SELECT_DEFAULT} = m − f)
 */
public record AggregatorSpec(Rule rule, int bucketSize, boolean nnm, int select, int iterations, RfaSmoothing nu) {

    public AggregatorSpec {
        if (rule == null) {
            throw new IllegalArgumentException("an aggregation rule is required");
        }
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucket size must be >= 1, got " + bucketSize);
        }
        if (select < 0) {
            throw new IllegalArgumentException("Multi-Krum's q must be >= 1, got " + select);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("RFA iterations must be >= 1, got " + iterations);
        }
        if (nu == null) {
            throw new IllegalArgumentException("RFA smoothing nu is required");
        }
    }

    /**
     * Builds the pipeline.
     *
     * @param budget f (t for the trimmed mean) as a function of the rule's input counts
     */
    public Aggregator build(Kernels kernels, ByzantineBudget budget) {
        ByzantineBudget krumBudget = budget;
        ByzantineBudget trimBudget = budget;
        Aggregator a;
        switch (rule) {
            case MEAN:
                a = new MeanRule(kernels);
                break;
            case CM:
                a = new MedianRule(kernels);
                break;
            case CWTM:
                a = new TrimmedMeanRule(kernels, trimBudget);
                break;
            case RFA:
                a = new RfaRule(kernels, iterations, nu);
                break;
            case KRUM:
                a = KrumRule.krum(kernels, krumBudget);
                break;
            default:
                a = KrumRule.multiKrum(kernels, krumBudget, select);
        }
        if (bucketSize > 1) {
            a = new Bucketing(kernels, bucketSize, a);
        }
        if (nnm) {
            a = new NearestNeighbourMixing(kernels, krumBudget, a);
        }
        return a;
    }
}
