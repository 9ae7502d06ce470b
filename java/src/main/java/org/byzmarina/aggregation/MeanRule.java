package org.byzmarina.aggregation;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/** Mean of the inputs: the non-robust baseline of SPEC.md. */
public final class MeanRule implements Aggregator {
    private final Kernels kernels;

    public MeanRule(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        kernels.mean(x, m, out);
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("mean needs at least 1 input, got " + m);
        }
    }

    @Override
    public String describe() {
        return "mean";
    }
}
