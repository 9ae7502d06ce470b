package org.byzmarina.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.byzmarina.nn.Mnist;
import org.byzmarina.nn.Model;
import org.byzmarina.nn.NetProblem;
import org.byzmarina.nn.Torch;
import org.byzmarina.nn.TorchNet;
import org.byzmarina.random.SplitMix64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One client's minibatch gradient of a network (batch 128) through libtorch, as a round computes it:
 * {@code client} is NetProblem.minibatchGradient (staging 128 images from their bytes, setting the
 * 1.2 M parameters from the double vector, forward, backward, the gradient back into a double
 * vector); {@code forwardBackward} is libtorch's forward and backward alone on staged inputs, the
 * part bench/pytorch/cnn_gradient.py times in PyTorch. libtorch runs one intra-op thread (as in
 * runs: --threads parallelises across clients). The images are random bytes (the time does not
 * depend on them); the gradient is checked to be finite and non-zero after the trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class CnnGradientBenchmark {
    static final int BATCH = 128;

    @Param({"cnn"})
    public String model;

    private NetProblem problem;
    private TorchNet net;
    private double[] x;
    private double[] g;
    private int[] batch;

    @Setup(Level.Trial)
    public void setUp() {
        Torch.require();
        Model m = Model.parse(model);
        SplitMix64 rng = new SplitMix64(1);
        int train = 3000;
        byte[] pixels = new byte[train * TorchNet.PIXELS];
        byte[] labels = new byte[train];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextBounded(256);
        }
        for (int i = 0; i < train; i++) {
            labels[i] = (byte) rng.nextBounded(10);
        }
        Mnist data = new Mnist(pixels, labels, new byte[TorchNet.PIXELS], new byte[1], TorchNet.SIDE, Map.of());
        problem = NetProblem.of(data, m, "iid", 1, 0, 1, BATCH);
        x = new double[m.dim()];
        m.initialise(1, x);
        g = new double[m.dim()];
        batch = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = i * 7;
        }
        net = new TorchNet(m, false, BATCH);
        float[] images = new float[BATCH * TorchNet.PIXELS];
        long[] y = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            for (int p = 0; p < TorchNet.PIXELS; p++) {
                images[i * TorchNet.PIXELS + p] = Mnist.pixel(pixels[i * TorchNet.PIXELS + p]);
            }
            y[i] = labels[i];
        }
        net.setParameters(x);
        net.stage(images, y, BATCH);
    }

    @Benchmark
    public double client() {
        problem.minibatchGradient(0, batch, BATCH, x, false, g);
        return g[0];
    }

    @Benchmark
    public double forwardBackward() {
        return net.gradient(BATCH, g);
    }

    @TearDown(Level.Trial)
    public void check() {
        double s = 0;
        for (double v : g) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("non-finite gradient");
            }
            s += v * v;
        }
        if (s == 0) {
            throw new IllegalStateException("zero gradient");
        }
        net.close();
    }
}
