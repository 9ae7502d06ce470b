package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;

/**
 * Static clipping pre-aggregator (docs/algorithm.md "More robust rules"; the fixed-threshold clipping that
 * ARC of Allouah et al. 2024 makes adaptive), user name {@code static-clip}.
 *
 * <p>Steps: every input is clipped to norm τ, clip_τ(v) = min(1, τ/‖v‖)·v, by one
 * {@link Kernels#clip} call from the caller's batch into a scratch copy (the caller's batch is never
 * modified); then the inner aggregator runs on the copy, with {@code before} passed through.
 * No Byzantine budget.
 */
public final class StaticClipping implements Aggregator {
    public static final Setting<Double> TAU = Setting.derived("static-clip", Group.AGGREGATION, SettingType.number(0, true),
            "off", "clip every input to norm τ before the rule");
    public static final Component<PreAggregator, AggregationEnv> COMPONENT = Component.<PreAggregator, AggregationEnv>of(
            Kind.PRE_AGGREGATOR, "static-clip", "static clipping: every input clipped to norm τ (on with --static-clip TAU)", "",
            List.of(TAU), (v, env) -> v.get(TAU) == null ? null : inner -> new StaticClipping(env.kernels(), new Options(v.get(TAU)), inner))
            .withMemory((v, s) -> v.get(TAU) == null ? 0 : org.byzmarina.kernels.Batch.bytesFor(s.rows(), s.dim()));

    /**
     * Static clipping's settings.
     *
     * @param tau the norm every input is clipped to, positive and finite
     */
    public record Options(double tau) {
        public Options {
            if (!(tau > 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("static clipping's tau must be positive and finite (0 < tau < Infinity), got "
                        + tau);
            }
        }
    }

    private final Kernels kernels;
    private final Options options;
    private final Aggregator inner;
    private final Scratch clipped = new Scratch();
    private double[] levels = new double[0];

    public StaticClipping(Kernels kernels, Options options, Aggregator inner) {
        this.kernels = kernels;
        this.options = options;
        this.inner = inner;
    }

    @Override
    public void checkInputs(int m) {
        checkInputs(m, m);
    }

    @Override
    public void checkInputs(int m, int before) {
        if (m < 1) {
            throw new IllegalArgumentException("static clipping needs at least 1 input, got " + m);
        }
        inner.checkInputs(m, before);
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        aggregate(x, m, m, out, seed);
    }

    @Override
    public void aggregate(Batch x, int m, int before, Batch out, long seed) {
        checkInputs(m, before);
        if (levels.length < m) {
            levels = new double[m];
            Arrays.fill(levels, options.tau());
        }
        Batch copy = clipped.get(m, x.dim());
        kernels.clip(x, copy, m, levels, null, null);
        inner.aggregate(copy, m, before, out, seed);
    }

    public Options options() {
        return options;
    }

    @Override
    public String describe() {
        return inner.describe() + "∘static-clip(" + options.tau() + ")";
    }
}
