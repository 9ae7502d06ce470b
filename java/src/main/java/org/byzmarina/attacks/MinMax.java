package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

import org.byzmarina.kernels.Kernels;

/**
 * Min-max (Shejwalkar and Houmansadr, NDSS 2021): u = μ + γ p with the largest γ such that
 * max_i ‖u − x_i‖ ≤ max_{i,j} ‖x_i − x_j‖ over the good vectors (no good vector is closer to the
 * others than u is to it).
 */
public final class MinMax extends DistanceBounded {
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "min-max",
            "the good mean pushed along −σ (or −μ/‖μ‖, −sign μ) as far as the good vectors' diameter allows",
            "Shejwalkar, Houmansadr, NDSS 2021", List.of(PERTURBATION),
            (v, env) -> new MinMax(env.kernels(), Perturbation.parse(v.get(PERTURBATION))));

    MinMax(Kernels kernels, Perturbation perturbation) {
        super(kernels, perturbation);
    }

    @Override
    boolean withinBound(double[] toU, int count, double[] pairs) {
        double worst = 0;
        double diameter = 0;
        for (int i = 0; i < count; i++) {
            worst = Math.max(worst, toU[i]);
            for (int j = 0; j < count; j++) {
                diameter = Math.max(diameter, pairs[i * count + j]);
            }
        }
        return worst <= diameter;
    }

    @Override
    public String describe() {
        return "min-max";
    }
}
