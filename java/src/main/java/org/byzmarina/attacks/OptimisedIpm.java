package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

/** opt-ipm (Allouah et al., AISTATS 2023): IPM's u = −ε μ with ε ∈ [0, 10] chosen each round ({@link Optimised}). */
public final class OptimisedIpm extends Optimised {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "opt-ipm",
            "IPM with ε ∈ [0, 10] chosen each round to maximise the damage through the aggregator in use",
            "Allouah et al., AISTATS 2023", List.of(), (v, env) -> new OptimisedIpm());

    @Override
    double full(AttackContext ctx, double epsilon, int j) {
        return -epsilon * ctx.mean()[j];
    }

    @Override
    public String describe() {
        return "opt-ipm";
    }
}
