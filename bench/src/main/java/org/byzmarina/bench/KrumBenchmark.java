package org.byzmarina.bench;

import java.util.concurrent.TimeUnit;
import org.byzmarina.aggregation.ByzantineBudget;
import org.byzmarina.aggregation.KrumRule;
import org.byzmarina.kernels.Batch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Krum with f = min(m/4, (m − 3)/2): pairwise squared distances (double, fixed order) and scores.
 * The Java reference is run up to m = 128 only (see bench/README.md for the two commands).
 * One planted outlier-free row (all zeros) must be Krum's choice.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KrumBenchmark extends BenchInput {
    KrumRule krum;
    int planted;

    @Override
    protected void prepare() {
        krum = KrumRule.krum(kernels, ByzantineBudget.literal(Math.min(m / 4, (m - 3) / 2)));
        planted = m / 3;
        x.fillRow(planted, 0f); // the centre of the uniform cloud: nearest to everyone
    }

    @Benchmark
    public Batch krum() {
        krum.aggregate(x, m, out, 0);
        return out;
    }

    @Override
    protected void check() {
        int[] chosen = krum.lastSelection();
        require(chosen.length == 1 && chosen[0] == planted, "Krum chose " + java.util.Arrays.toString(chosen)
                + ", expected the planted centre " + planted);
    }
}
