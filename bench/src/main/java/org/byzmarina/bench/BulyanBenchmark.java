package org.byzmarina.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.byzmarina.aggregation.BulyanRule;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole Bulyan rule with its largest budget f = ⌊(m − 3)/4⌋ (3 at m = 16, 31 at m = 128): one
 * pairwise-distance call, θ = m − 2f Krum selections on the Java side, then the mean around the
 * median of the selected rows. f rows are planted far away (every entry 5 + 3i) and must never be
 * selected; the output must equal the Java reference bit for bit and, at the probe coordinates, the
 * mean around the median of the selected rows computed plainly. Run with {@code -p m=16,128}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BulyanBenchmark extends ReferenceCheckedInput {
    int f;
    BulyanRule bulyan;

    @Override
    protected void inputs() {
        f = ByzantineBudget.bulyanCap(m);
        for (int i = 0; i < f; i++) {
            x.fillRow(m - 1 - i, 5f + 3 * i);
        }
    }

    @Override
    protected void run(Kernels k) {
        bulyan = new BulyanRule(k, ByzantineBudget.literal(f)); // the last one built is the engine's
        bulyan.aggregate(x, m, out, 0);
    }

    @Benchmark
    public void bulyan() {
        bulyan.aggregate(x, m, out, 0);
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
        int[] chosen = bulyan.lastSelection();
        require(chosen.length == m - 2 * f, "Bulyan selected " + chosen.length + " rows, expected " + (m - 2 * f));
        for (int i : chosen) {
            require(i < m - f, "Bulyan selected the planted outlier " + i);
        }
        int keep = chosen.length - 2 * f;
        for (int j : probes()) {
            double[] col = new double[chosen.length];
            for (int r = 0; r < chosen.length; r++) {
                col[r] = x.get(chosen[r], j);
            }
            Arrays.sort(col);
            int n = col.length;
            double med = n % 2 == 1 ? col[n / 2] : (col[n / 2 - 1] + col[n / 2]) / 2;
            double[] byDistance = col.clone();
            Double[] boxed = Arrays.stream(byDistance).boxed().toArray(Double[]::new);
            Arrays.sort(boxed, (a, b) -> {
                int c = Double.compare(Math.abs(a - med), Math.abs(b - med));
                return c != 0 ? c : Double.compare(a, b);
            });
            double s = 0;
            for (int r = 0; r < keep; r++) {
                s += boxed[r];
            }
            requireClose(s / keep, result[j], 1.0, "Bulyan at " + j);
        }
    }
}
