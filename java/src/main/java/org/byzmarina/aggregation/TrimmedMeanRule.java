package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * CWTM, coordinate-wise trimmed mean (docs/algorithm.md): per coordinate drop the t largest and t smallest
 * values and average the rest; if m < 2t + 1, t becomes ⌊(m − 1)/2⌋. Sorted, never sum minus extremes.
 */
public final class TrimmedMeanRule implements Aggregator {
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(Kind.AGGREGATOR, "cwtm",
            "coordinate-wise trimmed mean: drop the t largest and t smallest per coordinate", "Yin, Chen, Ramchandran, Bartlett, ICML 2018",
            List.of(), (v, env) -> new TrimmedMeanRule(env.kernels(), env.budget()));

    private final Kernels kernels;
    private final ByzantineBudget trim;

    public TrimmedMeanRule(Kernels kernels, ByzantineBudget trim) {
        this.kernels = kernels;
        this.trim = trim;
    }

    /** The t actually used for m inputs. */
    public int trimFor(int m) {
        return trimFor(m, m);
    }

    /** The t actually used for m inputs made from {@code before} raw inputs. */
    public int trimFor(int m, int before) {
        return Math.min(trim.forInputs(before, m, ByzantineBudget.minorityCap(m)), (m - 1) / 2);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m);
        kernels.trimmedMean(x, m, trimFor(m, before), out);
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("the trimmed mean needs at least 1 input, got " + m);
        }
    }

    /**
     * Refuses a t given literally (the {@code aggregate} command's --byzantine) that would trim every
     * input: t must be below m/2 (2t + 1 ≤ m) instead of being lowered to ⌊(m − 1)/2⌋.
     */
    public static void requireLiteralTrim(long t, int m) {
        if (2 * t >= m) {
            throw new IllegalArgumentException("CWTM with t = " + t + " would drop 2t = " + 2 * t + " of the " + m
                    + " inputs it gets; t is taken literally and must be below m/2 (at most " + (m - 1) / 2 + ")");
        }
    }

    @Override
    public String describe() {
        return "cwtm";
    }
}
