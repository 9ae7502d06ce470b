package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

/** IPM, inner-product manipulation (Xie, Koyejo, Gupta, UAI 2020): u = −ε μ. */
public final class InnerProductManipulation extends CommonVector {
    public static final Setting<Double> EPSILON = Setting.of("ipm-eps", Group.ATTACK, SettingType.number(0, true), 0.1,
            "ε of IPM");
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "ipm",
            "inner-product manipulation: −ε × the good clients' mean", "Xie, Koyejo, Gupta, UAI 2020",
            List.of(EPSILON), (v, env) -> new InnerProductManipulation(v.get(EPSILON)));

    private final double epsilon;

    InnerProductManipulation(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    double value(AttackContext ctx, int j) {
        return ctx.message(j, -epsilon * ctx.mean()[j]);
    }

    @Override
    public String describe() {
        return "ipm(eps=" + epsilon + ")";
    }
}
