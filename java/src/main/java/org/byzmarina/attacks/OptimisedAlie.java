package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

/** opt-alie (Allouah et al., AISTATS 2023): ALIE's u = μ − z σ with z ∈ [0, 10] chosen each round ({@link Optimised}). */
public final class OptimisedAlie extends Optimised {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "opt-alie",
            "ALIE with z ∈ [0, 10] chosen each round to maximise the damage through the aggregator in use",
            "Allouah et al., AISTATS 2023", List.of(), (v, env) -> new OptimisedAlie());

    @Override
    public boolean needsStandardDeviation() {
        return true;
    }

    @Override
    double full(AttackContext ctx, double z, int j) {
        return ctx.mean()[j] - z * ctx.std()[j];
    }

    @Override
    public String describe() {
        return "opt-alie";
    }
}
