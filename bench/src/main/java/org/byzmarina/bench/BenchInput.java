package org.byzmarina.bench;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.KernelsProvider;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.kernels.KernelsProvider.Backend;
import org.byzmarina.random.SplitMix64;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Level;

/**
 * The shared benchmark input: a batch of m client vectors of dimension d (uniform in [-1, 1) from a
 * fixed seed) and the kernels of the chosen backend. Threads come from -Dbyzmarina.threads
 * (default 2), the SIMD level from -Dbyzmarina.simd (default: the CPU's best).
 * Subclasses check the benchmark's own answer after the trial, so a wrong kernel cannot post a time.
 */
@State(Scope.Benchmark)
public abstract class BenchInput {
    @Param({"16", "128", "1024"})
    public int m;

    @Param({"10000", "100000"})
    public int d;

    @Param({"java", "native"})
    public String backend;

    public Kernels kernels;
    public Batch x;
    public Batch out;

    @Setup(Level.Trial)
    public void setUp() {
        NativeLoading.loadCommon(); // all native loading under one lock; see NativeLoading
        int threads = Integer.getInteger("byzmarina.threads", 2);
        kernels = KernelsProvider.create(Backend.parse(backend), threads);
        x = Batch.allocate(m, d);
        SplitMix64 rng = new SplitMix64(20241127L);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, (float) (2 * rng.nextDouble() - 1));
            }
        }
        out = Batch.allocate(1, d);
        prepare();
    }

    /** Extra setup of the subclass (levels, outputs). */
    protected void prepare() {
    }

    /** Throws if the last result is wrong. */
    protected abstract void check();

    @TearDown(Level.Trial)
    public void verify() {
        check();
    }

    /** Sorted column j of x (for the order-statistics checks). */
    protected double[] column(int j) {
        double[] col = new double[m];
        for (int i = 0; i < m; i++) {
            col[i] = x.get(i, j);
        }
        java.util.Arrays.sort(col);
        return col;
    }

    /** Coordinates spot-checked after each trial. */
    protected int[] probes() {
        return new int[] {0, 1, d / 3, d / 2, d - 2, d - 1};
    }

    protected static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark produced a wrong result: " + what);
        }
    }
}
