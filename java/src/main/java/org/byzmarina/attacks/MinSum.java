package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

import org.byzmarina.kernels.Kernels;

/**
 * Min-sum (Shejwalkar and Houmansadr, NDSS 2021): u = μ + γ p with the largest γ such that
 * Σ_i ‖u − x_i‖² ≤ max_j Σ_i ‖x_j − x_i‖² over the good vectors.
 */
public final class MinSum extends DistanceBounded {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "min-sum",
            "the good mean pushed along −σ (or −μ/‖μ‖, −sign μ) as far as the good vectors' largest sum of squared distances allows",
            "Shejwalkar, Houmansadr, NDSS 2021", List.of(PERTURBATION),
            (v, env) -> new MinSum(env.kernels(), Perturbation.parse(v.get(PERTURBATION))));

    MinSum(Kernels kernels, Perturbation perturbation) {
        super(kernels, perturbation);
    }

    @Override
    boolean withinBound(double[] toU, int count, double[] pairs) {
        double sum = 0;
        double worst = 0;
        for (int i = 0; i < count; i++) {
            sum += toU[i];
            double row = 0;
            for (int j = 0; j < count; j++) {
                row += pairs[i * count + j];
            }
            worst = Math.max(worst, row);
        }
        return sum <= worst;
    }

    @Override
    public String describe() {
        return "min-sum";
    }
}
