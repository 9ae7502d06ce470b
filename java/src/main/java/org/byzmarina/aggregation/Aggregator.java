package org.byzmarina.aggregation;

import org.byzmarina.kernels.Batch;

/**
 * A robust aggregation rule ARAgg of docs/algorithm.md ("Robust aggregation"), or a wrapper around one
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

    /**
     * As {@link #aggregate(Batch, int, Batch, long)} for a rule inside bucketing: its m inputs are
     * bucket means of {@code before} raw inputs, from which its Byzantine budget is set (docs/algorithm.md "f and
     * t inside the protocol"). Rules without a budget ignore {@code before}.
     */
    default void aggregate(Batch x, int m, int before, Batch out, long seed) {
        aggregate(x, m, out, seed);
    }

    /** Throws IllegalArgumentException naming the problem if this rule cannot aggregate m inputs. */
    void checkInputs(int m);

    /** As {@link #checkInputs(int)} for m inputs made from {@code before} raw inputs. */
    default void checkInputs(int m, int before) {
        checkInputs(m);
    }

    /** Short description, e.g. "cm∘bucketing(2)". */
    String describe();
}
