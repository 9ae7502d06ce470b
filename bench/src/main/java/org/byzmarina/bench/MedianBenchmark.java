package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** CM: coordinate-wise median of the m vectors. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MedianBenchmark extends BenchInput {
    @Benchmark
    public Object median() {
        kernels.coordinateMedian(x, m, out);
        return out;
    }

    @Override
    protected void check() {
        for (int j : probes()) {
            double[] col = column(j);
            double med = m % 2 == 1 ? col[m / 2] : (col[m / 2 - 1] + col[m / 2]) / 2;
            require(Math.abs(med - out.get(0, j)) <= 1e-7, "median at " + j);
        }
    }
}
