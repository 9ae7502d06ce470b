package org.byzmarina.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.byzmarina.data.TestData;
import org.byzmarina.random.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results do not depend on the thread count: libtorch computes a gradient the same way on any
 * thread (one intra-op thread), and a run gives the same metrics with --threads 1 and 2.
 */
class ThreadsTest {
    @TempDir
    Path tmp;

    @Test
    void aCnnGradientIsTheSameOnEveryThread() throws Exception {
        Model model = Model.CNN;
        double[] x = new double[model.dim()];
        model.initialise(3, x);
        SplitMix64 rng = new SplitMix64(4);
        float[] images = new float[8 * TorchNet.PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = Mnist.pixel((byte) rng.nextBounded(256));
        }
        long[] labels = {0, 1, 2, 3, 4, 5, 6, 7};
        java.util.concurrent.Callable<double[]> gradient = () -> {
            try (TorchNet net = new TorchNet(model, false, 8)) {
                net.setParameters(x);
                net.stage(images, labels, 8);
                double[] g = new double[model.dim()];
                net.gradient(8, g);
                return g;
            }
        };
        double[] here = gradient.call();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<double[]> a = pool.submit(gradient);
            Future<double[]> b = pool.submit(gradient);
            assertArrayEquals(here, a.get());
            assertArrayEquals(here, b.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameMetrics() throws Exception {
        Path mnist = TestData.mnist();
        String[] common = {"--dataset", mnist.toString(), "--model", "mlp", "--method", "sgdm", "--attack", "bf", "--clients", "20",
                "--byzantine", "5", "--sampled", "4", "--batch", "64", "--step", "0.05", "--clip", "1", "--rounds", "30",
                "--eval-every", "10", "--seed", "9"};
        List<String[]> one = NetRuns.run(tmp.resolve("one"), concat(common, "--threads", "1"));
        List<String[]> two = NetRuns.run(tmp.resolve("two"), concat(common, "--threads", "2"));
        assertEquals(one.size(), two.size());
        assertEquals(5, one.size()); // header, rounds 0, 10, 20, 30
        for (int r = 0; r < one.size(); r++) {
            // every column but the last (wall_s)
            assertArrayEquals(Arrays.copyOf(one.get(r), one.get(r).length - 1), Arrays.copyOf(two.get(r), two.get(r).length - 1),
                    "row " + r);
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
