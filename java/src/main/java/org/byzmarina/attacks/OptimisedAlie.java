package org.byzmarina.attacks;

/** opt-alie (Allouah et al., AISTATS 2023): ALIE's u = μ − z σ with z ∈ [0, 10] chosen each round ({@link Optimised}). */
final class OptimisedAlie extends Optimised {
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
