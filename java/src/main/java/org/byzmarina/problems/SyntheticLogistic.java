package org.byzmarina.problems;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.io.MemoryCheck;

import org.byzmarina.data.Dataset;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * The built-in synthetic logistic-regression problem (docs/algorithm.md): client i has m samples with features
 * a ~ N(0, I_d/d) and labels y ~ Bernoulli(σ(aᵀw_i)), w_i = w + ζ N(0, I_d), w ~ N(0, I_d); rows are
 * then L2-normalised. Everything comes from the seed: w from (seed, 0, server, DATA), client i's
 * w_i and rows from (seed, 0, i, DATA).
 */
public final class SyntheticLogistic {
    public static final Setting<Integer> DIM = Setting.of("dim", Group.PROBLEM, SettingType.integer(1, Integer.MAX_VALUE), 123,
            "d of the built-in problems");
    public static final Setting<Integer> SAMPLES = Setting.of("samples-per-client", Group.PROBLEM,
            SettingType.integer(1, Integer.MAX_VALUE), 1000, "m_i of the built-in problems");
    public static final Setting<Double> HETEROGENEITY = Setting.of("heterogeneity", Group.PROBLEM, SettingType.number(0, false),
            0.0, "ζ of the built-in problems (spread of the clients' optima)");
    public static final Component<ProblemInstance, ProblemEnv> COMPONENT = Component.<ProblemInstance, ProblemEnv>of(Kind.PROBLEM, "synthetic",
            "logistic regression on n × m samples drawn from the seed (features N(0, I/d), labels from w_i = w + ζ N(0, I))",
            "", List.of(DIM, SAMPLES, HETEROGENEITY, LogisticRegression.RHO), (v, env) -> {
                int m = v.get(SAMPLES);
                int d = v.get(DIM);
                MemoryCheck.require(MemoryCheck.product(16, env.clients(), m, d), "the synthetic data set (" + env.clients()
                        + " clients x " + m + " samples x d = " + d + "); lower --clients, --samples-per-client or --dim, "
                        + "or use --dataset quadratic");
                Generated g = generate(env.clients(), m, d, v.get(HETEROGENEITY), env.seed());
                LogisticRegression problem = new LogisticRegression("synthetic", g.data(), g.splits(), env.byzantine(),
                        LogisticRegression.ETA, v.get(LogisticRegression.RHO), env.batch());
                return ProblemInstance.logistic(problem, env, new java.util.LinkedHashMap<>(), 3L * 8 * g.data().features().length);
            }).withMemory((v, s) -> MemoryCheck.product(24, s.clients(), v.get(SAMPLES), v.get(DIM)));

    private SyntheticLogistic() {
    }

    /** The data set (client i owns rows i·m .. (i+1)·m − 1) and the per-client split. */
    public record Generated(Dataset data, Splits splits) {
    }

    public static Generated generate(int clients, int samples, int dim, double zeta, long seed) {
        SplitMix64 server = Seeds.stream(seed, 0, Seeds.SERVER, Purpose.DATA);
        double[] w = new double[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = server.nextGaussian();
        }
        int rows = Math.multiplyExact(clients, samples);
        double[] features = new double[Math.multiplyExact(rows, dim)];
        double[] labels = new double[rows];
        double scale = 1 / Math.sqrt(dim);
        double[] wi = new double[dim];
        for (int i = 0; i < clients; i++) {
            SplitMix64 rng = Seeds.stream(seed, 0, i, Purpose.DATA);
            for (int j = 0; j < dim; j++) {
                wi[j] = w[j] + zeta * rng.nextGaussian();
            }
            for (int r = i * samples; r < (i + 1) * samples; r++) {
                double t = 0;
                for (int j = 0; j < dim; j++) {
                    double a = scale * rng.nextGaussian();
                    features[r * dim + j] = a;
                    t += a * wi[j];
                }
                labels[r] = rng.nextDouble() < LogisticRegression.sigmoid(t) ? 1 : 0;
            }
        }
        int[] order = new int[rows];
        int[] start = new int[clients];
        int[] count = new int[clients];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        for (int i = 0; i < clients; i++) {
            start[i] = i * samples;
            count[i] = samples;
        }
        Dataset data = new Dataset("synthetic", rows, dim, features, labels).normalisedRows();
        return new Generated(data, new Splits(order, start, count, false));
    }
}
