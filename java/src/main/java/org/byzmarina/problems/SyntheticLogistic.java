package org.byzmarina.problems;

import org.byzmarina.data.Dataset;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * The built-in synthetic logistic-regression problem (SPEC.md): client i has m samples with features
 * a ~ N(0, I_d/d) and labels y ~ Bernoulli(σ(aᵀw_i)), w_i = w + ζ N(0, I_d), w ~ N(0, I_d); rows are
 * then L2-normalised. Everything comes from the seed: w from (seed, 0, server, DATA), client i's
 * w_i and rows from (seed, 0, i, DATA).
 */
public final class SyntheticLogistic {
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
