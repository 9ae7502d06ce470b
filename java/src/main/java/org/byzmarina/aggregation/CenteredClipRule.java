package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * CClip, centered clipping (Karimireddy, He, Jaggi, "Learning from History for Byzantine Robust
 * Optimization", ICML 2021; docs/algorithm.md "More robust rules"), user name {@code cclip}.
 *
 * <p>Steps: v ← v₀ = {@link ServerSide#center()} (the server's previous output in the space being
 * aggregated; null means the zero vector); then L times v ← v + (1/m) Σ_i clip_τ(x_i − v), with
 * clip_τ(u) = min(1, τ/‖u‖)·u; output v rounded to float32. All of it is one call of
 * {@link Kernels#centeredClip} (norms as csums in double, the sum over i in ascending order in double),
 * so every engine gives the same bits. Defaults: τ = 1.0, L = 3. No Byzantine budget. The output is
 * a convex combination of v₀ and the inputs, so it stays finite for finite inputs and centre.
 */
public final class CenteredClipRule implements Aggregator {
    public static final Setting<Double> TAU = Setting.of("tau", Group.AGGREGATION, SettingType.number(0, true), 1.0,
            "CClip's clipping radius τ");
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "cclip", "centered clipping: v ← v + (1/m) Σ clip_τ(x_i − v), L times from the server's last output",
            "Karimireddy, He, Jaggi, ICML 2021", List.of(TAU, RfaRule.ITERATIONS),
            (v, env) -> new CenteredClipRule(env.kernels(), env.server(),
                    new Options(v.get(TAU), v.get(RfaRule.ITERATIONS, Options.DEFAULT_ITERATIONS))))
            .withDefault(RfaRule.ITERATIONS, "3");

    /**
     * CClip's settings.
     *
     * @param tau        the clipping radius τ, positive and finite
     * @param iterations L, at least 1
     */
    public record Options(double tau, int iterations) {
        public static final double DEFAULT_TAU = 1.0;
        public static final int DEFAULT_ITERATIONS = 3;
        public static final Options DEFAULTS = new Options(DEFAULT_TAU, DEFAULT_ITERATIONS);

        public Options {
            if (!(tau > 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("CClip's tau must be positive and finite (0 < tau < Infinity), got " + tau);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("CClip's iterations must be >= 1, got " + iterations);
            }
        }
    }

    private final Kernels kernels;
    private final ServerSide server;
    private final Options options;
    private double[] zero = new double[0];

    public CenteredClipRule(Kernels kernels, ServerSide server, Options options) {
        this.kernels = kernels;
        this.server = server;
        this.options = options;
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        int d = x.dim();
        double[] center = server.center();
        if (center == null) {
            if (zero.length != d) {
                zero = new double[d];
            }
            center = zero;
        } else if (center.length != d) {
            throw new IllegalArgumentException("CClip's centre has " + center.length + " entries, the inputs have d = " + d);
        }
        kernels.centeredClip(x, m, center, options.tau(), options.iterations(), out);
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("CClip needs at least 1 input, got " + m);
        }
    }

    public Options options() {
        return options;
    }

    @Override
    public String describe() {
        return "cclip(tau=" + options.tau() + ", L=" + options.iterations() + ")";
    }
}
