package org.byzmarina.nn;

/**
 * The pure-Java reference for the fully connected networks ({@link Model#MLP}, {@link Model#SOFTMAX}):
 * forward and backward in double, written out loop by loop, in the same parameter layout. The
 * libtorch networks are checked against it ({@code GradientCrossCheckTest}).
 */
final class JavaNet {
    private JavaNet() {
    }

    /**
     * The mean cross-entropy over the images and its gradient (into grad).
     *
     * @param images count × 784 inputs, already normalised
     */
    static double gradient(Model model, double[] x, double[] images, long[] labels, int count, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        int in = TorchNet.PIXELS;
        double loss = 0;
        if (model == Model.SOFTMAX) {
            for (int i = 0; i < count; i++) {
                double[] z = affine(x, 0, 10 * in, images, i * in, 10, in);
                double[] dz = new double[10];
                loss += crossEntropy(z, (int) labels[i], dz);
                accumulate(grad, 0, 10 * in, dz, images, i * in, 10, in, count);
            }
            return loss / count;
        }
        if (model != Model.MLP) {
            throw new IllegalArgumentException("no Java reference for the " + model.label);
        }
        int hidden = 128;
        int w1 = 0;
        int b1 = hidden * in;
        int w2 = b1 + hidden;
        int b2 = w2 + 10 * hidden;
        for (int i = 0; i < count; i++) {
            double[] pre = affine(x, w1, b1, images, i * in, hidden, in);
            double[] h = new double[hidden];
            for (int k = 0; k < hidden; k++) {
                h[k] = Math.max(0, pre[k]);
            }
            double[] z = affine(x, w2, b2, h, 0, 10, hidden);
            double[] dz = new double[10];
            loss += crossEntropy(z, (int) labels[i], dz);
            accumulate(grad, w2, b2, dz, h, 0, 10, hidden, count);
            double[] dh = new double[hidden];
            for (int k = 0; k < hidden; k++) {
                double s = 0;
                for (int o = 0; o < 10; o++) {
                    s += x[w2 + o * hidden + k] * dz[o];
                }
                dh[k] = pre[k] > 0 ? s : 0;
            }
            accumulate(grad, w1, b1, dh, images, i * in, hidden, in, count);
        }
        return loss / count;
    }

    /** W v + b for W (out × in) at x[w], b at x[b], v = vec[from .. from + in). */
    private static double[] affine(double[] x, int w, int b, double[] vec, int from, int out, int in) {
        double[] z = new double[out];
        for (int o = 0; o < out; o++) {
            double s = x[b + o];
            for (int k = 0; k < in; k++) {
                s += x[w + o * in + k] * vec[from + k];
            }
            z[o] = s;
        }
        return z;
    }

    /** −log softmax(z)_y; dz = softmax(z) − e_y. */
    private static double crossEntropy(double[] z, int y, double[] dz) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double logSum = max + Math.log(sum);
        for (int o = 0; o < z.length; o++) {
            dz[o] = Math.exp(z[o] - logSum) - (o == y ? 1 : 0);
        }
        return logSum - z[y];
    }

    /** grad_W += dz vᵀ / count, grad_b += dz / count. */
    private static void accumulate(double[] grad, int w, int b, double[] dz, double[] vec, int from, int out, int in, int count) {
        for (int o = 0; o < out; o++) {
            double d = dz[o] / count;
            grad[b + o] += d;
            for (int k = 0; k < in; k++) {
                grad[w + o * in + k] += d * vec[from + k];
            }
        }
    }
}
