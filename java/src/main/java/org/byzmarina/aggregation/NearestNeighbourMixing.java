package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * NNM, nearest-neighbour mixing (Allouah et al. 2023; docs/algorithm.md): each x_i is replaced by the mean of
 * its m − f nearest inputs (itself included; other neighbours by distance, ties by lowest index),
 * then the inner aggregator runs on the mixed vectors. Each mean is summed in ascending row order.
 */
public final class NearestNeighbourMixing implements Aggregator {
    public static final Setting<Boolean> NNM = Setting.flag("nnm", Group.AGGREGATION,
            "nearest-neighbour mixing before bucketing and the rule", false);
    public static final Component<PreAggregator, AggregationEnv> COMPONENT = Component.<PreAggregator, AggregationEnv>of(Kind.PRE_AGGREGATOR, "nnm",
            "nearest-neighbour mixing: each input replaced by the mean of its m − f nearest inputs (on with --nnm)",
            "Allouah et al., AISTATS 2023", List.of(NNM),
            (v, env) -> v.get(NNM) ? inner -> new NearestNeighbourMixing(env.kernels(), env.budget(), inner) : null)
            .withMemory((v, s) -> v.get(NNM) ? MemoryCheck.sum(Batch.bytesFor(s.rows(), s.dim()), MemoryCheck.product(8, s.rows(), s.rows())) : 0);
    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final Aggregator inner;
    private final Scratch mixed = new Scratch();
    private double[] distances = new double[0];

    public NearestNeighbourMixing(Kernels kernels, ByzantineBudget budget, Aggregator inner) {
        this.kernels = kernels;
        this.budget = budget;
        this.inner = inner;
    }

    @Override
    public void checkInputs(int m) {
        int f = budget.forInputs(m, m, ByzantineBudget.krumCap(m));
        if (m < 1 || (long) m - f < 1) {
            throw new IllegalArgumentException("NNM with f = " + f + " needs more than f inputs, got " + m);
        }
        KrumRule.requireDistanceMatrix("NNM", m);
        inner.checkInputs(m);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        int keep = m - budget.forInputs(m, m, ByzantineBudget.krumCap(m));
        if (distances.length < m * m) {
            distances = new double[m * m];
        }
        kernels.pairwiseSquaredDistances(x, m, distances);
        int[] index = new int[m * keep];
        int[] start = new int[m + 1];
        Integer[] others = new Integer[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                others[k] = k;
            }
            final int row = i;
            // Itself first (distance 0 by definition), then the others by (distance, index).
            Arrays.sort(others, (a, b) -> {
                if (a == row || b == row) {
                    return a == row ? (b == row ? 0 : -1) : 1;
                }
                double da = distances[row * m + a];
                double db = distances[row * m + b];
                return da != db ? Double.compare(da, db) : Integer.compare(a, b);
            });
            int[] neighbours = new int[keep];
            for (int r = 0; r < keep; r++) {
                neighbours[r] = others[r];
            }
            Arrays.sort(neighbours);
            System.arraycopy(neighbours, 0, index, i * keep, keep);
            start[i + 1] = (i + 1) * keep;
        }
        Batch mix = mixed.get(m, x.dim());
        kernels.groupMeans(x, m, index, start, m, mix);
        inner.aggregate(mix, m, out, seed);
    }

    @Override
    public String describe() {
        return inner.describe() + "∘nnm";
    }
}
