package org.byzmarina.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.byzmarina.aggregation.CenteredClipRule;
import org.byzmarina.aggregation.ServerSide;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole CClip rule (CenteredClipRule with its default L = 3) from the server's centre (uniform in
 * [−0.1, 0.1)), τ = the median distance of the rows to it, as {@link CenteredClipBenchmark} measures
 * the kernel alone: the rule adds its checks and the centre lookup. The output must equal the Java
 * reference bit for bit and a naive double iteration at the probe coordinates. Run with
 * {@code -p m=16,128}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CClipRuleBenchmark extends ReferenceCheckedInput {
    double[] center;
    double tau;
    CenteredClipRule rule;

    @Override
    protected void inputs() {
        center = fixedVector(d, 7);
        for (int j = 0; j < d; j++) {
            center[j] *= 0.1;
        }
        double[] dist = new double[m];
        new JavaKernels(2).squaredDistancesTo(x, m, center, dist);
        Arrays.sort(dist);
        tau = Math.sqrt(dist[m / 2]);
    }

    @Override
    protected void run(Kernels k) {
        rule = new CenteredClipRule(k, ServerSide.of(center, null), new CenteredClipRule.Options(tau, 3));
        rule.aggregate(x, m, out, 0);
    }

    @Benchmark
    public void cclip() {
        rule.aggregate(x, m, out, 0);
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
        for (int it = 0; it < 3; it++) {
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
            requireClose(v[j], result[j], 1.0, "CClip rule at " + j);
        }
    }
}
