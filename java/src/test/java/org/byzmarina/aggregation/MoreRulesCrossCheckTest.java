package org.byzmarina.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.byzmarina.kernels.Batch;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.kernels.TestBatches;
import org.byzmarina.kernels.TestBatches.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of docs/algorithm.md "More robust rules" (CClip, MeaMed, Bulyan, MDA, SMEA, CAF, DnC, FLTrust,
 * MoNNA, static clipping, ARC), alone and inside bucketing: on random, extreme (±1e38, ±3e38,
 * denormals) and non-finite inputs (NaN/±Inf rows zeroed by the non-finite rule first), at row counts
 * and dimensions that hit every SIMD tail, every engine gives the one-thread Java reference's output
 * bit for bit, the output is finite, and the caller's batch is left as it was.
 */
class MoreRulesCrossCheckTest {
    static final Kernels REFERENCE = new JavaKernels(1);
    static final ByzantineBudget BUDGET = ByzantineBudget.of(3, 12);

    record Component(String name, BiFunction<Kernels, ServerSide, Aggregator> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Component> components() {
        List<Component> c = new ArrayList<>();
        c.add(new Component("cclip", (k, s) -> new CenteredClipRule(k, s, CenteredClipRule.Options.DEFAULTS)));
        c.add(new Component("cclip(tau=0.05, L=5)", (k, s) -> new CenteredClipRule(k, s, new CenteredClipRule.Options(0.05, 5))));
        c.add(new Component("meamed", (k, s) -> new MeaMedRule(k, BUDGET)));
        c.add(new Component("bulyan", (k, s) -> new BulyanRule(k, BUDGET)));
        c.add(new Component("mda", (k, s) -> new MdaRule(k, BUDGET)));
        c.add(new Component("smea", (k, s) -> new SmeaRule(k, BUDGET)));
        c.add(new Component("caf", (k, s) -> new CafRule(k, BUDGET)));
        c.add(new Component("dnc", (k, s) -> new DncRule(k, BUDGET, DncRule.Options.DEFAULTS)));
        c.add(new Component("dnc(T=3, b=5, c=1.5)", (k, s) -> new DncRule(k, BUDGET, new DncRule.Options(3, 5, 1.5))));
        c.add(new Component("fltrust", (k, s) -> new FlTrustRule(k, s)));
        c.add(new Component("monna", (k, s) -> new MonnaRule(k, BUDGET, s)));
        c.add(new Component("static-clip(0.5)∘mean", (k, s) -> new StaticClipping(k, new StaticClipping.Options(0.5), new MeanRule(k))));
        c.add(new Component("arc∘cwtm", (k, s) -> new AdaptiveRobustClipping(k, BUDGET, new TrimmedMeanRule(k, BUDGET))));
        c.add(new Component("arc∘cclip", (k, s) -> new AdaptiveRobustClipping(k, BUDGET,
                new CenteredClipRule(k, s, CenteredClipRule.Options.DEFAULTS))));
        // Inside bucketing: the rule's f comes from the raw inputs (the `before` path).
        c.add(new Component("meamed∘bucketing(2)", (k, s) -> new Bucketing(k, 2, new MeaMedRule(k, BUDGET))));
        c.add(new Component("bulyan∘bucketing(2)", (k, s) -> new Bucketing(k, 2, new BulyanRule(k, BUDGET))));
        c.add(new Component("caf∘bucketing(2)", (k, s) -> new Bucketing(k, 2, new CafRule(k, BUDGET))));
        c.add(new Component("dnc∘bucketing(2)", (k, s) -> new Bucketing(k, 2, new DncRule(k, BUDGET, new DncRule.Options(2, 7, 1.0)))));
        c.add(new Component("smea∘nnm", (k, s) -> new NearestNeighbourMixing(k, BUDGET, new SmeaRule(k, BUDGET))));
        c.add(new Component("arc∘mda∘bucketing(2)", (k, s) -> new AdaptiveRobustClipping(k, BUDGET,
                new Bucketing(k, 2, new MdaRule(k, BUDGET)))));
        return c;
    }

    static List<Kernels> engines() {
        return TestBatches.engines();
    }

    /** (m, d): odd and even m; d hitting the 4-, 8- and 16-lane tails, a thread split and a long row. */
    static final int[][] SHAPES = {{1, 3}, {5, 17}, {8, 33}, {12, 65}, {17, 1000}, {7, 4097}};

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("engines")
    void everyNewRuleMatchesTheReferenceBitForBit(Kernels engine) {
        int checked = 0;
        int refused = 0;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int d = shape[1];
            for (Kind kind : new Kind[] {Kind.RANDOM, Kind.EXTREME, Kind.NON_FINITE}) {
                Batch input = TestBatches.make(kind, m, d, 23);
                Kind vectorKind = kind == Kind.RANDOM ? Kind.RANDOM : Kind.EXTREME;
                ServerSide server = ServerSide.of(TestBatches.vector(Kind.RANDOM, d, 5), TestBatches.vector(vectorKind, d, 6));
                for (Component component : components()) {
                    String ctx = component + " " + kind + " " + m + "x" + d + " on " + TestBatches.name(engine);
                    Aggregator want = component.build().apply(REFERENCE, server);
                    Aggregator got = component.build().apply(engine, server);
                    if (refuses(want, m)) { // e.g. Bulyan with fewer than 4f + 3 inputs
                        assertTrue(refuses(got, m), ctx + ": refused by the reference only");
                        refused++;
                        continue;
                    }
                    Batch a = TestBatches.copy(input);
                    Batch b = TestBatches.copy(input);
                    assertEquals(NonFiniteRule.apply(REFERENCE, a, m), NonFiniteRule.apply(engine, b, m), ctx + ": non-finite rows");
                    Batch before = TestBatches.copy(b);
                    Batch outA = Batch.allocate(1, d);
                    Batch outB = Batch.allocate(1, d);
                    want.aggregate(a, m, outA, 42);
                    got.aggregate(b, m, outB, 42);
                    for (int j = 0; j < d; j++) {
                        float x = outB.get(0, j);
                        if (Float.floatToIntBits(outA.get(0, j)) != Float.floatToIntBits(x)) {
                            fail(ctx + ": coordinate " + j + " " + outA.get(0, j) + " vs " + x);
                        }
                        assertTrue(Float.isFinite(x), ctx + ": output must be finite, got " + x + " at " + j);
                    }
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < d; j++) {
                            if (Float.floatToIntBits(before.get(i, j)) != Float.floatToIntBits(b.get(i, j))) {
                                fail(ctx + ": the caller's batch changed at (" + i + ", " + j + ")");
                            }
                        }
                    }
                    checked++;
                }
            }
        }
        assertEquals(SHAPES.length * 3 * components().size(), checked + refused);
        assertTrue(refused <= 3 * 3, "only Bulyan (alone and bucketed) and MDA∘bucketing refuse, at m = 1: " + refused);
    }

    static List<Kernels> backends() {
        return Naive.backends();
    }

    /**
     * The worst finite inputs (whole rows of ±3e38, the largest floats) among NaN and ±Inf rows that
     * the non-finite rule zeroes first, with a reference and centre of ±1e38 entries: every rule's
     * output is finite on both backends.
     */
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("backends")
    void hostileRowsGiveFiniteOutputs(Kernels k) {
        for (int[] shape : new int[][] {{9, 5}, {16, 33}, {13, 257}}) {
            int m = shape[0];
            int d = shape[1];
            Batch x = TestBatches.make(Kind.RANDOM, m, d, 3);
            float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
            for (int i = 0; i < m; i++) {
                switch (i % 5) {
                    case 0 -> x.fillRow(i, 3e38f);
                    case 1 -> x.fillRow(i, -3e38f);
                    case 2 -> x.fillRow(i, bad[i % 3]);
                    case 3 -> x.set(i, d - 1, bad[(i + 1) % 3]);
                    default -> x.set(i, 0, 1e38f);
                }
            }
            double[] huge = new double[d];
            java.util.Arrays.fill(huge, 1e38);
            huge[0] = -1e38;
            ServerSide server = ServerSide.of(huge, huge);
            assertTrue(NonFiniteRule.apply(k, x, m) > 0);
            for (Component component : components()) {
                Batch out = Batch.allocate(1, d);
                component.build().apply(k, server).aggregate(x, m, out, 9);
                for (int j = 0; j < d; j++) {
                    assertTrue(Float.isFinite(out.get(0, j)), component + " " + m + "x" + d + ": coordinate " + j + " is "
                            + out.get(0, j));
                }
            }
        }
    }

    private static boolean refuses(Aggregator a, int m) {
        try {
            a.checkInputs(m);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
