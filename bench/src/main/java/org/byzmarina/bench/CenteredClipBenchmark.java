package org.byzmarina.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CClip: L = 3 iterations from a fixed center (uniform in [−0.1, 0.1)), τ = the median distance of
 * the rows to it (about half the rows clipped in the first iteration).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CenteredClipBenchmark extends ReferenceCheckedInput {
    static final int ITERATIONS = 3;
    double[] center;
    double tau;

    @Override
    protected void inputs() {
        center = fixedVector(d, 7);
        for (int j = 0; j < d; j++) {
            center[j] *= 0.1;
        }
        double[] dist = new double[m];
        new org.byzmarina.kernels.JavaKernels(2).squaredDistancesTo(x, m, center, dist);
        Arrays.sort(dist);
        tau = Math.sqrt(dist[m / 2]);
    }

    @Override
    protected void run(Kernels k) {
        k.centeredClip(x, m, center, tau, ITERATIONS, out);
    }

    @Benchmark
    public void centeredClip(Blackhole bh) {
        run(kernels);
        bh.consume(out);
    }

    @Override
    protected double[] result() {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = out.get(0, j);
        }
        return r;
    }

    @Override
    protected void naiveCheck(double[] result) {
        double[] v = center.clone();
        for (int it = 0; it < ITERATIONS; it++) {
            double[] c = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x.get(i, j) - v[j]) * (x.get(i, j) - v[j]);
                }
                c[i] = Math.min(1, tau / Math.sqrt(s));
            }
            double[] next = new double[d];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += c[i] * (x.get(i, j) - v[j]);
                }
                next[j] = v[j] + s / m;
            }
            v = next;
        }
        for (int j : probes()) {
            requireClose(v[j], result[j], 1.0, "CClip at " + j);
        }
    }
}
