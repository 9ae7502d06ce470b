package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** RFA: smoothed Weiszfeld, T = 8 iterations, ν = 0.1 (the official code's settings). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RfaBenchmark extends BenchInput {
    @Benchmark
    public Object rfa() {
        kernels.rfa(x, m, 8, 0.1, out);
        return out;
    }

    @Override
    protected void check() {
        // Recompute with the Java reference (same arithmetic order): results must agree bit for bit.
        Batch want = Batch.allocate(1, d);
        {
            JavaKernels reference = new JavaKernels(2);
            reference.rfa(x, m, 8, 0.1, want);
        }
        for (int j = 0; j < d; j++) {
            require(Float.floatToIntBits(want.get(0, j)) == Float.floatToIntBits(out.get(0, j)), "RFA at " + j);
        }
    }
}
