package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Coordinate-wise mean of the m vectors (double accumulation). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MeanBenchmark extends BenchInput {
    @Benchmark
    public Object mean() {
        kernels.mean(x, m, out);
        return out;
    }

    @Override
    protected void check() {
        for (int j : probes()) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += x.get(i, j);
            }
            require(Math.abs(s / m - out.get(0, j)) <= 1e-6, "mean at " + j);
        }
    }
}
