package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libtorch's gradient of each network, in float64 on a few images, against central finite
 * differences of its loss: along single coordinates of every layer and along random directions.
 */
class FiniteDifferenceTest {
    static final int IMAGES = 3;
    static final double H = 1e-6;

    @ParameterizedTest
    @EnumSource(Model.class)
    void gradientMatchesFiniteDifferences(Model model) {
        SplitMix64 rng = new SplitMix64(11);
        double[] x = new double[model.dim()];
        model.initialise(5, x);
        float[] images = new float[IMAGES * TorchNet.PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = Mnist.pixel((byte) rng.nextBounded(256));
        }
        long[] labels = {3, 8, 1};
        try (TorchNet net = new TorchNet(model, true, IMAGES)) {
            net.stage(images, labels, IMAGES);
            net.setParameters(x);
            double[] g = new double[x.length];
            net.gradient(IMAGES, g);
            int[] offsets = model.offsets();
            // Two coordinates of every weight and bias tensor.
            for (int t = 0; t < offsets.length; t++) {
                int end = t + 1 < offsets.length ? offsets[t + 1] : model.dim();
                for (int k = 0; k < 2; k++) {
                    int j = offsets[t] + rng.nextBounded(end - offsets[t]);
                    double[] v = new double[x.length];
                    v[j] = 1;
                    check(net, x, v, g, model + " coordinate " + j);
                }
            }
            // Random directions through every parameter.
            for (int k = 0; k < 3; k++) {
                double[] v = new double[x.length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = rng.nextGaussian();
                }
                check(net, x, v, g, model + " direction " + k);
            }
        }
    }

    private static void check(TorchNet net, double[] x, double[] v, double[] g, String what) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        double norm = 0;
        double gv = 0;
        for (int j = 0; j < x.length; j++) {
            norm += v[j] * v[j];
            gv += g[j] * v[j];
        }
        double h = H / Math.sqrt(norm);
        for (int j = 0; j < x.length; j++) {
            plus[j] += h * v[j];
            minus[j] -= h * v[j];
        }
        double fd = (loss(net, plus) - loss(net, minus)) / (2 * h);
        assertEquals(gv, fd, 1e-6 * Math.max(1, Math.abs(gv)) * Math.sqrt(norm), what + ": gradient·v vs finite difference");
    }

    private static double loss(TorchNet net, double[] x) {
        net.setParameters(x);
        return net.evaluate(IMAGES)[0] / IMAGES;
    }
}
