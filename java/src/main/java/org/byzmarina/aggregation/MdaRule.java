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
 * MDA, minimum-diameter averaging (El Mhamdi, Guerraoui, Guirguis, Hoang, Rouault, "Genuinely
 * Distributed Byzantine Machine Learning", PODC 2020; docs/algorithm.md "More robust rules"), user name
 * {@code mda}.
 *
 * <p>Steps, with f = budget.forInputs(before, m, ⌊(m − 1)/2⌋):
 * <ol>
 *   <li>Refuse when C(m, f) > 10⁶ (exact 64-bit arithmetic) or f ≥ m.</li>
 *   <li>f = 0: the mean of all inputs. Otherwise D = the squared distances from one
 *       {@link Kernels#pairwiseSquaredDistances} call; the pairs sorted by D descending.</li>
 *   <li>For every f-subset E of excluded inputs (C(m, f) of them), the diameter² of S = [m] \ E is
 *       D of the first pair in that order with both ends in S. Keep the S of smallest diameter; ties
 *       (equal computed D): the lexicographically first S (as a sorted tuple). Comparing D, not √D,
 *       is the same order without the rounding of a square root.</li>
 *   <li>Output the mean of S: {@link Kernels#groupMeans} over S in ascending order.</li>
 * </ol>
 * Only O(m²) scalars are handled in Java; the choice is identical on every engine. No options.
 */
public final class MdaRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "mda", "minimum-diameter averaging: the mean of the m − f inputs with the smallest diameter",
            "El Mhamdi, Guerraoui, Guirguis, Hoang, Rouault, NeurIPS 2021", List.of(),
            (v, env) -> new MdaRule(env.kernels(), env.budget())).withMemory((v, s) -> MemoryCheck.product(16, s.rows(), s.rows()));

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final Order order = new Order();
    private final Subsets subsets = new Subsets();
    private final int[] start = new int[2];
    private double[] distances = new double[0];
    private int[] codes = new int[0];
    private int[] kept = new int[0];
    private int[] best = new int[0];
    private int lastCount;

    public MdaRule(Kernels kernels, ByzantineBudget budget) {
        this.kernels = kernels;
        this.budget = budget;
    }

    /** f for m inputs made from {@code before} raw inputs. */
    public int budgetFor(int m, int before) {
        return budget.forInputs(before, m, ByzantineBudget.minorityCap(m));
    }

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        if (m < 1) {
            throw new IllegalArgumentException("MDA needs at least 1 input, got " + m);
        }
        Subsets.requireEnumerable("MDA", m, budgetFor(m, before));
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int f = budgetFor(m, before);
        int s = m - f;
        if (kept.length < m) {
            kept = new int[m];
            best = new int[m];
        }
        if (f == 0) {
            subsets.start(m, 0);
            subsets.kept(best);
        } else {
            search(x, m, f);
        }
        lastCount = s;
        start[1] = s;
        kernels.groupMeans(x, m, best, start, 1, out);
    }

    private void search(Batch x, int m, int f) {
        if (distances.length < m * m) {
            distances = new double[m * m];
            codes = new int[m * (m - 1) / 2];
        }
        kernels.pairwiseSquaredDistances(x, m, distances);
        int pairs = Subsets.sortedPairs(distances, m, codes, order);
        double bestDiameter = Double.POSITIVE_INFINITY;
        subsets.start(m, f);
        do {
            int c = subsets.firstKeptPair(codes, pairs);
            double diameter = c < 0 ? 0.0 : distances[c];
            if (diameter <= bestDiameter) { // E in lexicographic order: the last tie is the first S
                bestDiameter = diameter;
                subsets.kept(best);
            }
        } while (subsets.next());
    }

    /** The inputs averaged by the last call, ascending. */
    public int[] lastSelection() {
        return Arrays.copyOf(best, lastCount);
    }

    @Override
    public String describe() {
        return "mda";
    }
}
