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
 * ARC, adaptive robust clipping (Allouah, Guerraoui, Gupta, Jellouli, Rizk, Stephan, "Boosting
 * Robustness by Clipping Gradients in Distributed Learning", 2024; docs/algorithm.md "More robust rules"), a
 * pre-aggregator, user name {@code arc}.
 *
 * <p>Steps, with f = budget.forInputs(m, m, ⌊(m − 1)/2⌋) (ARC works on the raw inputs; needs f ≤ m):
 * <ol>
 *   <li>k = ⌊2f(m − f)/m⌋ in 64-bit integer arithmetic.</li>
 *   <li>‖x_i‖² from {@link Kernels#squaredNorms}; the inputs ranked by norm, largest first, ties: the
 *       lower index counts as larger.</li>
 *   <li>The k first-ranked inputs are clipped to λ = the norm of the (k+1)-th ranked (√ of its
 *       squared norm, in double); the others are unchanged: one {@link Kernels#clip} call with level
 *       λ for those k rows and +∞ for the rest, from the caller's batch into a scratch copy (the
 *       caller's batch is never modified; with k = 0 the inner aggregator reads the caller's batch).</li>
 *   <li>The inner aggregator runs on the copy, with {@code before} passed through.</li>
 * </ol>
 * No options.
 */
public final class AdaptiveRobustClipping implements Aggregator {
    public static final Setting<Boolean> ARC = Setting.flag("arc", Group.AGGREGATION,
            "adaptive robust clipping of the k = ⌊2f(m − f)/m⌋ largest inputs before the rule", false);
    public static final Component<PreAggregator, AggregationEnv> COMPONENT = Component.<PreAggregator, AggregationEnv>of(
            Kind.PRE_AGGREGATOR, "arc", "ARC: the k largest inputs clipped to the (k+1)-th largest norm (on with --arc)",
            "Allouah, Guerraoui, Gupta, Jellouli, Rizk, Stephan, 2024", List.of(ARC),
            (v, env) -> v.get(ARC) ? inner -> new AdaptiveRobustClipping(env.kernels(), env.budget(), inner) : null)
            .withMemory((v, s) -> v.get(ARC) ? org.byzmarina.kernels.Batch.bytesFor(s.rows(), s.dim()) : 0);

    private final Kernels kernels;
    private final ByzantineBudget budget;
    private final Aggregator inner;
    private final Order order = new Order();
    private final Scratch clipped = new Scratch();
    private double[] sqNorms = new double[0];
    private double[] levels = new double[0];
    private int[] ranked = new int[0];
    private int lastClipped;
    private double lastLevel;

    public AdaptiveRobustClipping(Kernels kernels, ByzantineBudget budget, Aggregator inner) {
        this.kernels = kernels;
        this.budget = budget;
        this.inner = inner;
    }

    /** f for m raw inputs. */
    public int budgetFor(int m) {
        return budget.forInputs(m, m, ByzantineBudget.minorityCap(m));
    }

    /** k = ⌊2f(m − f)/m⌋ in 64-bit arithmetic (0 for m = 0). */
    public static long clippedCount(long m, long f) {
        return m == 0 ? 0 : 2 * f * (m - f) / m;
    }

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        if (m < 1) {
            throw new IllegalArgumentException("ARC needs at least 1 input, got " + m);
        }
        int f = budgetFor(m);
        if (f > m) {
            throw new IllegalArgumentException("ARC with f = " + f + " clips floor(2f(m - f)/m) inputs and needs f <= m = "
                    + m);
        }
        inner.checkInputs(m, before);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        int k = (int) clippedCount(m, budgetFor(m));
        if (sqNorms.length < m) {
            sqNorms = new double[m];
            levels = new double[m];
            ranked = new int[m];
        }
        Arrays.fill(levels, 0, m, Double.POSITIVE_INFINITY);
        double level = Double.POSITIVE_INFINITY;
        if (k > 0) {
            kernels.squaredNorms(x, m, sqNorms);
            order.descending(sqNorms, m, ranked);
            level = Math.sqrt(sqNorms[ranked[k]]);
            for (int r = 0; r < k; r++) {
                levels[ranked[r]] = level;
            }
        }
        lastClipped = k;
        lastLevel = level;
        if (k == 0) {
            inner.aggregate(x, m, before, out, seed); // nothing to clip: no copy needed
            return;
        }
        Batch copy = clipped.get(m, x.dim());
        kernels.clip(x, copy, m, levels, null, null);
        inner.aggregate(copy, m, before, out, seed);
    }

    /** k of the last call (inputs clipped to {@link #lastLevel()}). */
    public int lastClipped() {
        return lastClipped;
    }

    /** The clipping level of the last call (+∞ when k = 0). */
    public double lastLevel() {
        return lastLevel;
    }

    @Override
    public String describe() {
        return inner.describe() + "∘arc";
    }
}
