package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.NativeLib;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Read floor: the sum of every row of the 128 × 10⁵ batch (bm_row_sums: one vectorised pass, double lanes). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadFloorBenchmark extends FloorInput {
    double[] sums;

    @Override
    protected void prepare() {
        sums = new double[M];
        read();
        for (int i = 0; i < M; i++) {
            double s = 0;
            double scale = 0;
            for (int j = 0; j < D; j++) {
                s += x.get(i, j);
                scale += Math.abs(x.get(i, j));
            }
            require(Math.abs(s - sums[i]) <= 1e-6 * scale, "row sum " + i + ": " + sums[i] + ", naive " + s);
        }
    }

    private void read() {
        require(NativeLib.bm_row_sums(px, x.stride(), M, D, sums, threads, -1) == 0, "bm_row_sums failed");
    }

    @Benchmark
    public void readFloor(Blackhole bh) {
        read();
        bh.consume(sums);
    }
}
