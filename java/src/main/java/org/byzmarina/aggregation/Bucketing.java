package org.byzmarina.aggregation;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Group;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;

import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.random.SplitMix64;

/**
 * Bucketing(s) (Karimireddy, He, Jaggi 2022; docs/algorithm.md): a random permutation of the m inputs,
 * consecutive groups of s averaged (the last bucket averages what it has), then the inner
 * aggregator on the ⌈m/s⌉ bucket means. The permutation is a Fisher–Yates shuffle driven by the
 * call's seed.
 */
public final class Bucketing implements Aggregator {
    public static final Setting<Integer> BUCKET_SIZE = Setting.of("bucket-size", Group.AGGREGATION,
            SettingType.integer(1, Integer.MAX_VALUE), 2, "bucketing's s: inputs averaged per bucket (1 = no bucketing)");
    public static final Component<PreAggregator, AggregationEnv> COMPONENT = Component.<PreAggregator, AggregationEnv>of(Kind.PRE_AGGREGATOR, "bucketing",
            "random buckets of s inputs averaged before the rule (on when --bucket-size > 1)",
            "Karimireddy, He, Jaggi, ICLR 2022", List.of(BUCKET_SIZE),
            (v, env) -> v.get(BUCKET_SIZE) > 1 ? inner -> new Bucketing(env.kernels(), v.get(BUCKET_SIZE), inner) : null)
            .withMemory((v, s) -> v.get(BUCKET_SIZE) > 1 ? Batch.bytesFor((s.rows() + v.get(BUCKET_SIZE) - 1) / v.get(BUCKET_SIZE), s.dim()) : 0);
    private final Kernels kernels;
    private final int bucketSize;
    private final Aggregator inner;
    private final Scratch means = new Scratch();
    private final SplitMix64 rng = new SplitMix64(0);
    private int[] perm = new int[0];
    private int[] start = new int[1];
    private int lastCount;

    public Bucketing(Kernels kernels, int bucketSize, Aggregator inner) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucket size must be >= 1, got " + bucketSize);
        }
        this.kernels = kernels;
        this.bucketSize = bucketSize;
        this.inner = inner;
    }

    /** ⌈m/s⌉, in 64-bit arithmetic (m + s − 1 overflows an int for s near 2^31). */
    public static int buckets(int m, int s) {
        return (int) (((long) m + s - 1) / s);
    }

    @Override
    public void checkInputs(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("bucketing needs at least 1 input, got " + m);
        }
        inner.checkInputs(buckets(m, bucketSize), m);
    }

    /** The inner rule's budget is set from the m inputs before bucketing. */
    @Override
    public void aggregate(Batch x, int m, Batch out, long seed) {
        checkInputs(m);
        int groups = buckets(m, bucketSize);
        if (perm.length != m) {
            perm = new int[m];
            start = new int[groups + 1];
        }
        for (int i = 0; i < m; i++) {
            perm[i] = i;
        }
        rng.reset(seed).shuffle(perm);
        lastCount = m;
        for (int g = 0; g <= groups; g++) {
            start[g] = (int) Math.min(m, (long) g * bucketSize);
        }
        if (inner instanceof MedianRule) {
            kernels.bucketedMedian(x, m, perm, bucketSize, out); // CM∘Bucketing, fused in the native engine
            return;
        }
        Batch bucketMeans = means.get(groups, x.dim());
        kernels.groupMeans(x, m, perm, start, groups, bucketMeans);
        inner.aggregate(bucketMeans, groups, m, out, SplitMix64.mix(seed));
    }

    /** The permutation used by the last call. */
    public int[] lastPermutation() {
        return java.util.Arrays.copyOf(perm, lastCount);
    }

    @Override
    public String describe() {
        return inner.describe() + "∘bucketing(" + bucketSize + ")";
    }
}
