package org.byzmarina.protocol;

import org.byzmarina.aggregation.ServerSide;

/**
 * The server side the aggregation rules see during a run ({@link ServerSide}): the simulation sets,
 * before each aggregation, the space being aggregated (differences: CClip starts from 0; full
 * vectors: from g^k) and how to compute the trusted vector of the round.
 */
public final class ServerState implements ServerSide {
    /** Computes the server's own vector of the current round into {@code out}. */
    public interface ReferenceSource {
        void compute(double[] out);
    }

    private double[] center;
    private ReferenceSource source;
    private double[] reference;
    private boolean fresh;

    /** The next aggregation is of full vectors (centre g) or of differences (centre 0, g = null). */
    void aggregating(double[] centreOrNull, ReferenceSource source) {
        this.center = centreOrNull;
        this.source = source;
        this.fresh = false;
    }

    @Override
    public double[] center() {
        return center;
    }

    @Override
    public double[] reference() {
        if (source == null) {
            return NONE.reference();
        }
        if (!fresh) {
            source.compute(reference);
            fresh = true;
        }
        return reference;
    }

    /** Sizes the reference buffer. */
    void dimension(int d) {
        if (reference == null || reference.length != d) {
            reference = new double[d];
        }
    }
}
