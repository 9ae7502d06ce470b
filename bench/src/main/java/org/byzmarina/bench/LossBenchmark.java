package org.byzmarina.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.problems.LogisticRegression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of the metrics row on a9a (docs/metrics.md): the full loss f(x) and its gradient
 * ∇f(x) over all 32 561 rows, at a point near the optimum. This is what {@code --eval-every} costs
 * per evaluation, and what dominates the Fig. 1 grid's CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LossBenchmark {
    /** java: LogisticRegression's Java code (the reference); native: its native twin (kernels.h), the same bits. */
    @Param({"java", "native"})
    String engine;

    LogisticRegression problem;
    double[] x;
    double[] grad;

    @Setup
    public void setUp() {
        NativeLoading.loadCommon();
        problem = PaperData.a9a("LossBenchmark");
        problem.useNativeEngine("native".equals(engine));
        SplittableRandom r = new SplittableRandom(1);
        x = new double[problem.dim()];
        for (int j = 0; j < x.length; j++) {
            x[j] = r.nextGaussian();
        }
        grad = new double[x.length];
    }

    @Benchmark
    public double lossAndGradient() {
        return problem.loss(x, grad) + grad[0];
    }

    @Benchmark
    public double lossOnly() {
        return problem.loss(x, null);
    }
}
