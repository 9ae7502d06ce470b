package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.kernels.Batch;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/** Gaussian noise: u = μ + N(0, σ² I), each Byzantine from its own stream (seed, round, client, ATTACK_NOISE). */
public final class GaussianNoise implements Attack {
    public static final Setting<Double> SIGMA = Setting.of("noise-sigma", Group.ATTACK, SettingType.number(0, false), 1.0,
            "σ of the Gaussian-noise attack");
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "noise",
            "Gaussian noise around the good mean", "", List.of(SIGMA), (v, env) -> new GaussianNoise(v.get(SIGMA)));

    private final double sigma;
    private double[] v = new double[0];
    private final SplitMix64 rng = new SplitMix64(0);

    GaussianNoise(double sigma) {
        this.sigma = sigma;
    }

    @Override
    public boolean needsGoodStatistics() {
        return true;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        if (v.length != batch.dim()) {
            v = new double[batch.dim()];
        }
        for (int r = 0; r < ctx.byzantines(); r++) {
            Seeds.stream(rng, ctx.seed(), ctx.round(), ctx.byzClients()[r], Purpose.ATTACK_NOISE);
            for (int j = 0; j < v.length; j++) {
                v[j] = ctx.message(j, ctx.mean()[j] + sigma * rng.nextGaussian());
            }
            batch.setRow(ctx.goodRows() + r, v);
        }
    }

    @Override
    public String describe() {
        return "noise(sigma=" + sigma + ")";
    }
}
