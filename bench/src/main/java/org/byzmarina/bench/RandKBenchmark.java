package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** RandK with K = d/100 for every vector, sparse form (sorted indices and scaled values; x unchanged). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RandKBenchmark extends BenchInput {
    int k;
    long[] seeds;
    int[] indices;
    float[] values;

    @Override
    protected void prepare() {
        k = d / 100;
        seeds = new long[m];
        for (int i = 0; i < m; i++) {
            seeds[i] = 1000L + i;
        }
        indices = new int[m * k];
        values = new float[m * k];
    }

    @Benchmark
    public float[] randK() {
        kernels.randK(x, m, k, seeds, indices, values, false);
        return values;
    }

    @Override
    protected void check() {
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < k; r++) {
                int idx = indices[i * k + r];
                require(idx >= 0 && idx < d && (r == 0 || idx > indices[i * k + r - 1]), "indices sorted and distinct");
                require(values[i * k + r] == (float) (x.get(i, idx) * (d / (double) k)), "value scaled by d/K");
            }
        }
    }
}
