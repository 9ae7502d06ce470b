package org.byzmarina.bench;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.NativeKernels;
import org.byzmarina.random.SplitMix64;
import org.bytedeco.javacpp.FloatPointer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine floors ("benchmarks as ratios to the machine"): a 128 × 10⁵ float batch (51.2 MB, as
 * {@link BenchInput}'s largest common shape, same seed) read or copied once per call by the native
 * engine with 1 or 2 threads and its best SIMD level. Kernel times divided by these give how far a
 * kernel is from what this machine's memory allows in the same JMH run.
 */
@State(Scope.Benchmark)
public abstract class FloorInput {
    public static final int M = 128;
    public static final int D = 100_000;

    @Param({"1", "2"})
    public int threads;

    public Batch x;
    public FloatPointer px;

    @Setup(Level.Trial)
    public void setUp() {
        NativeKernels.supportedLevel();  // loads the library (or fails with a clear message)
        x = Batch.allocate(M, D);
        SplitMix64 rng = new SplitMix64(20241127L);
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < D; j++) {
                x.set(i, j, (float) (2 * rng.nextDouble() - 1));
            }
        }
        px = NativeKernels.pointer(x);
        prepare();
    }

    /** Extra setup, including the subclass's check of its own answer. */
    protected abstract void prepare();

    protected static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark produced a wrong result: " + what);
        }
    }
}
