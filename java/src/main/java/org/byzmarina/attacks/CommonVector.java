package org.byzmarina.attacks;

import org.byzmarina.kernels.Batch;

/** Attacks in which every Byzantine sends the same vector, a function of what they all know. */
abstract class CommonVector implements Attack {
    private double[] v = new double[0];

    /** Coordinate j of the message every Byzantine sends. */
    abstract double value(AttackContext ctx, int j);

    @Override
    public boolean needsGoodStatistics() {
        return true;
    }

    @Override
    public final void craft(AttackContext ctx, Batch batch) {
        if (v.length != batch.dim()) {
            v = new double[batch.dim()];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = value(ctx, j);
        }
        for (int r = 0; r < ctx.byzantines(); r++) {
            batch.setRow(ctx.goodRows() + r, v);
        }
    }
}
