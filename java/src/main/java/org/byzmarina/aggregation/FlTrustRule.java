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
 * FLTrust (Cao, Fang, Liu, Gong, "FLTrust: Byzantine-robust Federated Learning via Trust
 * Bootstrapping", NDSS 2021; docs/algorithm.md "More robust rules"), user name {@code fltrust}.
 *
 * <p>Steps: r = {@link ServerSide#reference()} (the server's own vector on its root sample, length d);
 * ⟨x_i, r⟩ from {@link Kernels#dotProducts}, ‖x_i‖² from {@link Kernels#squaredNorms}, ‖r‖² summed in
 * double in index order on the Java side (r is the server's, the same on every engine); trust
 * s_i = max(0, ⟨x_i, r⟩ / (‖x_i‖ ‖r‖)), and s_i = 0 when ‖x_i‖² = 0 or ‖r‖² = 0; output
 * Σ_i s_i (‖r‖/‖x_i‖) x_i / Σ_i s_i as one {@link Kernels#weightedSum} with weights
 * w_i = s_i (‖r‖/‖x_i‖) / Σ s (Σ s summed in index order), or the zero vector if every s_i is 0.
 * The output is a convex combination of vectors of norm ‖r‖, so it is finite whenever ‖r‖ is a
 * float32 value; it is rounded to float32 saturating at ±Float.MAX_VALUE. No budget, no options.
 *
 * @throws IllegalArgumentException from aggregate if r has the wrong length or a non-finite ‖r‖²
 */
public final class FlTrustRule implements Aggregator {
    /** The server's root sample size (FLTrust and MoNNA's trusted vector). */
    public static final Setting<Integer> ROOT_SAMPLES = Setting.of("root-samples", Group.AGGREGATION,
            SettingType.integer(1, Integer.MAX_VALUE), 100, "samples in the server's root sample (FLTrust, MoNNA)");
    public static final Component<Aggregator, AggregationEnv> COMPONENT = Component.<Aggregator, AggregationEnv>of(
            Kind.AGGREGATOR, "fltrust", "FLTrust: inputs weighted by their positive cosine to the server's own vector, rescaled to its norm",
            "Cao, Fang, Liu, Gong, NDSS 2021", List.of(ROOT_SAMPLES), (v, env) -> new FlTrustRule(env.kernels(), env.server()));

    private final Kernels kernels;
    private final ServerSide server;
    private double[] dots = new double[0];
    private double[] sqNorms = new double[0];
    private double[] weights = new double[0];
    private double[] result = new double[0];
    private double[] lastTrust = new double[0];
    private int lastCount;

    public FlTrustRule(Kernels kernels, ServerSide server) {
        this.kernels = kernels;
        this.server = server;
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("FLTrust needs at least 1 input, got " + m);
        }
    }

    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        int d = x.dim();
        double[] r = server.reference();
        if (r.length != d) {
            throw new IllegalArgumentException("FLTrust's reference vector has " + r.length + " entries, the inputs have d = " + d);
        }
        double rr = 0.0;
        for (int j = 0; j < d; j++) {
            rr += r[j] * r[j];
        }
        if (!Double.isFinite(rr)) {
            throw new IllegalArgumentException("FLTrust's reference vector must be finite with a finite squared norm, got " + rr);
        }
        if (dots.length < m) {
            dots = new double[m];
            sqNorms = new double[m];
            weights = new double[m];
            lastTrust = new double[m];
        }
        if (result.length != d) {
            result = new double[d];
        }
        kernels.dotProducts(x, m, r, dots);
        kernels.squaredNorms(x, m, sqNorms);
        lastCount = m;
        double rNorm = Math.sqrt(rr);
        double total = 0.0;
        for (int i = 0; i < m; i++) {
            double s = 0.0;
            if (sqNorms[i] > 0 && rr > 0) {
                s = Math.max(0.0, dots[i] / (Math.sqrt(sqNorms[i]) * rNorm));
            }
            lastTrust[i] = s;
            total += s;
        }
        if (!(total > 0)) {
            Outputs.zero(out);
            return;
        }
        for (int i = 0; i < m; i++) {
            weights[i] = lastTrust[i] == 0.0 ? 0.0 : lastTrust[i] * (rNorm / Math.sqrt(sqNorms[i])) / total;
        }
        kernels.weightedSum(x, m, weights, result);
        Outputs.write(result, out);
    }

    /** The trust scores s_i of the last call. */
    public double[] lastTrust() {
        return java.util.Arrays.copyOf(lastTrust, lastCount);
    }

    @Override
    public String describe() {
        return "fltrust";
    }
}
