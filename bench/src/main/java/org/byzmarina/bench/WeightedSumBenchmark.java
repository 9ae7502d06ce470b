package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Σ_i w_i x_i in double with fixed weights w_i ∝ i + 1 summing to 1 (FLTrust's output, CAF, DnC). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WeightedSumBenchmark extends ReferenceCheckedInput {
    double[] weights;
    double[] sum;

    @Override
    protected void inputs() {
        weights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] = 2.0 * (i + 1) / ((double) m * (m + 1));
        }
        sum = new double[d];
    }

    @Override
    protected void run(Kernels k) {
        k.weightedSum(x, m, weights, sum);
    }

    @Benchmark
    public void weightedSum(Blackhole bh) {
        run(kernels);
        bh.consume(sum);
    }

    @Override
    protected double[] result() {
        return sum.clone();
    }

    @Override
    protected void naiveCheck(double[] result) {
        for (int j : probes()) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += weights[i] * x.get(i, j);
            }
            requireClose(s, result[j], 1.0, "weighted sum at " + j);
        }
    }
}
