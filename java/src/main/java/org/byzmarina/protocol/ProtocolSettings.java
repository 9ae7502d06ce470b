package org.byzmarina.protocol;

/**
 * The resolved settings of one simulation (docs/algorithm.md, "Byz-VR-MARINA-PP"); validated on construction.
 *
 * @param sampled     C, clients sampled in a c_k = 0 round (SGD family: every round)
 * @param bigCohort   Ĉ, clients sampled in a c_k = 1 round (n = full participation)
 * @param p           probability of c_k = 1
 * @param clip        how λ_{k+1} follows from g^k (none, paper mode α, code mode c)
 * @param epochRounds rounds per epoch for {@code coin epoch} (min(⌈m/b⌉, 1000) in the paper's code)
 * @param momentum    β of BR-SGDm
 * @param omniscient  attacks see every good client's vector, not only the sampled ones'
 * @param attackSpace where attacks form their vectors (full vectors by default)
 * @param sharedMinibatches every client draws the same minibatch indices in a round (the authors' code)
 * @param momentumEveryRound every good client steps its BR-SGDm momentum every round, sampled or not
 *                    (the authors' code); otherwise only sampled clients do (the paper's definition)
 */
public record ProtocolSettings(Method method, int sampled, int bigCohort, double p, double step, int batch,
                               ClipRule clip, boolean coinEpoch, long epochRounds,
                               double momentum, long rounds, long seed, boolean omniscient,
                               org.byzmarina.attacks.AttackSpace attackSpace, boolean sharedMinibatches,
                               boolean momentumEveryRound) {
    /** Settings in which only sampled clients step their momenta (the paper's definition). */
    public ProtocolSettings(Method method, int sampled, int bigCohort, double p, double step, int batch, ClipRule clip,
                            boolean coinEpoch, long epochRounds, double momentum, long rounds, long seed, boolean omniscient,
                            org.byzmarina.attacks.AttackSpace attackSpace, boolean sharedMinibatches) {
        this(method, sampled, bigCohort, p, step, batch, clip, coinEpoch, epochRounds, momentum, rounds, seed, omniscient,
                attackSpace, sharedMinibatches, false);
    }

    public ProtocolSettings {
        if (sampled < 1 || bigCohort < 1) {
            throw new IllegalArgumentException("sample sizes must be >= 1, got C = " + sampled + ", big cohort = " + bigCohort);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("--p must be in [0, 1], got " + p);
        }
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("--step must be positive and finite, got " + step);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (clip == null) {
            throw new IllegalArgumentException("a clip rule is required (ClipRule.NONE for no clipping)");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("the number of rounds must be >= 0, got " + rounds);
        }
        if (attackSpace == null) {
            throw new IllegalArgumentException("an attack space is required");
        }
        if (epochRounds < 1) {
            throw new IllegalArgumentException("rounds per epoch must be >= 1, got " + epochRounds);
        }
    }

    public boolean clipping() {
        return clip.clips();
    }
}
