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

/** MeaMed: per coordinate, the mean of the keep = m − ⌊m/4⌋ values nearest the median (f = m/4), all m rows. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MeanAroundMedianBenchmark extends ReferenceCheckedInput {
    int keep;

    @Override
    protected void inputs() {
        keep = m - m / 4;
    }

    @Override
    protected void run(Kernels k) {
        k.meanAroundMedian(x, m, null, m, keep, out);
    }

    @Benchmark
    public void meanAroundMedian(Blackhole bh) {
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
        for (int j : probes()) {
            double[] col = column(j);
            double med = m % 2 == 1 ? col[m / 2] : (col[m / 2 - 1] + col[m / 2]) / 2;
            // The keep nearest values of the sorted column: a window, grown from the median.
            int lo = m % 2 == 1 ? (m - 1) / 2 : m / 2;
            int hi = m % 2 == 1 ? lo + 1 : lo;
            while (hi - lo < keep) {
                boolean left = lo > 0 && (hi == m || med - col[lo - 1] <= col[hi] - med);
                if (left) {
                    lo--;
                } else {
                    hi++;
                }
            }
            double s = 0;
            for (int r = lo; r < hi; r++) {
                s += col[r];
            }
            requireClose(s / keep, result[j], 1.0, "MeaMed at " + j);
        }
    }
}
