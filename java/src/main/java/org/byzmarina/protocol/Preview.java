package org.byzmarina.protocol;

import java.util.Arrays;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.NonFiniteRule;
import org.byzmarina.attacks.AttackContext;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * The server's step of the current round, run on a copy of a candidate batch: what optimising
 * attacks (opt-ipm, opt-alie) maximise against. Difference rounds: g^k + ARAgg(clip_λ(v)); full
 * rounds: ARAgg(v) after the non-finite rule. The same aggregator and bucketing seed as the real
 * step, so the preview is exactly what the server would compute.
 */
final class Preview implements AttackContext.Server {
    private final Kernels kernels;
    private final NonFiniteRule nonFinite;
    private final double[] g;
    private final Batch copy;
    private final Batch out;
    private final double[] levels;
    private final byte[] flags;
    private boolean fullForm;
    private double lambda;
    private Aggregator aggregator;
    private long seed;
    private int m;
    private boolean subtractFirst;

    Preview(Kernels kernels, double[] g, int rows, int d) {
        this.kernels = kernels;
        this.nonFinite = new NonFiniteRule(kernels);
        this.g = g;
        this.copy = Batch.allocate(rows, d);
        this.out = Batch.allocate(1, d);
        this.levels = new double[rows];
        this.flags = new byte[rows];
    }

    /** The round's server step: full vectors, or differences clipped at λ, through {@code aggregator}. */
    void set(boolean fullForm, double lambda, Aggregator aggregator, long seed, int m) {
        this.subtractFirst = false;
        this.fullForm = fullForm;
        this.lambda = lambda;
        this.aggregator = aggregator;
        this.seed = seed;
        this.m = m;
    }

    /** The difference-space ablation of eq. (10): rows hold u_i, the server forms u_i − g^{k−1} itself. */
    void subtractFirst() {
        this.subtractFirst = true;
    }

    @Override
    public void preview(Batch batch, double[] estimate) {
        for (int r = 0; r < m; r++) {
            copy.copyRow(batch, r, r);
        }
        if (subtractFirst) {
            nonFinite.apply(copy, m);
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < g.length; j++) {
                    copy.set(r, j, (float) (copy.get(r, j) - g[j]));
                }
            }
        }
        if (fullForm) {
            nonFinite.apply(copy, m);
        } else {
            Arrays.fill(levels, 0, m, lambda);
            kernels.clip(copy, copy, m, levels, null, flags);
        }
        aggregator.aggregate(copy, m, out, seed);
        for (int j = 0; j < estimate.length; j++) {
            estimate[j] = fullForm ? out.get(0, j) : g[j] + out.get(0, j);
        }
    }
}
