package org.byzmarina.aggregation;

/**
 * A step applied to the inputs before the rule (static clipping or ARC, then NNM, then bucketing:
 * the registry lists them outermost first). A component of this kind builds null when its setting
 * does not switch it on.
 */
@FunctionalInterface
public interface PreAggregator {
    Aggregator wrap(Aggregator inner);
}
