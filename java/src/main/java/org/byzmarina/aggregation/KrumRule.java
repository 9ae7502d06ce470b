package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * Krum and Multi-Krum (Blanchard et al. 2017; docs/algorithm.md): score(i) = sum of the squared distances from
 * x_i to its m − f − 2 nearest other inputs; Krum outputs the lowest-scoring input (ties: lowest
 * index), Multi-Krum(q) the mean of the q lowest-scoring ones. Needs m ≥ 2f + 3. Distances come from
 * the pairwise-distance kernel (double, fixed order), so the choice is identical on every backend.
 */
public final class KrumRule implements Aggregator {
    /** q = 0 means "m − f" for Multi-Krum. */
    public static final int SELECT_DEFAULT = 0;
    public static final Setting<Integer> SELECT = Setting.derived("select", Group.AGGREGATION,
            SettingType.integer(0, Integer.MAX_VALUE), "m − f", "Multi-Krum's q, the inputs averaged (0 = m − f)");
    public static final Component<Aggregator, AggregationEnv> KRUM = Component.<Aggregator, AggregationEnv>of(Kind.AGGREGATOR, "krum",
            "the input with the smallest sum of squared distances to its m − f − 2 nearest others",
            "Blanchard, El Mhamdi, Guerraoui, Stainer, NeurIPS 2017", List.of(), (v, env) -> krum(env.kernels(), env.budget()))
            .withMemory((v, s) -> org.byzmarina.io.MemoryCheck.product(8, s.rows(), s.rows()));
    public static final Component<Aggregator, AggregationEnv> MULTI_KRUM = Component.<Aggregator, AggregationEnv>of(Kind.AGGREGATOR, "multikrum",
            "the mean of the q inputs with the lowest Krum scores",
            "El Mhamdi, Guerraoui, Rouault, ICML 2018", List.of(SELECT),
            (v, env) -> multiKrum(env.kernels(), env.budget(), v.get(SELECT, SELECT_DEFAULT)))
            .withMemory((v, s) -> org.byzmarina.io.MemoryCheck.product(8, s.rows(), s.rows()));

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final boolean multi;
    private final int select;
    private double[] distances = new double[0];
    private int[] lastSelection = new int[0];

    /** Krum: one input is selected. */
    public static KrumRule krum(Kernels kernels, ByzantineBudget budget) {
        return new KrumRule(kernels, budget, false, 1);
    }

    /** Multi-Krum(q); q = {@link #SELECT_DEFAULT} selects m − f inputs. */
    public static KrumRule multiKrum(Kernels kernels, ByzantineBudget budget, int q) {
        if (q < 0) {
            throw new IllegalArgumentException("Multi-Krum's q must be >= 1, got " + q);
        }
        return new KrumRule(kernels, budget, true, q);
    }

    private KrumRule(Kernels kernels, ByzantineBudget budget, boolean multi, int select) {
        this.kernels = kernels;
        this.budget = budget;
        this.multi = multi;
        this.select = select;
    }

    int selectFor(int m, int before) {
        if (!multi) {
            return 1;
        }
        return select == SELECT_DEFAULT ? m - budget.forInputs(before, m, ByzantineBudget.krumCap(m)) : select;
    }

    /** Most inputs whose m x m distance matrix one Java array holds. */
    static final int MAX_INPUTS = 46_340;

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        int f = budget.forInputs(before, m, ByzantineBudget.krumCap(m));
        long needed = 2L * f + 3; // 64-bit: 2f + 3 overflows an int for f near 2^30
        if (m < needed) {
            throw new IllegalArgumentException((multi ? "Multi-Krum" : "Krum") + " with f = " + f
                    + " needs at least 2f + 3 = " + needed + " inputs, got " + m);
        }
        requireDistanceMatrix(multi ? "Multi-Krum" : "Krum", m);
        int q = selectFor(m, before);
        if (q < 1 || q > m) {
            throw new IllegalArgumentException("Multi-Krum's q must be in [1, " + m + "], got " + q);
        }
    }

    /** Refuses m inputs whose m x m distance matrix would not fit one Java array. */
    static void requireDistanceMatrix(String rule, int m) {
        if (m > MAX_INPUTS) {
            throw new IllegalArgumentException(rule + " compares every pair of inputs and supports at most " + MAX_INPUTS
                    + " of them (an m x m distance matrix), got " + m);
        }
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        if (distances.length < m * m) {
            distances = new double[m * m];
        }
        kernels.pairwiseSquaredDistances(x, m, distances);
        double[] score = scores(distances, m, budget.forInputs(before, m, ByzantineBudget.krumCap(m)));
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        // Lowest score first; equal scores by lowest index.
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b]) : Integer.compare(a, b));
        int q = selectFor(m, before);
        int[] chosen = new int[q];
        for (int r = 0; r < q; r++) {
            chosen[r] = order[r];
        }
        Arrays.sort(chosen);
        lastSelection = chosen;
        kernels.groupMeans(x, m, chosen, new int[] {0, q}, 1, out);
    }

    /** score(i) = Σ of the m − f − 2 smallest distances from x_i to the others, summed in ascending order. */
    static double[] scores(double[] dist, int m, int f) {
        int neighbours = m - f - 2;
        double[] score = new double[m];
        double[] row = new double[m - 1];
        for (int i = 0; i < m; i++) {
            int n = 0;
            for (int k = 0; k < m; k++) {
                if (k != i) {
                    row[n++] = dist[i * m + k];
                }
            }
            Arrays.sort(row);
            double s = 0.0;
            for (int r = 0; r < neighbours; r++) {
                s += row[r];
            }
            score[i] = s;
        }
        return score;
    }

    /** The inputs selected by the last call, ascending (one index for Krum). */
    public int[] lastSelection() {
        return lastSelection.clone();
    }

    @Override
    public String describe() {
        return multi ? "multikrum" : "krum";
    }
}
