package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** CWTM: coordinate-wise trimmed mean with t = min(12, (m − 1)/2) (t = 7 at m = 16). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrimmedMeanBenchmark extends BenchInput {
    int t;

    @Override
    protected void prepare() {
        t = Math.min(12, (m - 1) / 2);
    }

    @Benchmark
    public Object trimmedMean() {
        kernels.trimmedMean(x, m, t, out);
        return out;
    }

    @Override
    protected void check() {
        for (int j : probes()) {
            double[] col = column(j);
            double s = 0;
            for (int r = t; r < m - t; r++) {
                s += col[r];
            }
            require(Math.abs(s / (m - 2 * t) - out.get(0, j)) <= 1e-6, "trimmed mean at " + j);
        }
    }
}
