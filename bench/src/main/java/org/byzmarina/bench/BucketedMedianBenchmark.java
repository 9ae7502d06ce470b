package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.aggregation.Bucketing;
import org.byzmarina.aggregation.MedianRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** CM∘Bucketing(2), the paper's aggregator: bucket means of pairs (random permutation), then their median. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BucketedMedianBenchmark extends BenchInput {
    Bucketing bucketed;
    long seed;

    @Override
    protected void prepare() {
        bucketed = new Bucketing(kernels, 2, new MedianRule(kernels));
    }

    @Benchmark
    public Object bucketedMedian() {
        bucketed.aggregate(x, m, out, seed++);
        return out;
    }

    @Override
    protected void check() {
        int[] p = bucketed.lastPermutation();
        int buckets = (m + 1) / 2;
        for (int j : probes()) {
            double[] means = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                int hi = Math.min(m, 2 * b + 2);
                double s = 0;
                for (int r = 2 * b; r < hi; r++) {
                    s += x.get(p[r], j);
                }
                means[b] = (float) (s / (hi - 2 * b));
            }
            java.util.Arrays.sort(means);
            double med = buckets % 2 == 1 ? means[buckets / 2] : (means[buckets / 2 - 1] + means[buckets / 2]) / 2;
            require(Math.abs(med - out.get(0, j)) <= 1e-6, "bucketed median at " + j);
        }
    }
}
