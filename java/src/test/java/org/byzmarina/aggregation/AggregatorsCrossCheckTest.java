package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.byzmarina.config.Component;
import org.byzmarina.config.Values;
import org.byzmarina.registry.Registry;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.kernels.TestBatches.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every aggregator of docs/algorithm.md (Mean, CM, CWTM, RFA, Krum, Multi-Krum), alone, with bucketing and
 * with NNM, on batches holding NaN, ±Inf and ±1e38 rows: after the non-finite rule, every engine
 * gives the reference's output bit for bit (and the same Krum choice), and the output is finite.
 */
class AggregatorsCrossCheckTest {
    static final Kernels REFERENCE = new JavaKernels(1);

    static List<Kernels> engines() {
        return TestBatches.engines();
    }

    /** Every registered rule, alone, bucketed, after NNM and both; RFA also with a relative ν. */
    static List<Values> specs() {
        List<Values> specs = new ArrayList<>();
        for (Component<Aggregator, AggregationEnv> rule : Registry.AGGREGATORS) {
            for (int bucket : new int[] {1, 2}) {
                for (boolean nnm : new boolean[] {false, true}) {
                    specs.add(new Values(Map.of("aggregator", rule.name(), "bucket-size", bucket, "nnm", nnm)));
                }
            }
        }
        specs.add(new Values(Map.of("aggregator", "rfa", "bucket-size", 1, "nu", RfaSmoothing.parse("rel:0.5"))));
        specs.add(new Values(Map.of("aggregator", "rfa", "bucket-size", 2, "nnm", true, "nu", RfaSmoothing.parse("rel:0.5"))));
        return specs;
    }

    /** The rule's refusal of m inputs, or null if it takes them. */
    static String refusal(Aggregator a, int m) {
        try {
            a.checkInputs(m);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The rule; FLTrust, MoNNA and CClip get a seeded trusted vector and centre of length d. */
    static Aggregator build(Values spec, Kernels k, int d) {
        double[] reference = TestBatches.vector(Kind.RANDOM, d, 5);
        double[] center = TestBatches.vector(Kind.RANDOM, d, 6);
        return Registry.aggregator(spec, new AggregationEnv(k, ByzantineBudget.of(3, 12), ServerSide.of(center, reference)));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void everyAggregatorMatchesTheReference(Kernels engine) {
        int[][] shapes = {{17, 33}, {32, 1000}, {9, 4097}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int d = shape[1];
            for (Kind kind : new Kind[] {Kind.RANDOM, Kind.EXTREME, Kind.NON_FINITE}) {
                Batch input = TestBatches.make(kind, m, d, 11);
                for (Values spec : specs()) {
                    String ctx = spec.asMap() + " " + kind + " " + m + "x" + d;
                    // Protocol-style budgets: 3 Byzantines among 12 clients.
                    Aggregator want = build(spec, REFERENCE, d);
                    Aggregator got = build(spec, engine, d);
                    String refusal = refusal(want, m);
                    assertEquals(refusal, refusal(got, m), ctx + ": both engines refuse alike");
                    if (refusal != null) {
                        continue; // e.g. MDA over C(32, 8) subsets: refused with a message, on every engine
                    }
                    Batch a = TestBatches.copy(input);
                    Batch b = TestBatches.copy(input);
                    int na = NonFiniteRule.apply(REFERENCE, a, m);
                    int nb = NonFiniteRule.apply(engine, b, m);
                    assertEquals(na, nb, ctx + ": non-finite rows");
                    Batch outA = Batch.allocate(1, d);
                    Batch outB = Batch.allocate(1, d);
                    want.aggregate(a, m, outA, 42);
                    got.aggregate(b, m, outB, 42);
                    for (int j = 0; j < d; j++) {
                        float x = outB.get(0, j);
                        if (Float.floatToIntBits(outA.get(0, j)) != Float.floatToIntBits(x)) {
                            fail(ctx + ": coordinate " + j + " " + outA.get(0, j) + " vs " + x);
                        }
                        assertTrue(Float.isFinite(x), ctx + ": output must be finite");
                    }
                    KrumRule ka = krumOf(want);
                    KrumRule kb = krumOf(got);
                    if (ka != null) {
                        assertArrayEquals(ka.lastSelection(), kb.lastSelection(), ctx + ": Krum's choice");
                    }
                }
            }
        }
    }

    private static KrumRule krumOf(Aggregator a) {
        if (a instanceof KrumRule) {
            return (KrumRule) a;
        }
        return null; // wrapped Krum is covered by the output comparison
    }
}
