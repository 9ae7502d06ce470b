package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libtorch's gradients against the pure-Java reference ({@link JavaNet}) on the same parameters and
 * batch: in float64 they agree to rounding, in float32 (what runs use) to float32's precision.
 */
class GradientCrossCheckTest {
    static final int BATCH = 16;

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"MLP", "SOFTMAX"})
    void libtorchMatchesTheJavaReference(Model model) {
        double[] x = new double[model.dim()];
        model.initialise(42, x);
        SplitMix64 rng = new SplitMix64(7);
        for (int j = 0; j < x.length; j++) {
            x[j] += 0.05 * rng.nextGaussian(); // away from the initialisation's symmetry
        }
        float[] images = new float[BATCH * TorchNet.PIXELS];
        double[] imagesD = new double[images.length];
        for (int i = 0; i < images.length; i++) {
            images[i] = Mnist.pixel((byte) rng.nextBounded(256));
            imagesD[i] = images[i];
        }
        long[] labels = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = rng.nextBounded(10);
        }
        double[] reference = new double[x.length];
        double refLoss = JavaNet.gradient(model, x, imagesD, labels, BATCH, reference);

        for (boolean dbl : new boolean[] {true, false}) {
            double[] g = new double[x.length];
            double loss;
            try (TorchNet net = new TorchNet(model, dbl, BATCH)) {
                net.setParameters(x);
                net.stage(images, labels, BATCH);
                loss = net.gradient(BATCH, g);
            }
            double tol = dbl ? 1e-12 : 2e-5;
            assertEquals(refLoss, loss, tol * Math.max(1, refLoss), model + (dbl ? " float64" : " float32") + " loss");
            double diff = 0;
            double norm = 0;
            double worst = 0;
            for (int j = 0; j < x.length; j++) {
                double e = g[j] - reference[j];
                diff += e * e;
                norm += reference[j] * reference[j];
                worst = Math.max(worst, Math.abs(e));
            }
            double rel = Math.sqrt(diff / norm);
            assertTrue(rel < (dbl ? 1e-12 : 1e-5), model + (dbl ? " float64" : " float32") + ": relative error " + rel
                    + ", worst entry " + worst);
        }
    }
}
