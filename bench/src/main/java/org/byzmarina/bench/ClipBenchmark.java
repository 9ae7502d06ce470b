package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.Batch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** clip_λ of every vector, out of place (source batch → destination batch), each row clipped to half its norm. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClipBenchmark extends BenchInput {
    Batch dst;
    double[] levels;
    double[] norms;

    @Override
    protected void prepare() {
        dst = Batch.allocate(m, d);
        levels = new double[m];
        norms = new double[m];
        kernels.squaredNorms(x, m, norms);
        for (int i = 0; i < m; i++) {
            levels[i] = 0.5 * Math.sqrt(norms[i]);
        }
    }

    @Benchmark
    public int clip() {
        return kernels.clip(x, dst, m, levels, norms, null);
    }

    @Override
    protected void check() {
        double[] after = new double[m];
        kernels.squaredNorms(dst, m, after);
        for (int i = 0; i < m; i++) {
            require(Math.abs(Math.sqrt(after[i]) - levels[i]) <= 1e-5 * levels[i], "row " + i + " not clipped to its level");
        }
    }
}
