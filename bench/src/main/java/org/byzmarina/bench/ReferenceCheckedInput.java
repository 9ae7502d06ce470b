package org.byzmarina.bench;

import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;

/**
 * Base of the benchmarks of the kernels for MeaMed, Bulyan, CClip, FLTrust, MoNNA, CAF and DnC: the
 * shared input of {@link BenchInput} (run them at m = 16 and 128: {@code -p m=16,128}), and a check
 * of the kernel's own answer once in setup, before anything is timed: the engine under test must
 * agree bit for bit with the Java reference (same canonical arithmetic), and with a naive double
 * computation at a few coordinates (so that a Java-against-Java run checks something too). After the
 * trial the last measured result must still equal the reference. A wrong kernel cannot post a time.
 */
public abstract class ReferenceCheckedInput extends BenchInput {
    private double[] reference;

    /** Extra inputs of the subclass (vectors, weights, parameters). */
    protected abstract void inputs();

    /** Runs the kernel on k into the subclass's outputs (the body of the benchmark method). */
    protected abstract void run(Kernels k);

    /** The subclass's outputs, exactly (floats widen to double without change). */
    protected abstract double[] result();

    /** Throws (through {@link #require}) if the result is not close to a naive computation. */
    protected abstract void naiveCheck(double[] result);

    @Override
    protected final void prepare() {
        inputs();
        run(new JavaKernels(2));
        reference = result();
        run(kernels);
        double[] got = result();
        requireSame(got, "setup");
        naiveCheck(got);
    }

    @Override
    protected final void check() {
        requireSame(result(), "after the trial");
    }

    private void requireSame(double[] got, String when) {
        require(got.length == reference.length, "result length");
        for (int i = 0; i < got.length; i++) {
            if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(reference[i])) {
                require(false, getClass().getSimpleName() + " " + when + ": entry " + i + " is " + got[i]
                        + ", the Java reference says " + reference[i]);
            }
        }
    }

    /** |expected - actual| <= 1e-6 * scale. */
    protected static void requireClose(double expected, double actual, double scale, String what) {
        require(Math.abs(expected - actual) <= 1e-6 * Math.max(scale, Float.MIN_NORMAL),
                what + ": " + actual + ", naive " + expected);
    }

    /** A fixed vector of n doubles uniform in [-1, 1) (seeded: the same in every trial). */
    protected static double[] fixedVector(int n, long seed) {
        org.byzmarina.random.SplitMix64 rng = new org.byzmarina.random.SplitMix64(seed);
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = 2 * rng.nextDouble() - 1;
        }
        return v;
    }
}
