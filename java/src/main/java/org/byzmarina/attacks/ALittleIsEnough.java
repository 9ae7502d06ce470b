package org.byzmarina.attacks;

import java.util.List;
import java.util.Locale;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

/** ALIE, a little is enough (Baruch, Baruch, Goldberg, NeurIPS 2019): u = μ − z σ. */
public final class ALittleIsEnough extends CommonVector {
    public static final Setting<Double> Z = Setting.derived("alie-z", Group.ATTACK, SettingType.number(Double.NEGATIVE_INFINITY, false),
            "Φ⁻¹((n − B − s)/(n − B)), s = ⌊n/2 + 1⌋ − B", "z of ALIE");
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "alie",
            "a little is enough: the good mean minus z standard deviations", "Baruch, Baruch, Goldberg, NeurIPS 2019",
            List.of(Z), (v, env) -> new ALittleIsEnough(v.given(Z) ? v.get(Z) : defaultZ(env.clients(), env.byzantine())));

    private final double z;

    ALittleIsEnough(double z) {
        this.z = z;
    }

    @Override
    public boolean needsStandardDeviation() {
        return true;
    }

    /** z = Φ⁻¹((n − B − s)/(n − B)), s = ⌊n/2 + 1⌋ − B. */
    static double defaultZ(int n, int b) {
        int s = n / 2 + 1 - b;
        double q = (n - b - s) / (double) (n - b);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("ALIE's default z is undefined for n = " + n + ", B = " + b
                    + " (give --alie-z)");
        }
        return Normal.inverseCdf(q);
    }

    @Override
    double value(AttackContext ctx, int j) {
        return ctx.message(j, ctx.mean()[j] - z * ctx.std()[j]);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "alie(z=%.4f)", z);
    }
}
