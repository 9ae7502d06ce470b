package org.byzmarina.attacks;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import org.byzmarina.kernels.Batch;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * Mimic (Karimireddy, He, Jaggi, "Byzantine-robust learning on heterogeneous datasets via
 * bucketing", ICLR 2022): every Byzantine sends exactly what one good client i* sends this round
 * (its message, computed without advancing its state if it was not sampled), over-representing that
 * client's data.
 *
 * <p>During a warm-up of W rounds (--mimic-warmup, default one epoch) i* is the lowest good id and
 * the top principal direction z of the good vectors is estimated by an averaged power iteration:
 * z₀ a seeded Gaussian vector, then in warm-up round t (rounds with at least two good vectors)
 * z ← normalise(t/(t+1)·z + 1/(t+1)·(1/G) Σ_i ⟨y_i, z⟩ y_i), y_i = x_i − μ the centred good
 * messages (centring removes the common g^k, so messages and full vectors give the same z). In the
 * first round at or after W with good vectors, i* becomes the good client with the largest
 * |⟨x_i − μ, z⟩| among those seen (ties: lowest id), and stays fixed.
 */
public final class Mimic implements Attack {
    public static final Setting<Long> WARMUP = Setting.derived("mimic-warmup", Group.ATTACK, SettingType.longInteger(0),
            "one epoch", "rounds before mimic picks the good client to copy");
    public static final Component<Attack, AttackEnv> COMPONENT = Component.<Attack, AttackEnv>of(Kind.ATTACK, "mimic",
            "every Byzantine copies one good client, chosen along the good vectors' principal direction",
            "Karimireddy, He, Jaggi, ICLR 2022", List.of(WARMUP),
            (v, env) -> new Mimic(v.given(WARMUP) ? v.get(WARMUP) : env.epochRounds()));

    private final long warmup;
    private double[] z = new double[0];
    private double[] next = new double[0];
    private double[] mu = new double[0];
    private double[] message = new double[0];
    private long updates;
    private int target = 0;
    private boolean chosen;

    /** @param warmup W, warm-up rounds (≥ 0) */
    Mimic(long warmup) {
        if (warmup < 0) {
            throw new IllegalArgumentException("--mimic-warmup must be >= 0, got " + warmup);
        }
        this.warmup = warmup;
    }

    @Override
    public boolean needsGoodVectors() {
        return true;
    }

    /** i* (for tests). */
    int target() {
        return target;
    }

    @Override
    public void craft(AttackContext ctx, Batch batch) {
        int d = batch.dim();
        if (z.length != d) {
            z = new double[d];
            next = new double[d];
            mu = new double[d];
            message = new double[d];
            SplitMix64 rng = Seeds.stream(ctx.seed(), -1, -3, Purpose.ATTACK_NOISE);
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
            }
            normalise(z);
        }
        int count = ctx.goodCount();
        if (!chosen && count >= 2) {
            centre(ctx.good(), count);
            if (ctx.round() + 1 < warmup) {
                powerStep(ctx.good(), count);
            } else {
                choose(ctx, count);
            }
        }
        ctx.peek().message(target, message);
        for (int r = 0; r < ctx.byzantines(); r++) {
            batch.setRow(ctx.goodRows() + r, message);
        }
    }

    private void centre(Batch good, int count) {
        java.util.Arrays.fill(mu, 0);
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += good.get(r, j);
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= count;
        }
    }

    private double projection(Batch good, int r) {
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            s += (good.get(r, j) - mu[j]) * z[j];
        }
        return s;
    }

    private void powerStep(Batch good, int count) {
        java.util.Arrays.fill(next, 0);
        for (int r = 0; r < count; r++) {
            double c = projection(good, r) / count;
            for (int j = 0; j < next.length; j++) {
                next[j] += c * (good.get(r, j) - mu[j]);
            }
        }
        double t = updates;
        for (int j = 0; j < z.length; j++) {
            z[j] = t / (t + 1) * z[j] + next[j] / (t + 1);
        }
        normalise(z);
        updates++;
    }

    private void choose(AttackContext ctx, int count) {
        double best = -1;
        for (int r = 0; r < count; r++) {
            double p = Math.abs(projection(ctx.good(), r));
            int id = ctx.goodId(r);
            if (p > best || p == best && id < target) {
                best = p;
                target = id;
            }
        }
        chosen = true;
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        s = Math.sqrt(s);
        if (s > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= s;
            }
        }
    }

    @Override
    public String describe() {
        return "mimic(warmup=" + warmup + ")";
    }
}
