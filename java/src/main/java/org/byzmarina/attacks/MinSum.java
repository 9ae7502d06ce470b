package org.byzmarina.attacks;

import org.byzmarina.kernels.Kernels;

/**
 * Min-sum (Shejwalkar and Houmansadr, NDSS 2021): u = μ + γ p with the largest γ such that
 * Σ_i ‖u − x_i‖² ≤ max_j Σ_i ‖x_j − x_i‖² over the good vectors.
 */
final class MinSum extends DistanceBounded {
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
