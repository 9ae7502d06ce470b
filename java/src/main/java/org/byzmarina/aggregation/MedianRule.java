package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/** CM, coordinate-wise median (docs/algorithm.md; even counts average the two middle values). */
public final class MedianRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(Kind.AGGREGATOR, "cm",
            "coordinate-wise median (even counts: the mean of the two middle values)", "Yin, Chen, Ramchandran, Bartlett, ICML 2018",
            List.of(), (v, env) -> new MedianRule(env.kernels()));

    private final Kernels kernels;

    public MedianRule(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        kernels.coordinateMedian(x, m, out);
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("the coordinate-wise median needs at least 1 input, got " + m);
        }
    }

    @Override
    public String describe() {
        return "cm";
    }
}
