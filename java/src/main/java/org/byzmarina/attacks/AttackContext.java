package org.byzmarina.attacks;

/**
 * What the Byzantine clients of one round know (SPEC.md "Attacks": everything an omniscient
 * adversary would): the round, the iterates, the estimator, which form the server expects, whether
 * they hold a strict majority of the sample, and the good vectors' coordinate-wise mean μ and
 * standard deviation σ (ddof = 1; σ = 0 with one good vector, μ = σ = 0 with none).
 *
 * @param fullForm    true when the server aggregates full estimators (g^{k+1} = Agg(v)), false
 *                    when it aggregates differences (g^{k+1} = g^k + Agg(v))
 * @param byzClients  client ids of the Byzantine rows, in row order
 * @param xNext       x^{k+1} (the point the good clients just evaluated)
 * @param x0          the starting point x⁰
 * @param g           the server's current estimator g^k
 */
public record AttackContext(long seed, long round, boolean fullForm, boolean byzantineMajority, int goodRows,
                            int[] byzClients, double[] mean, double[] std, double[] xNext, double[] x0, double[] g) {
}
