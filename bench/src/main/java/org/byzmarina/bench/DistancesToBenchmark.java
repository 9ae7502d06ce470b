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

/** ||x_i − r||² for every row against a fixed double vector r (MoNNA: distances to a trusted vector). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DistancesToBenchmark extends ReferenceCheckedInput {
    double[] r;
    double[] dist;

    @Override
    protected void inputs() {
        r = fixedVector(d, 13);
        dist = new double[m];
    }

    @Override
    protected void run(Kernels k) {
        k.squaredDistancesTo(x, m, r, dist);
    }

    @Benchmark
    public void squaredDistancesTo(Blackhole bh) {
        run(kernels);
        bh.consume(dist);
    }

    @Override
    protected double[] result() {
        return dist.clone();
    }

    @Override
    protected void naiveCheck(double[] result) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (x.get(i, j) - r[j]) * (x.get(i, j) - r[j]);
            }
            requireClose(s, result[i], s, "distance of row " + i);
        }
    }
}
