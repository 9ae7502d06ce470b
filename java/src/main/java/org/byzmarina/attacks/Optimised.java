package org.byzmarina.attacks;

import org.byzmarina.kernels.Batch;

/**
 * An attack whose one parameter t (IPM's ε, ALIE's z) is chosen each round to maximise the damage
 * ‖ĝ(t) − μ‖, ĝ(t) the estimator the server would hold after the round if every Byzantine sent
 * u(t), through the aggregator actually in use (non-finite rule, clipping, pre-aggregators and the
 * round's bucketing included: {@link AttackContext.Server}), and μ the good full-vector mean
 * (Allouah et al., "Fixing by Mixing", AISTATS 2023).
 *
 * <p>The search over [0, 10] makes 16 server previews a round: a grid t = 0, 1.25, …, 10 (9
 * previews), then golden-section search (7 previews) on the two grid cells around the best grid point.
 * The best t seen wins (ties: the smaller t). Deterministic: no random numbers.
 */
abstract class Optimised implements Attack {
    static final double MAX = 10;
    static final int GRID = 9;
    static final int GOLDEN = 7;

    private double[] u = new double[0];
    private double[] estimate = new double[0];
    private double bestT;

    @Override
    public boolean needsGoodStatistics() {
        return true;
    }

    /** Coordinate j of the full vector u(t). */
    abstract double full(AttackContext ctx, double t, int j);

    /** The t chosen in the last round (for tests). */
    double lastT() {
        return bestT;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        int d = batch.dim();
        if (u.length != d) {
            u = new double[d];
            estimate = new double[d];
        }
        double best = Double.NEGATIVE_INFINITY;
        bestT = 0;
        double step = MAX / (GRID - 1);
        int bestIndex = 0;
        for (int i = 0; i < GRID; i++) {
            double damage = damage(ctx, batch, i * step);
            if (damage > best) {
                best = damage;
                bestT = i * step;
                bestIndex = i;
            }
        }
        // Golden-section search on [t_{b−1}, t_{b+1}] around the best grid point.
        double lo = Math.max(0, (bestIndex - 1) * step);
        double hi = Math.min(MAX, (bestIndex + 1) * step);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = damage(ctx, batch, a);
        double fb = damage(ctx, batch, b);
        for (int e = 2; ; e++) {
            if (fa > best || fa == best && a < bestT) {
                best = fa;
                bestT = a;
            }
            if (fb > best || fb == best && b < bestT) {
                best = fb;
                bestT = b;
            }
            if (e >= GOLDEN) {
                break;
            }
            if (fa >= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = damage(ctx, batch, a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = damage(ctx, batch, b);
            }
        }
        write(ctx, batch, bestT);
    }

    /** ‖ĝ(t) − μ‖ with every Byzantine row set to u(t)'s message. */
    private double damage(AttackContext ctx, Batch batch, double t) {
        write(ctx, batch, t);
        ctx.server().preview(batch, estimate);
        double s = 0;
        for (int j = 0; j < estimate.length; j++) {
            double e = estimate[j] - ctx.mean()[j];
            s += e * e;
        }
        return Double.isFinite(s) ? s : Double.NEGATIVE_INFINITY;
    }

    private void write(AttackContext ctx, Batch batch, double t) {
        for (int j = 0; j < u.length; j++) {
            u[j] = ctx.message(j, full(ctx, t, j));
        }
        for (int r = 0; r < ctx.byzantines(); r++) {
            batch.setRow(ctx.goodRows() + r, u);
        }
    }
}
