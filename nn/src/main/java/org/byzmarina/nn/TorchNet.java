package org.byzmarina.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * One network's forward and backward passes in libtorch, for one thread. The parameters live in one
 * flat native buffer (float32, or float64 for the gradient checks) that libtorch sees as a single
 * leaf tensor; each layer's weight and bias are views into it, so the gradient arrives as one flat
 * vector in the same layout ({@link Model}). Inputs are staged into a native buffer of
 * {@code capacity} images. Every temporary tensor is freed when the call returns (a
 * {@link PointerScope}); the buffers are freed by {@link #close()}.
 *
 * <p>Not thread-safe: a {@code NetProblem} and each of its forks own one.
 */
public final class TorchNet implements AutoCloseable {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    private static final long[] ONE = {1, 1};
    private static final long[] ZERO = {0, 0};
    /** at::Reduction::Sum. */
    private static final long SUM = 2;
    private static final long IGNORE_NONE = -100;

    private final Model model;
    private final boolean dbl;
    private final int capacity;
    private final int dim;
    private final int[] offsets;
    private final Pointer params;
    private final Pointer input;
    private final LongPointer labels;
    private final float[] floats;
    private final double[] doubles;
    private int staged;

    /**
     * @param dbl      compute in float64 (the gradient checks) rather than float32
     * @param capacity the most images one call takes
     */
    public TorchNet(Model model, boolean dbl, int capacity) {
        Torch.enterThread();
        this.model = model;
        this.dbl = dbl;
        this.capacity = capacity;
        this.dim = model.dim();
        this.offsets = model.offsets();
        long in = (long) capacity * PIXELS;
        this.params = dbl ? new DoublePointer(dim) : new FloatPointer(dim);
        this.input = dbl ? new DoublePointer(in) : new FloatPointer(in);
        this.labels = new LongPointer(capacity);
        this.floats = dbl ? null : new float[dim];
        this.doubles = dbl ? new double[Math.max(dim, (int) in)] : null;
    }

    public Model model() {
        return model;
    }

    public int capacity() {
        return capacity;
    }

    /** The parameters x (rounded to float32 unless this net computes in float64). */
    public void setParameters(double[] x) {
        if (x.length != dim) {
            throw new IllegalArgumentException("x has length " + x.length + ", expected " + dim);
        }
        if (dbl) {
            ((DoublePointer) params).put(x, 0, dim);
        } else {
            for (int j = 0; j < dim; j++) {
                floats[j] = (float) x[j];
            }
            ((FloatPointer) params).put(floats, 0, dim);
        }
    }

    /** Stages {@code count} images (normalised pixels, {@link #PIXELS} each) and their labels. */
    public void stage(float[] images, long[] y, int count) {
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException("count " + count + " outside [1, " + capacity + "]");
        }
        int n = count * PIXELS;
        if (dbl) {
            for (int j = 0; j < n; j++) {
                doubles[j] = images[j];
            }
            ((DoublePointer) input).put(doubles, 0, n);
        } else {
            ((FloatPointer) input).put(images, 0, n);
        }
        labels.put(y, 0, count);
        staged = count;
    }

    /**
     * The mean cross-entropy over the first {@code count} staged images and its gradient with respect
     * to the parameters, written into {@code out} (length d).
     *
     * @return the mean loss
     */
    public double gradient(int count, double[] out) {
        check(count);
        Torch.enterThread();
        try (PointerScope scope = new PointerScope()) {
            Tensor p = parameters();
            p.set_requires_grad(true);
            Tensor loss = torch.cross_entropy_loss(forward(p, count), targets(count));
            loss.backward();
            Tensor g = p.grad();
            if (dbl) {
                new DoublePointer(g.data_ptr_double()).get(out, 0, dim);
            } else {
                new FloatPointer(g.data_ptr_float()).get(floats, 0, dim);
                for (int j = 0; j < dim; j++) {
                    out[j] = floats[j];
                }
            }
            return loss.item_double();
        }
    }

    /** The summed cross-entropy and the number of correct predictions over the first {@code count} staged images. */
    public double[] evaluate(int count) {
        check(count);
        Torch.enterThread();
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = forward(parameters(), count);
            Tensor y = targets(count);
            double loss = torch.cross_entropy_loss(logits, y, new TensorOptional(), SUM, IGNORE_NONE, 0.0).item_double();
            long correct = logits.argmax(new LongOptional(1), false).eq(y).sum().item_long();
            return new double[] {loss, correct};
        }
    }

    private void check(int count) {
        if (count < 1 || count > staged) {
            throw new IllegalArgumentException("count " + count + " outside the " + staged + " staged images");
        }
    }

    private TensorOptions options() {
        return new TensorOptions(dbl ? torch.ScalarType.Double : torch.ScalarType.Float);
    }

    private Tensor parameters() {
        return torch.from_blob(params, new long[] {dim}, options());
    }

    private Tensor targets(int count) {
        return torch.from_blob(labels, new long[] {count}, new TensorOptions(torch.ScalarType.Long));
    }

    /** The logits of the first {@code count} staged images. */
    private Tensor forward(Tensor p, int count) {
        Tensor x = torch.from_blob(input, new long[] {count, 1, SIDE, SIDE}, options());
        switch (model) {
            case CNN: {
                Tensor h = torch.relu(torch.conv2d(x, weight(p, 0), bias(p, 0), ONE, ZERO, ONE, 1));
                h = torch.conv2d(h, weight(p, 1), bias(p, 1), ONE, ZERO, ONE, 1);   // no ReLU here (the authors' net)
                h = torch.max_pool2d(h, 2, 2).reshape(count, 9216);
                h = torch.relu(torch.linear(h, weight(p, 2), bias(p, 2)));
                return torch.linear(h, weight(p, 3), bias(p, 3));
            }
            case MLP: {
                Tensor h = torch.relu(torch.linear(x.reshape(count, PIXELS), weight(p, 0), bias(p, 0)));
                return torch.linear(h, weight(p, 1), bias(p, 1));
            }
            default:
                return torch.linear(x.reshape(count, PIXELS), weight(p, 0), bias(p, 0));
        }
    }

    private Tensor weight(Tensor p, int layer) {
        Model.Layer l = model.layers.get(layer);
        return p.narrow(0, offsets[2 * layer], l.weights()).view(l.shape());
    }

    private TensorOptional bias(Tensor p, int layer) {
        return new TensorOptional(p.narrow(0, offsets[2 * layer + 1], model.layers.get(layer).out()));
    }

    @Override
    public void close() {
        params.close();
        input.close();
        labels.close();
    }
}
