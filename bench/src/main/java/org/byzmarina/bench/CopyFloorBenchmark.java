package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.NativeKernels;
import org.byzmarina.kernels.NativeLib;
import org.bytedeco.javacpp.FloatPointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Copy floor: the 128 × 10⁵ batch copied into another (bm_copy_rows; non-temporal stores at this size). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CopyFloorBenchmark extends FloorInput {
    Batch dst;
    FloatPointer pd;

    @Override
    protected void prepare() {
        dst = Batch.allocate(M, D);
        pd = NativeKernels.pointer(dst);
        copy();
        for (int i = 0; i < M; i += 7) {
            for (int j = 0; j < D; j += 13) {
                require(Float.floatToIntBits(dst.get(i, j)) == Float.floatToIntBits(x.get(i, j)), "copy at " + i + "," + j);
            }
        }
        require(dst.get(M - 1, D - 1) == x.get(M - 1, D - 1), "copy of the last entry");
    }

    private void copy() {
        require(NativeLib.bm_copy_rows(px, x.stride(), pd, dst.stride(), M, D, threads, -1) == 0, "bm_copy_rows failed");
    }

    @Benchmark
    public void copyFloor(Blackhole bh) {
        copy();
        bh.consume(dst);
    }
}
