package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * Bulyan (El Mhamdi, Guerraoui, Rouault, "The Hidden Vulnerability of Distributed Learning in
 * Byzantium", ICML 2018; docs/algorithm.md "More robust rules"), user name {@code bulyan}.
 *
 * <p>Steps, with f = budget.forInputs(before, m, ⌊(m − 3)/4⌋) (docs/algorithm.md "f and t inside the protocol"):
 * <ol>
 *   <li>Refuse unless m ≥ 4f + 3 (checked in 64-bit arithmetic, so a huge literal f cannot wrap).</li>
 *   <li>D = the m × m squared distances, from one {@link Kernels#pairwiseSquaredDistances} call.</li>
 *   <li>R = all inputs. θ = m − 2f times: score every i in R by the sum of its k smallest squared
 *       distances to the other members of R, k = max(1, |R| − f − 2) (at most |R| − 1), summed in
 *       ascending order in double; move the lowest-scoring one (ties: lowest index) from R into the
 *       selection. This is Krum's winner of the remaining set each time.</li>
 *   <li>Per coordinate, the mean of the β = θ − 2f selected values closest to their median (ties in
 *       distance: the lower value): {@link Kernels#meanAroundMedian} over the selected rows with
 *       keep β, i.e. MeaMed with f' = 2f over the selection.</li>
 * </ol>
 * Scores and selections are Java doubles on the kernel's distances: identical on every engine.
 * No options.
 */
public final class BulyanRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "bulyan", "Bulyan: m − 2f inputs chosen one by one by Krum, then MeaMed with f' = 2f (needs m ≥ 4f + 3)",
            "El Mhamdi, Guerraoui, Rouault, ICML 2018", List.of(), (v, env) -> new BulyanRule(env.kernels(), env.budget()))
            .withMemory((v, s) -> MemoryCheck.product(16, s.rows(), s.rows()));

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private double[] distances = new double[0];
    private double[] row = new double[0];
    private int[] neighbours = new int[0];
    private int[] order = new int[0];
    private final Order sorter = new Order();
    private boolean[] selected = new boolean[0];
    private int[] selection = new int[0];
    private int[] rows = new int[0];
    private int lastCount;

    public BulyanRule(Kernels kernels, ByzantineBudget budget) {
        this.kernels = kernels;
        this.budget = budget;
    }

    /** f for m inputs made from {@code before} raw inputs. */
    public int budgetFor(int m, int before) {
        return budget.forInputs(before, m, ByzantineBudget.bulyanCap(m));
    }

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        int f = budgetFor(m, before);
        long needed = 4L * f + 3;
        if (m < needed) {
            throw new IllegalArgumentException("Bulyan with f = " + f + " needs at least 4f + 3 = " + needed
                    + " inputs, got " + m);
        }
        KrumRule.requireDistanceMatrix("Bulyan", m);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int f = budgetFor(m, before);
        if (distances.length < m * m) {
            distances = new double[m * m];
            row = new double[m];
            neighbours = new int[m * m];
            order = new int[m];
            selected = new boolean[m];
            selection = new int[m];
            rows = new int[m];
        }
        kernels.pairwiseSquaredDistances(x, m, distances);
        sortNeighbours(m);
        int theta = m - 2 * f;
        Arrays.fill(selected, 0, m, false);
        for (int step = 0; step < theta; step++) {
            int remaining = m - step;
            int k = Math.min(Math.max(1, remaining - f - 2), remaining - 1);
            int winner = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                if (selected[i]) {
                    continue;
                }
                double score = score(i, m, k);
                if (winner < 0 || score < best) { // strict: ties keep the lower index
                    winner = i;
                    best = score;
                }
            }
            selected[winner] = true;
            selection[step] = winner;
        }
        lastCount = theta;
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (selected[i]) {
                rows[n++] = i;
            }
        }
        kernels.meanAroundMedian(x, m, rows, theta, theta - 2 * f, out);
    }

    /** Row i of neighbours = 0..m-1 by distance from x_i ascending (ties: lower index), sorted once. */
    private void sortNeighbours(int m) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(distances, i * m, row, 0, m);
            sorter.ascending(row, m, order);
            System.arraycopy(order, 0, neighbours, i * m, m);
        }
    }

    /**
     * Sum of the k smallest distances from i to the other unselected inputs, in ascending order: the
     * first k of i's sorted neighbours still in R (the same values in the same order as sorting the
     * distances to R afresh, at O(m) per score instead of O(m log m)).
     */
    private double score(int i, int m, int k) {
        double s = 0.0;
        int taken = 0;
        for (int r = 0; r < m && taken < k; r++) {
            int j = neighbours[i * m + r];
            if (j != i && !selected[j]) {
                s += distances[i * m + j];
                taken++;
            }
        }
        return s;
    }

    /** The inputs selected by the last call, in the order they were selected. */
    public int[] lastSelection() {
        return Arrays.copyOf(selection, lastCount);
    }

    @Override
    public String describe() {
        return "bulyan";
    }
}
