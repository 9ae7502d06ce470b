package org.byzmarina.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.byzmarina.aggregation.Aggregator;
import org.byzmarina.aggregation.MeanRule;
import org.byzmarina.aggregation.MedianRule;
import org.byzmarina.attacks.Attack;
import org.byzmarina.attacks.AttackSpace;
import org.byzmarina.compression.Compressor;
import org.byzmarina.kernels.JavaKernels;
import org.byzmarina.kernels.Kernels;
import org.byzmarina.problems.Problem;
import org.junit.jupiter.api.Test;

/**
 * One or two rounds of each method on a tiny fake problem, against a computation by hand (no CLI,
 * no data files). The fake problem: client i holds two samples with f_{i,j}(x) = ½ a_ij ‖x − c_ij‖²,
 * so ∇f_{i,j}(x) = a_ij (x − c_ij); minibatches are the whole client (b = m_i = 2), so every
 * gradient difference is ā_i (x¹ − x⁰), ā_i the mean curvature. x⁰ = 0, γ = 0.5, full participation
 * (C = n), so no sampling is involved. Tolerance 1e-6: messages travel as float32.
 */
class AlgorithmOneTest {
    static final double GAMMA = 0.5;
    static final double TOL = 1e-6;
    static final Kernels K = new JavaKernels(1);
    // a_ij and c_ij for clients 0, 1, 2 (d = 2); client 2 is Byzantine where B = 1.
    static final double[][] A = {{1, 3}, {2, 2}, {0.5, 1.5}};
    static final double[][][] C = {{{1, 0}, {3, 2}}, {{-1, 1}, {1, 1}}, {{0, -2}, {2, 0}}};

    /** f_{i,j}(x) = ½ a_ij ‖x − c_ij‖². */
    static final class Fake implements Problem {
        final int byzantine;

        Fake(int byzantine) {
            this.byzantine = byzantine;
        }

        public int dim() {
            return 2;
        }

        public int clients() {
            return 3;
        }

        public int byzantine() {
            return byzantine;
        }

        public int samples(int client) {
            return 2;
        }

        public boolean labelled() {
            return false;
        }

        public void fullGradient(int i, double[] x, boolean flip, double[] out) {
            minibatchGradient(i, new int[] {0, 1}, 2, x, flip, out);
        }

        public void minibatchGradient(int i, int[] batch, int size, double[] x, boolean flip, double[] out) {
            for (int t = 0; t < 2; t++) {
                out[t] = 0;
                for (int r = 0; r < size; r++) {
                    int j = batch[r];
                    out[t] += A[i][j] * (x[t] - C[i][j][t]) / size;
                }
            }
        }

        public void minibatchDifference(int i, int[] batch, int size, double[] x1, double[] x0, boolean flip,
                                        double[] out) {
            double[] g1 = new double[2];
            double[] g0 = new double[2];
            minibatchGradient(i, batch, size, x1, flip, g1);
            minibatchGradient(i, batch, size, x0, flip, g0);
            out[0] = g1[0] - g0[0];
            out[1] = g1[1] - g0[1];
        }

        public double loss(double[] x, double[] gradOut) {
            return 0;
        }

        public OptionalDouble optimum() {
            return OptionalDouble.empty();
        }

        public String describe() {
            return "fake";
        }
    }

    /** ∇f_i(x) by hand. */
    static double[] grad(int i, double[] x) {
        double[] g = new double[2];
        for (int t = 0; t < 2; t++) {
            g[t] = (A[i][0] * (x[t] - C[i][0][t]) + A[i][1] * (x[t] - C[i][1][t])) / 2;
        }
        return g;
    }

    static double abar(int i) {
        return (A[i][0] + A[i][1]) / 2;
    }

    static double[] mean(double[]... v) {
        double[] m = new double[2];
        for (double[] r : v) {
            m[0] += r[0] / v.length;
            m[1] += r[1] / v.length;
        }
        return m;
    }

    static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    static double[] times(double s, double[] a) {
        return new double[] {s * a[0], s * a[1]};
    }

    static double norm(double[] a) {
        return Math.sqrt(a[0] * a[0] + a[1] * a[1]);
    }

    static double[] clip(double lambda, double[] v) {
        double n = norm(v);
        return n > lambda ? times(lambda / n, v) : v;
    }

    static ProtocolSettings settings(Method method, ClipRule clip, int clients, double momentum) {
        momentum = Math.max(0, momentum); // β is only read by BR-SGDm
        return new ProtocolSettings(method, clients, clients, 0.0, GAMMA, 2, clip, false, 1, momentum, 10, 7, false,
                AttackSpace.FULL, false);
    }

    static Simulation simulation(Method method, ClipRule clip, Aggregator agg, int byzantine, Attack attack, double momentum) {
        Fake p = new Fake(byzantine);
        return new Simulation(p, settings(method, clip, 3, momentum), K, agg, new MeanRule(K), Compressor.IDENTITY, attack);
    }

    static final double[] ZERO = {0, 0};

    @Test
    void byzVrMarinaPpDifferenceRound() {
        Simulation sim = simulation(Method.MARINA_PP, ClipRule.NONE, new MeanRule(K), 0, null, -1);
        sim.start();
        double[] g0 = mean(grad(0, ZERO), grad(1, ZERO), grad(2, ZERO));
        assertArrayEquals(g0, sim.estimator(), TOL, "g⁰ = mean of the full gradients at x⁰");
        sim.round(0); // p = 0: a difference round
        double[] x1 = times(-GAMMA, g0);
        double[] g1 = plus(g0, mean(times(abar(0), x1), times(abar(1), x1), times(abar(2), x1)));
        assertArrayEquals(x1, sim.iterate(), TOL);
        assertArrayEquals(g1, sim.estimator(), TOL);
    }

    @Test
    void byzVrMarinaPpClipsTheDifferencesAtAlphaGammaNormG() {
        double alpha = 0.6;
        Simulation sim = simulation(Method.MARINA_PP, ClipRule.paper(alpha), new MeanRule(K), 0, null, -1);
        sim.start();
        sim.round(0);
        double[] g0 = mean(grad(0, ZERO), grad(1, ZERO), grad(2, ZERO));
        double[] x1 = times(-GAMMA, g0);
        double lambda = alpha * GAMMA * norm(g0); // = α ‖x¹ − x⁰‖
        double[] g1 = plus(g0, mean(clip(lambda, times(abar(0), x1)), clip(lambda, times(abar(1), x1)),
                clip(lambda, times(abar(2), x1))));
        assertEquals(true, norm(times(abar(1), x1)) > lambda, "the test must clip something");
        assertArrayEquals(g1, sim.estimator(), TOL);
    }

    @Test
    void codeModeClipsAtCNormG() {
        Simulation sim = simulation(Method.MARINA_PP, ClipRule.code(0.3), new MeanRule(K), 0, null, -1);
        sim.start();
        sim.round(0);
        double[] g0 = mean(grad(0, ZERO), grad(1, ZERO), grad(2, ZERO));
        double[] x1 = times(-GAMMA, g0);
        double lambda = 0.3 * norm(g0);
        double[] g1 = plus(g0, mean(clip(lambda, times(abar(0), x1)), clip(lambda, times(abar(1), x1)),
                clip(lambda, times(abar(2), x1))));
        assertArrayEquals(g1, sim.estimator(), TOL);
    }

    /** PP+ aggregates full rounds with ARAgg (here CM) but differences with the plain mean. */
    @Test
    void byzVrMarinaPpPlusUsesTheMeanForDifferences() {
        Simulation sim = simulation(Method.MARINA_PP_PLUS, ClipRule.NONE, new MedianRule(K), 0, null, -1);
        sim.start();
        double[] a = grad(0, ZERO);
        double[] b = grad(1, ZERO);
        double[] c = grad(2, ZERO);
        double[] g0 = {median(a[0], b[0], c[0]), median(a[1], b[1], c[1])};
        assertArrayEquals(g0, sim.estimator(), TOL, "g⁰ = CM of the full gradients");
        sim.round(0);
        double[] x1 = times(-GAMMA, g0);
        double[] g1 = plus(g0, mean(times(abar(0), x1), times(abar(1), x1), times(abar(2), x1)));
        assertArrayEquals(g1, sim.estimator(), TOL);
    }

    /** Byz-VR-MARINA: clients send full vectors g^k + Δ_i and the server takes their CM. */
    @Test
    void byzVrMarinaAggregatesFullVectors() {
        Simulation sim = simulation(Method.MARINA, ClipRule.NONE, new MedianRule(K), 0, null, -1);
        sim.start();
        double[] a = grad(0, ZERO);
        double[] b = grad(1, ZERO);
        double[] c = grad(2, ZERO);
        double[] g0 = {median(a[0], b[0], c[0]), median(a[1], b[1], c[1])};
        sim.round(0);
        double[] x1 = times(-GAMMA, g0);
        double[] v0 = plus(g0, times(abar(0), x1));
        double[] v1 = plus(g0, times(abar(1), x1));
        double[] v2 = plus(g0, times(abar(2), x1));
        assertArrayEquals(new double[] {median(v0[0], v1[0], v2[0]), median(v0[1], v1[1], v2[1])}, sim.estimator(), TOL);
    }

    /** Parallel SGD: g^k = Agg(∇f_{i,J}(x^k)), x^{k+1} = x^k − γ g^k. */
    @Test
    void sgdStepsAlongTheAggregatedGradient() {
        Simulation sim = simulation(Method.SGD, ClipRule.NONE, new MeanRule(K), 0, null, -1);
        sim.start();
        sim.round(0);
        double[] g0 = mean(grad(0, ZERO), grad(1, ZERO), grad(2, ZERO));
        assertArrayEquals(times(-GAMMA, g0), sim.iterate(), TOL);
    }

    /** BR-SGDm: m_i = β m_i + ∇f_i(x), momenta from 0; two rounds. */
    @Test
    void brSgdmKeepsClientMomentum() {
        double beta = 0.9;
        Simulation sim = simulation(Method.SGDM, ClipRule.NONE, new MeanRule(K), 0, null, beta);
        sim.start();
        sim.round(0);
        sim.round(1);
        double[][] m = new double[3][];
        for (int i = 0; i < 3; i++) {
            m[i] = grad(i, ZERO);
        }
        double[] x1 = times(-GAMMA, mean(m[0], m[1], m[2]));
        for (int i = 0; i < 3; i++) {
            m[i] = plus(times(beta, m[i]), grad(i, x1));
        }
        double[] x2 = plus(x1, times(-GAMMA, mean(m[0], m[1], m[2])));
        assertArrayEquals(x2, sim.iterate(), TOL);
    }

    /** Eq. (10): g^k = g^{k−1} + Agg(clip_λ(u_i − g^{k−1})), λ_0 = ∞, λ_1 = α ‖x¹ − x⁰‖. */
    @Test
    void theClippingHeuristicOfEquationTen() {
        double alpha = 0.5;
        Simulation sim = simulation(Method.SGD, ClipRule.paper(alpha), new MeanRule(K), 0, null, -1);
        sim.start();
        sim.round(0);
        sim.round(1);
        double[] g0 = mean(grad(0, ZERO), grad(1, ZERO), grad(2, ZERO));
        double[] x1 = times(-GAMMA, g0);
        double lambda = alpha * norm(x1);
        double[] g1 = plus(g0, mean(clip(lambda, plus(grad(0, x1), times(-1, g0))),
                clip(lambda, plus(grad(1, x1), times(-1, g0))), clip(lambda, plus(grad(2, x1), times(-1, g0)))));
        assertArrayEquals(plus(x1, times(-GAMMA, g1)), sim.iterate(), TOL);
    }

    /**
     * A Byzantine in a difference round (full attack space): IPM forms u = −ε μ over the good full
     * vectors g⁰ + Δ_i and the server receives v = u − g⁰.
     */
    @Test
    void aByzantineSendsItsFullVectorMinusTheEstimator() {
        Attack ipm = org.byzmarina.registry.Registry.find(org.byzmarina.registry.Registry.ATTACKS, "ipm")
                .create(org.byzmarina.config.Values.none(), new org.byzmarina.attacks.AttackEnv(K, 3, 1, 10));
        Simulation sim = simulation(Method.MARINA_PP, ClipRule.NONE, new MeanRule(K), 1, ipm, -1);
        sim.start();
        double[] mu0 = mean(grad(0, ZERO), grad(1, ZERO));
        double[] g0 = mean(grad(0, ZERO), grad(1, ZERO), times(-0.1, mu0)); // g⁰: a full round, u itself
        assertArrayEquals(g0, sim.estimator(), TOL);
        sim.round(0);
        double[] x1 = times(-GAMMA, g0);
        double[] d0 = times(abar(0), x1);
        double[] d1 = times(abar(1), x1);
        double[] mu = plus(g0, mean(d0, d1));
        double[] v = plus(times(-0.1, mu), times(-1, g0));
        assertArrayEquals(plus(g0, mean(d0, d1, v)), sim.estimator(), TOL);
    }

    static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * The divergence rule's model clause: an evaluation that finds the model's loss non-finite (x and
     * g still finite, as when a float32 network overflows) ends the run there, as diverged.
     */
    @Test
    void aNonFiniteModelLossEndsTheRunAsDiverged() {
        Simulation sim = simulation(Method.SGD, ClipRule.NONE, new MeanRule(K), 0, null, -1);
        int[] evaluations = {0};
        Simulation.Observer observer = new Simulation.Observer() {
            @Override
            public void evaluate(Snapshot s) {
                evaluations[0]++;
            }

            @Override
            public boolean modelDiverged() {
                return evaluations[0] >= 3;
            }
        };
        Simulation.Outcome outcome = sim.run(2, observer);
        org.junit.jupiter.api.Assertions.assertTrue(outcome.diverged());
        assertEquals(4, outcome.roundsCompleted(), "rows at rounds 0, 2 and 4; the third finds the loss non-finite");
        assertEquals(3, evaluations[0]);
        org.junit.jupiter.api.Assertions.assertTrue(!simulation(Method.SGD, ClipRule.NONE, new MeanRule(K), 0, null, -1)
                .run(2, s -> { }).diverged(), "10 rounds of a finite model run to the end");
    }
}
