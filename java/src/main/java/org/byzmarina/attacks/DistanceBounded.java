package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * The min-max and min-sum attacks (Shejwalkar and Houmansadr, "Manipulating the Byzantine",
 * NDSS 2021): every Byzantine sends u = μ + γ p, with γ as large as the good vectors' own spread
 * allows ({@link #withinBound}).
 *
 * <p>γ follows the authors' search: γ = 10, step s = 10, γ_succ = 0; while |γ_succ − γ| > 1e-5·γ
 * (at most 60 steps): if u(γ) is within the bound, γ_succ = γ and γ += s/2, else γ −= s/2; s /= 2.
 * The answer is γ_succ (0 if no tried γ was within the bound; u = μ is always within it). Distances
 * are translation-invariant, so they are computed between messages (full vectors minus g^k): u − g^k
 * = mean(messages) + γ p. μ for p's direction is the good full-vector mean.
 */
abstract class DistanceBounded implements Attack {
    public static final Setting<String> PERTURBATION = Setting.of("perturbation", Group.ATTACK,
            SettingType.choice(List.of("std", "unit", "sign")), "std", "min-max/min-sum direction p: −σ, −μ/‖μ‖ or −sign(μ)");

    static final double START = 10;
    static final double TOLERANCE = 1e-5;

    private final Kernels kernels;
    private final Perturbation perturbation;
    private double[] pairs = new double[0];
    private double[] toU = new double[0];
    private double[] meanMessage = new double[0];
    private double[] p = new double[0];
    private double[] u = new double[0];
    private double lastGamma;

    DistanceBounded(Kernels kernels, Perturbation perturbation) {
        this.kernels = kernels;
        this.perturbation = perturbation;
    }

    @Override
    public boolean needsGoodStatistics() {
        return true;
    }

    @Override
    public boolean needsStandardDeviation() {
        return true;
    }

    @Override
    public boolean needsGoodVectors() {
        return true;
    }

    /** Whether u is within the bound, given the squared distances from u to each good vector. */
    abstract boolean withinBound(double[] toU, int count, double[] pairs);

    /** The γ of the last round (for tests). */
    double lastGamma() {
        return lastGamma;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        int d = batch.dim();
        int count = ctx.goodCount();
        if (u.length != d) {
            meanMessage = new double[d];
            p = new double[d];
            u = new double[d];
        }
        if (pairs.length < count * count) {
            pairs = new double[count * count];
            toU = new double[count];
        }
        Batch good = ctx.good();
        java.util.Arrays.fill(meanMessage, 0);
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                meanMessage[j] += good.get(r, j);
            }
        }
        for (int j = 0; j < d; j++) {
            meanMessage[j] = count == 0 ? 0 : meanMessage[j] / count;
        }
        perturbation.direction(ctx.mean(), ctx.std(), p);
        if (count > 0) {
            kernels.pairwiseSquaredDistances(good, count, pairs);
        }
        double gamma = START;
        double step = START;
        double succ = 0;
        for (int it = 0; it < 60 && Math.abs(succ - gamma) > TOLERANCE * gamma; it++) {
            if (count == 0 || within(good, count, gamma)) {
                succ = gamma;
                gamma += step / 2;
            } else {
                gamma -= step / 2;
            }
            step /= 2;
        }
        lastGamma = succ;
        for (int j = 0; j < d; j++) {
            u[j] = meanMessage[j] + succ * p[j];
        }
        for (int r = 0; r < ctx.byzantines(); r++) {
            batch.setRow(ctx.goodRows() + r, u);
        }
    }

    private boolean within(Batch good, int count, double gamma) {
        for (int j = 0; j < u.length; j++) {
            u[j] = meanMessage[j] + gamma * p[j];
        }
        kernels.squaredDistancesTo(good, count, u, toU);
        return withinBound(toU, count, pairs);
    }
}
