package org.byzmarina.nn;

import java.io.IOException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Initialised only by {@link Torch#require()} through {@code NativeLoading.load}, under the loader
 * lock: extracts libtorch's libraries, loads them (the static initialiser of {@code torch}), fixes the thread counts, turns on
 * deterministic algorithms and warms every network up (see {@link Torch}).
 */
final class TorchInit {
    static {
        // Every libtorch library into JavaCPP's cache before the first is loaded: loading one resolves its
        // dependencies through $ORIGIN, and one not yet extracted would be found on the system instead
        // (Debian's python3-torch installs an older libtorch_cpu.so there, and mixing the two crashes).
        try {
            Loader.cacheResources(TorchInit.class, "/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot extract libtorch into JavaCPP's cache", e);
        }
        torch.set_num_threads(1);
        try {
            torch.set_num_interop_threads(1);
        } catch (RuntimeException e) {
            // already fixed (it can be set once per process, before any inter-op work)
        }
        torch.globalContext().setDeterministicAlgorithms(true, false);
        for (Model m : Model.values()) {
            for (boolean dbl : new boolean[] {false, true}) {
                try (TorchNet net = new TorchNet(m, dbl, 2)) {
                    double[] x = new double[m.dim()];
                    m.initialise(1, x);
                    net.setParameters(x);
                    float[] images = new float[2 * TorchNet.PIXELS];
                    java.util.Arrays.fill(images, 0.5f);
                    net.stage(images, new long[] {3, 7}, 2);
                    net.gradient(2, new double[m.dim()]);
                    net.evaluate(2);
                }
            }
        }
    }

    private TorchInit() {
    }
}
