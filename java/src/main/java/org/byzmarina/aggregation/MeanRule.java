package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/** Mean of the inputs: the non-robust baseline of docs/algorithm.md. */
public final class MeanRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(Kind.AGGREGATOR, "mean",
            "the plain mean (not robust: the baseline)", "", List.of(), (v, env) -> new MeanRule(env.kernels()));

    private final Kernels kernels;
    private int[] index = new int[0];
    private final int[] start = new int[2];

    public MeanRule(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        if (index.length != m) {
            index = Identity.range(m);
        }
        start[1] = m;
        kernels.groupMeans(x, m, index, start, 1, out); // the mean as one group, rows in ascending order
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
