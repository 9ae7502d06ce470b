package org.byzmarina.attacks;

import java.util.Locale;
import org.byzmarina.kernels.Batch;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/** The attacks of SPEC.md, by their CLI names. */
public final class Attacks {
    private Attacks() {
    }

    /** Settings of the parameterised attacks. */
    public record Settings(double ipmEpsilon, Double alieZ, double shbScale, double noiseSigma) {
        public static Settings defaults() {
            return new Settings(0.1, null, 1.0, 1.0);
        }
    }

    public static final String[] NAMES = {"na", "bf", "lf", "ipm", "alie", "shb", "noise", "nan", "inf", "big"};

    /**
     * The attack named {@code name}; "na" (no attack) returns null: the Byzantine clients are removed.
     *
     * @param clients n and byzantine B (for ALIE's default z)
     */
    public static Attack of(String name, Settings s, int clients, int byzantine) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "na":
                return null;
            case "bf":
                return new BitFlip();
            case "lf":
                return new LabelFlip();
            case "ipm":
                return new InnerProductManipulation(s.ipmEpsilon());
            case "alie":
                return new ALittleIsEnough(s.alieZ() != null ? s.alieZ() : ALittleIsEnough.defaultZ(clients, byzantine));
            case "shb":
                return new ShiftBack(s.shbScale());
            case "noise":
                return new GaussianNoise(s.noiseSigma());
            case "nan":
                return new Constant("nan", (row, j) -> Float.NaN);
            case "inf":
                return new Constant("inf", (row, j) -> row % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);
            case "big":
                return new Constant("big", (row, j) -> (row + j) % 2 == 0 ? 1e38f : -1e38f);
            default:
                throw new IllegalArgumentException("unknown attack '" + name + "' (expected " + String.join(", ", NAMES) + ")");
        }
    }

    /** Attacks in which every Byzantine sends the same vector, a function of what they all know. */
    abstract static class CommonVector implements Attack {
        /** Coordinate j of the message every Byzantine sends. */
        abstract double value(AttackContext ctx, int j);

        @Override
        public boolean needsGoodStatistics() {
            return true;
        }

        private double[] v = new double[0];

        @Override
        public final void craft(AttackContext ctx, Batch batch) {
            if (v.length != batch.dim()) {
                v = new double[batch.dim()];
            }
            for (int j = 0; j < v.length; j++) {
                v[j] = value(ctx, j);
            }
            for (int r = 0; r < ctx.byzantines(); r++) {
                batch.setRow(ctx.goodRows() + r, v);
            }
        }
    }

    /** BF, bit flipping: u = −∇f_{i,J}(z), the negated own minibatch gradient. */
    static final class BitFlip implements Attack {
        @Override
        public boolean startsFromOwnVector() {
            return true;
        }

        @Override
        public void craft(AttackContext ctx, Batch batch) {
            for (int r = 0; r < ctx.byzantines(); r++) {
                int row = ctx.goodRows() + r;
                for (int j = 0; j < batch.dim(); j++) {
                    batch.set(row, j, (float) ctx.message(j, -(double) batch.get(row, j)));
                }
            }
        }

        @Override
        public String describe() {
            return "bf";
        }
    }

    /**
     * LF, label flipping: u = ∇f_{i,J}(z) on flipped labels (the server loop computes it). In the
     * difference space it is the honest difference on flipped labels, which for the logistic loss
     * equals the honest difference: label flipping cancels in a gradient difference.
     */
    static final class LabelFlip implements Attack {
        @Override
        public boolean startsFromOwnVector() {
            return true;
        }

        @Override
        public boolean flipsLabels() {
            return true;
        }

        @Override
        public void craft(AttackContext ctx, Batch batch) {
            if (ctx.space() != AttackSpace.FULL || ctx.shift() == null) {
                return; // the rows already hold the message
            }
            for (int r = 0; r < ctx.byzantines(); r++) {
                int row = ctx.goodRows() + r;
                for (int j = 0; j < batch.dim(); j++) {
                    batch.set(row, j, (float) ctx.message(j, batch.get(row, j)));
                }
            }
        }

        @Override
        public String describe() {
            return "lf";
        }
    }

    /** IPM, inner-product manipulation (Xie et al. 2020): u = −ε μ. */
    static final class InnerProductManipulation extends CommonVector {
        private final double epsilon;

        InnerProductManipulation(double epsilon) {
            this.epsilon = epsilon;
        }

        @Override
        double value(AttackContext ctx, int j) {
            return ctx.message(j, -epsilon * ctx.mean()[j]);
        }

        @Override
        public String describe() {
            return "ipm(eps=" + epsilon + ")";
        }
    }

    /** ALIE, a little is enough (Baruch et al. 2019): u = μ − z σ. */
    static final class ALittleIsEnough extends CommonVector {
        private final double z;

        ALittleIsEnough(double z) {
            this.z = z;
        }

        @Override
        public boolean needsStandardDeviation() {
            return true;
        }

        /** z = Φ⁻¹((n − B − s)/(n − B)), s = ⌊n/2 + 1⌋ − B. */
        static double defaultZ(int n, int b) {
            int s = n / 2 + 1 - b;
            double q = (n - b - s) / (double) (n - b);
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("ALIE's default z is undefined for n = " + n + ", B = " + b
                        + " (give --alie-z)");
            }
            return Normal.inverseCdf(q);
        }

        @Override
        double value(AttackContext ctx, int j) {
            return ctx.message(j, ctx.mean()[j] - z * ctx.std()[j]);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "alie(z=%.4f)", z);
        }
    }

    /**
     * SHB, shift-back (the paper's attack): with a strict Byzantine majority in the sample,
     * u = β(x^{k+1} − x⁰), the estimator that points back to the start (v = u − g^k in a difference
     * round, in either attack space); otherwise u = μ.
     */
    static final class ShiftBack extends CommonVector {
        private final double beta;

        ShiftBack(double beta) {
            this.beta = beta;
        }

        @Override
        double value(AttackContext ctx, int j) {
            if (!ctx.byzantineMajority()) {
                return ctx.message(j, ctx.mean()[j]);
            }
            return ctx.fullVectorMessage(j, beta * (ctx.xNext()[j] - ctx.x0()[j]));
        }

        @Override
        public String describe() {
            return "shb(beta=" + beta + ")";
        }
    }

    /** Gaussian noise: u = μ + N(0, σ² I), each Byzantine from its own stream (seed, round, client). */
    static final class GaussianNoise implements Attack {
        private final double sigma;

        GaussianNoise(double sigma) {
            this.sigma = sigma;
        }

        @Override
        public boolean needsGoodStatistics() {
            return true;
        }

        private double[] v = new double[0];
        private final SplitMix64 rng = new SplitMix64(0);

        @Override
        public void craft(AttackContext ctx, Batch batch) {
            if (v.length != batch.dim()) {
                v = new double[batch.dim()];
            }
            for (int r = 0; r < ctx.byzantines(); r++) {
                Seeds.stream(rng, ctx.seed(), ctx.round(), ctx.byzClients()[r], Purpose.ATTACK_NOISE);
                for (int j = 0; j < v.length; j++) {
                    v[j] = ctx.message(j, ctx.mean()[j] + sigma * rng.nextGaussian());
                }
                batch.setRow(ctx.goodRows() + r, v);
            }
        }

        @Override
        public String describe() {
            return "noise(sigma=" + sigma + ")";
        }
    }

    /** Entry-wise constant messages v: NaN, ±Inf, ±1e38 (the non-finite rule and overflow safety), in either space. */
    static final class Constant implements Attack {
        interface Value {
            float at(int byzantineIndex, int j);
        }

        private final String name;
        private final Value value;

        Constant(String name, Value value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public void craft(AttackContext ctx, Batch batch) {
            for (int r = 0; r < ctx.byzantines(); r++) {
                for (int j = 0; j < batch.dim(); j++) {
                    batch.set(ctx.goodRows() + r, j, value.at(r, j));
                }
            }
        }

        @Override
        public String describe() {
            return name;
        }
    }
}
