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
 * MoNNA (Farhadkhani, Guerraoui, Gupta, Hoang, Pinot, Stephan, "Robust Collaborative Learning with
 * Linear Gradient Overhead", ICML 2023; docs/algorithm.md "More robust rules" cites Allouah et al. 2023), user
 * name {@code monna}.
 *
 * <p>Steps, with f = budget.forInputs(before, m, ⌊(m − 1)/2⌋) (needs f < m): r =
 * {@link ServerSide#reference()} (length d); ‖x_i − r‖² from {@link Kernels#squaredDistancesTo};
 * the m − f inputs nearest to r (ties: lowest index); output their mean, {@link Kernels#groupMeans}
 * over them in ascending order. No options.
 */
public final class MonnaRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "monna", "MoNNA: the mean of the m − f inputs nearest to the server's own vector",
            "Farhadkhani, Guerraoui, Gupta, Hoang, Pinot, Stephan, ICML 2023", List.of(FlTrustRule.ROOT_SAMPLES),
            (v, env) -> new MonnaRule(env.kernels(), env.budget(), env.server()));

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final ServerSide server;
    private final Order order = new Order();
    private final int[] start = new int[2];
    private double[] distances = new double[0];
    private int[] ranked = new int[0];
    private int lastCount;

    public MonnaRule(Kernels kernels, ByzantineBudget budget, ServerSide server) {
        this.kernels = kernels;
        this.budget = budget;
        this.server = server;
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
            throw new IllegalArgumentException("MoNNA needs at least 1 input, got " + m);
        }
        int f = budgetFor(m, before);
        if ((long) m - f < 1) {
            throw new IllegalArgumentException("MoNNA with f = " + f + " averages the m - f inputs nearest to the reference"
                    + " and needs f <= m - 1 = " + (m - 1) + " (got m = " + m + ")");
        }
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int keep = m - budgetFor(m, before);
        double[] r = server.reference();
        if (r.length != x.dim()) {
            throw new IllegalArgumentException("MoNNA's reference vector has " + r.length + " entries, the inputs have d = "
                    + x.dim());
        }
        if (distances.length < m) {
            distances = new double[m];
            ranked = new int[m];
        }
        kernels.squaredDistancesTo(x, m, r, distances);
        order.ascending(distances, m, ranked);
        Arrays.sort(ranked, 0, keep);
        lastCount = keep;
        start[1] = keep;
        kernels.groupMeans(x, m, ranked, start, 1, out);
    }

    /** The inputs averaged by the last call, ascending. */
    public int[] lastSelection() {
        return Arrays.copyOf(ranked, lastCount);
    }

    @Override
    public String describe() {
        return "monna";
    }
}
