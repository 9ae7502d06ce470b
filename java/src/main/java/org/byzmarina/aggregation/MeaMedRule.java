package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * MeaMed, mean around the median (Xie, Koyejo, Gupta, "Generalized Byzantine-tolerant SGD",
 * arXiv 1802.10116, 2018; docs/algorithm.md "More robust rules"), user name {@code meamed}.
 *
 * <p>Steps: f = budget.forInputs(before, m, ⌊(m − 1)/2⌋) (docs/algorithm.md "f and t inside the protocol");
 * per coordinate, the mean of the keep = m − f values closest to that coordinate's median (the
 * average of the two middle values for even m), ties in distance to the lower value, summed in
 * double in ascending order: one call of {@link Kernels#meanAroundMedian}. Needs m − f ≥ 1 (a literal
 * f is refused otherwise). No options.
 */
public final class MeaMedRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "meamed", "mean around the median: per coordinate, the mean of the m − f values closest to the median",
            "Xie, Koyejo, Gupta, arXiv 1802.10116 (2018)", List.of(), (v, env) -> new MeaMedRule(env.kernels(), env.budget()));

    private final Kernels kernels;
    private final ByzantineBudget budget;

    public MeaMedRule(Kernels kernels, ByzantineBudget budget) {
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
            throw new IllegalArgumentException("MeaMed needs at least 1 input, got " + m);
        }
        int f = budgetFor(m, before);
        if ((long) m - f < 1) {
            throw new IllegalArgumentException("MeaMed with f = " + f + " keeps m - f values per coordinate and needs"
                    + " f <= m - 1 = " + (m - 1) + " (got m = " + m + ")");
        }
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        kernels.meanAroundMedian(x, m, null, m, m - budgetFor(m, before), out);
    }

    @Override
    public String describe() {
        return "meamed";
    }
}
