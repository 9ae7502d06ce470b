package org.byzmarina.attacks;

/** opt-ipm (Allouah et al., AISTATS 2023): IPM's u = −ε μ with ε ∈ [0, 10] chosen each round ({@link Optimised}). */
final class OptimisedIpm extends Optimised {
    @Override
    double full(AttackContext ctx, double epsilon, int j) {
        return -epsilon * ctx.mean()[j];
    }

    @Override
    public String describe() {
        return "opt-ipm";
    }
}
