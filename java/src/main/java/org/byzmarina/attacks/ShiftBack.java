package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

/**
 * SHB, shift-back (the paper's attack, Malinovsky et al. 2024): with a strict Byzantine majority in
 * the sample, u = β(x^{k+1} − x⁰), the estimator that points back to the start (v = u − g^k in a
 * difference round, in either attack space); otherwise u = μ.
 */
public final class ShiftBack extends CommonVector {
    public static final Setting<Double> SCALE = Setting.of("shb-scale", Group.ATTACK, SettingType.number(0, true), 1.0,
            "β of the shift-back attack (the authors' MNIST runs use 2/γ)");
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "shb",
            "shift-back: with a Byzantine majority, the estimator β(x − x⁰) pointing back to the start; else the good mean",
            "Malinovsky, Richtárik, Horváth, Gorbunov, NeurIPS 2024", List.of(SCALE), (v, env) -> new ShiftBack(v.get(SCALE)));

    private final double beta;

    ShiftBack(double beta) {
        this.beta = beta;
    }

    @Override
    double value(AttackContext ctx, int j) {
        if (!ctx.byzantineMajority()) {
            return ctx.message(j, ctx.mean()[j]);
        }
        return ctx.fullVectorMessage(j, beta * (ctx.xNext()[j] - ctx.x0()[j]));
    }

    @Override
    public String describe() {
        return "shb(beta=" + beta + ")";
    }
}
