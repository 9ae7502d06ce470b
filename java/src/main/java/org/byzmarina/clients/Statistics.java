package org.byzmarina.clients;

import java.util.Arrays;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Parallel;

/**
 * What attacks know of the good vectors (docs/algorithm.md "Attacks"): their coordinate-wise mean μ and
 * standard deviation σ (ddof = 1; σ = 0 with one vector, μ = σ = 0 with none).
 */
public final class Statistics {
    private Statistics() {
    }

    /** μ and, if sigma is non-null, σ of rows 0..count−1 of b. */
    public static void of(Batch b, int count, double[] mu, double[] sigma) {
        of(b, count, null, mu, sigma);
    }

    /**
     * μ and σ of the vectors offset + row (rows 0..count−1 of b; offset may be null): the good
     * clients' full vectors g^k + Q(Δ_i) when the rows are differences and offset = g^k. Computed as
     * μ = offset + mean(rows) and σ = σ(rows), equal in exact arithmetic.
     */
    public static void of(Batch b, int count, double[] offset, double[] mu, double[] sigma) {
        of(b, count, offset, mu, sigma, null);
    }

    /**
     * As {@link #of(Batch, int, double[], double[], double[])}, over blocks of coordinates on the
     * given threads (each coordinate still sums its rows in increasing order: the same bits).
     */
    public static void of(Batch b, int count, double[] offset, double[] mu, double[] sigma, Parallel parallel) {
        of(b, count, offset, mu, sigma, parallel, scratch(parallel == null ? 1 : parallel.threads(), b.dim()));
    }

    /** Row buffers for {@link #of(Batch, int, double[], double[], double[], Parallel, float[][])}: one per thread. */
    public static float[][] scratch(int threads, int d) {
        return new float[Math.max(1, threads)][Math.max(1, Math.min(CHUNK, d))];
    }

    /** Coordinates read from a row at a time. */
    private static final int CHUNK = 4096;

    /** As above, with the row buffers of {@link #scratch} (one per thread; a round then allocates nothing). */
    public static void of(Batch b, int count, double[] offset, double[] mu, double[] sigma, Parallel parallel, float[][] rows) {
        int d = b.dim();
        int blocks = parallel == null ? 1 : Math.min(Math.min(parallel.threads(), rows.length), Math.max(1, d / 256));
        if (blocks == 1) {
            ofRows(b, count, mu, sigma, 0, d, rows[0]);
        } else {
            parallel.forEach(blocks, (long) count * d, k -> ofRows(b, count, mu, sigma, (int) ((long) d * k / blocks),
                    (int) ((long) d * (k + 1) / blocks), rows[k]));
        }
        if (offset != null && count > 0) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += offset[j];
            }
        }
    }

    /** acc[at + j] += row[j] for j < len (small methods: the JIT compiles each loop once, on its own). */
    private static void add(float[] row, int len, double[] acc, int at) {
        for (int j = 0; j < len; j++) {
            acc[at + j] += row[j];
        }
    }

    /** acc[at + j] += (row[j] − mu[at + j])² for j < len. */
    private static void addSquaredDeviations(float[] row, int len, double[] mu, double[] acc, int at) {
        for (int j = 0; j < len; j++) {
            double e = row[j] - mu[at + j];
            acc[at + j] += e * e;
        }
    }

    /** μ and σ of coordinates lo..hi−1, rows read in bulk through {@code row}, a chunk of coordinates at a time. */
    private static void ofRows(Batch b, int count, double[] mu, double[] sigma, int lo, int hi, float[] row) {
        Arrays.fill(mu, lo, hi, 0);
        if (sigma != null) {
            Arrays.fill(sigma, lo, hi, 0);
        }
        if (count == 0) {
            return;
        }
        for (int c0 = lo; c0 < hi; c0 += row.length) {
            int len = Math.min(row.length, hi - c0);
            for (int r = 0; r < count; r++) {
                b.readRow(r, c0, row, len);
                add(row, len, mu, c0);
            }
        }
        for (int j = lo; j < hi; j++) {
            mu[j] /= count;
        }
        if (count == 1 || sigma == null) {
            return;
        }
        for (int c0 = lo; c0 < hi; c0 += row.length) {
            int len = Math.min(row.length, hi - c0);
            for (int r = 0; r < count; r++) {
                b.readRow(r, c0, row, len);
                addSquaredDeviations(row, len, mu, sigma, c0);
            }
        }
        for (int j = lo; j < hi; j++) {
            sigma[j] = Math.sqrt(sigma[j] / (count - 1));
        }
    }
}
