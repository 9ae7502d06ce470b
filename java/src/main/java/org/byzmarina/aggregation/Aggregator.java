package org.byzmarina.aggregation;

import org.byzmarina.kernels.Batch;

/**
 * A robust aggregation rule ARAgg of SPEC.md ("Robust aggregation"), or a wrapper around one
 * (bucketing, NNM). Inputs are the first m rows of a batch and must be finite: apply
 * {@link NonFiniteRule} first. Implementations keep scratch space between calls, so one instance
 * serves one thread.
 */
public interface Aggregator {
    /**
     * Aggregates rows 0..m-1 of x into row 0 of out.
     *
     * @param seed seed of this call's random stream (used by bucketing's permutation only)
     * @throws IllegalArgumentException if m inputs are too few for this rule ({@link #checkInputs})
     */
    void aggregate(Batch x, int m, Batch out, long seed);

    /** Throws IllegalArgumentException naming the problem if this rule cannot aggregate m inputs. */
    void checkInputs(int m);

    /** Short description, e.g. "cm∘bucketing(2)". */
    String describe();
}
