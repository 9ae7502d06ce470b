package org.byzmarina.nn;

import java.util.List;
import org.byzmarina.random.Purpose;
import org.byzmarina.random.Seeds;
import org.byzmarina.random.SplitMix64;

/**
 * The networks, as a list of parameter tensors laid end to end in one flat vector (weight then bias
 * of each layer, in PyTorch's {@code parameters()} order, so the vector is what
 * {@code parameters_to_vector} gives). Every aggregator, attack, compressor and clip sees only this
 * vector. The forward pass is in {@link TorchNet}.
 *
 * <ul>
 *   <li>{@link #CNN}, the authors' MNIST network: conv 1→32 3×3, ReLU; conv 32→64 3×3 (no ReLU);
 *       max-pool 2; fc 9216→128, ReLU; fc 128→10; cross-entropy. d = 1 199 882.</li>
 *   <li>{@link #MLP}: fc 784→128, ReLU; fc 128→10; cross-entropy. d = 101 770.</li>
 *   <li>{@link #SOFTMAX}: multinomial logistic regression, fc 784→10; cross-entropy. d = 7 850.</li>
 * </ul>
 *
 * Initialisation is PyTorch's default rule for {@code Conv2d} and {@code Linear} (Kaiming-uniform
 * with a = √5, which gives U(−1/√fan_in, 1/√fan_in) for the weights, and the same bound for the
 * biases), drawn from the run's seed: the stream (seed, 0, server, NET_INIT), one uniform per
 * parameter in vector order.
 */
public enum Model {
    CNN("cnn", List.of(new Layer(new long[] {32, 1, 3, 3}), new Layer(new long[] {64, 32, 3, 3}),
            new Layer(new long[] {128, 9216}), new Layer(new long[] {10, 128}))),
    MLP("mlp", List.of(new Layer(new long[] {128, 784}), new Layer(new long[] {10, 128}))),
    SOFTMAX("softmax", List.of(new Layer(new long[] {10, 784})));

    /** A layer's weight shape (out, in, ...); its bias has {@code shape[0]} entries. */
    public record Layer(long[] shape) {
        public int out() {
            return (int) shape[0];
        }

        /** fan_in: the weight's entries per output. */
        public int fanIn() {
            long s = 1;
            for (int i = 1; i < shape.length; i++) {
                s *= shape[i];
            }
            return (int) s;
        }

        public int weights() {
            return out() * fanIn();
        }
    }

    public final String label;
    public final List<Layer> layers;
    private final int dim;

    Model(String label, List<Layer> layers) {
        this.label = label;
        this.layers = layers;
        int d = 0;
        for (Layer l : layers) {
            d += l.weights() + l.out();
        }
        this.dim = d;
    }

    /** d, the length of the parameter vector. */
    public int dim() {
        return dim;
    }

    public static Model parse(String s) {
        for (Model m : values()) {
            if (m.label.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + s + "' (expected cnn, mlp or softmax)");
    }

    /** The offsets of each layer's weight and bias in the vector: {w0, b0, w1, b1, ...}. */
    public int[] offsets() {
        int[] o = new int[2 * layers.size()];
        int at = 0;
        for (int i = 0; i < layers.size(); i++) {
            o[2 * i] = at;
            at += layers.get(i).weights();
            o[2 * i + 1] = at;
            at += layers.get(i).out();
        }
        return o;
    }

    /** Writes the seeded initialisation into x (length d). */
    public void initialise(long seed, double[] x) {
        if (x.length != dim) {
            throw new IllegalArgumentException("x has length " + x.length + ", the " + label + " has " + dim + " parameters");
        }
        SplitMix64 rng = Seeds.stream(seed, 0, Seeds.SERVER, Purpose.NET_INIT);
        int at = 0;
        for (Layer l : layers) {
            double bound = 1 / Math.sqrt(l.fanIn());
            for (int j = 0, n = l.weights() + l.out(); j < n; j++) {
                x[at++] = (2 * rng.nextDouble() - 1) * bound;
            }
        }
    }
}
