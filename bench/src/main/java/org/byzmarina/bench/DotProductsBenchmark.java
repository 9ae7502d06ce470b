package org.byzmarina.bench;

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

/** ⟨x_i, r⟩ for every row against a fixed double vector r (FLTrust's cosines, power iterations). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DotProductsBenchmark extends ReferenceCheckedInput {
    double[] r;
    double[] dots;

    @Override
    protected void inputs() {
        r = fixedVector(d, 11);
        dots = new double[m];
    }

    @Override
    protected void run(Kernels k) {
        k.dotProducts(x, m, r, dots);
    }

    @Benchmark
    public void dotProducts(Blackhole bh) {
        run(kernels);
        bh.consume(dots);
    }

    @Override
    protected double[] result() {
        return dots.clone();
    }

    @Override
    protected void naiveCheck(double[] result) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            double scale = 0;
            for (int j = 0; j < d; j++) {
                s += x.get(i, j) * r[j];
                scale += Math.abs(x.get(i, j) * r[j]);
            }
            requireClose(s, result[i], scale, "dot product of row " + i);
        }
    }
}
