package org.byzmarina.nn;

import org.byzmarina.kernels.NativeLoading;
import org.byzmarina.kernels.NativeUnavailableException;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch for this process: loaded once, through {@link NativeLoading} (under byzmarina's one
 * process-wide loader lock, after JavaCPP and OpenBLAS), on the thread that first asks, which is the
 * main thread (the registry's provider asks while a run is configured, before any pool thread
 * starts). Loading initialises {@link TorchInit}, which fixes libtorch's intra-op and inter-op
 * threads at 1, turns on deterministic algorithms, and runs every network forward and backward once
 * on two images, so that every JavaCPP class the networks use is initialised there and then, under
 * the lock, and never first on a pool thread.
 *
 * <p>One intra-op thread means a gradient is computed the same way on any thread: results do not
 * depend on {@code --threads}, which parallelises across clients instead.
 */
public final class Torch {
    private static final String INIT = "org.byzmarina.nn.TorchInit";
    private static volatile boolean loaded;
    private static Throwable failure;

    private static final ThreadLocal<Boolean> THREAD_READY = ThreadLocal.withInitial(() -> false);

    private Torch() {
    }

    /**
     * Loads libtorch if not yet done.
     *
     * @throws NativeUnavailableException naming the reason if it cannot load
     */
    public static void require() {
        if (!loaded) {
            synchronized (Torch.class) {
                if (!loaded) {
                    failure = NativeLoading.load(INIT);
                    loaded = true;
                }
            }
        }
        if (failure != null) {
            throw new NativeUnavailableException("libtorch could not be loaded (" + failure + "); the networks need "
                    + "nn/target/byzmarina-nn.jar on linux-x86_64", failure);
        }
    }

    /**
     * Before libtorch work on the calling thread: one intra-op thread here too (OpenMP keeps the
     * thread count per thread). Cheap after the first call on a thread.
     */
    static void enterThread() {
        if (!THREAD_READY.get()) {
            require();
            torch.set_num_threads(1);
            THREAD_READY.set(true);
        }
    }
}
