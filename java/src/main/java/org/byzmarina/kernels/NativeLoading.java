package org.byzmarina.kernels;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one door to JavaCPP's {@code Loader}: every native library load, symbol lookup and cache
 * extraction in byzmarina happens here, under one process-wide lock.
 *
 * <p>Why: JavaCPP's {@code Loader.addressof} (called by the OpenBLAS presets'
 * {@code blas_set_num_threads}, which {@code problems.Blas} runs in its static initialiser) calls
 * {@code dlsym} inside a {@code dl_iterate_phdr} callback, which deadlocks against a {@code dlopen}
 * on another thread (bytedeco/javacpp#737, LWJGL/lwjgl3#1148): the two threads take the dynamic
 * loader's locks in opposite orders. So the libraries every command needs (JavaCPP, OpenBLAS and
 * libbyzmarina) are loaded together, in {@link #loadCommon()}, which the CLI calls on the main thread
 * before it starts any thread; library code calls it too (idempotent, cheap once done) before its
 * first native use, so nothing is ever first initialised on a pool thread. A later library (libtorch,
 * say) is loaded with {@link #load(String)}, under the same lock.
 *
 * <p>Loading is by class initialisation: a JavaCPP class loads its libraries in its static
 * initialiser, so initialising it here is the only way it is loaded. A library that fails to load
 * is remembered; {@link #requireKernels()} reports it when the native engine is asked for.
 */
public final class NativeLoading {
    private static final Logger LOG = Logger.getLogger(NativeLoading.class.getName());

    /** Held for every Loader call (class initialisation of a JavaCPP class included). */
    private static final Object LOCK = new Object();

    /**
     * JavaCPP's own library (through its pointer classes), OpenBLAS, then byzmarina's kernels. Named,
     * not referenced, so that this low layer does not depend on the problems layer; Blas is here
     * because its static initialiser calls {@code Loader.addressof}.
     */
    private static final List<String> OPENBLAS = List.of(
            "org.bytedeco.javacpp.Loader", "org.bytedeco.javacpp.Pointer", "org.bytedeco.javacpp.BytePointer",
            "org.bytedeco.javacpp.IntPointer", "org.bytedeco.javacpp.LongPointer", "org.bytedeco.javacpp.FloatPointer",
            "org.bytedeco.javacpp.DoublePointer", "org.bytedeco.javacpp.PointerPointer",
            "org.bytedeco.openblas.global.openblas_nolapack", "org.bytedeco.openblas.presets.openblas_nolapack",
            "org.byzmarina.problems.Blas");
    private static final String KERNELS = "org.byzmarina.kernels.NativeLib";

    private static volatile boolean commonLoaded;
    private static Throwable openblasFailure;
    private static Throwable kernelsFailure;

    private NativeLoading() {
    }

    /**
     * Loads JavaCPP, OpenBLAS and libbyzmarina (once per process; later calls return at once).
     * Never throws: a library that cannot load is remembered and reported by its first user.
     */
    public static void loadCommon() {
        if (commonLoaded) {
            return;
        }
        synchronized (LOCK) {
            if (commonLoaded) {
                return;
            }
            long start = System.nanoTime();
            for (String name : OPENBLAS) {
                openblasFailure = initialise(name);
                if (openblasFailure != null) {
                    break;
                }
            }
            kernelsFailure = initialise(KERNELS);
            commonLoaded = true;
            LOG.fine(() -> String.format("native libraries loaded in %.0f ms (OpenBLAS %s, kernels %s)",
                    (System.nanoTime() - start) / 1e6, openblasFailure == null ? "ok" : openblasFailure,
                    kernelsFailure == null ? "ok" : kernelsFailure));
        }
    }

    /**
     * Loads the native kernel library if not yet done.
     *
     * @throws NativeUnavailableException naming the reason if it cannot load
     */
    public static void requireKernels() {
        loadCommon();
        if (kernelsFailure != null) {
            throw new NativeUnavailableException("the native engine could not be loaded (" + kernelsFailure + "); "
                    + "build it with `mvn package`, or use the Java engine (--backend java)", kernelsFailure);
        }
    }

    /** Whether libbyzmarina is loaded (after {@link #loadCommon()}); never loads anything itself. */
    public static boolean kernelsLoaded() {
        return commonLoaded && kernelsFailure == null;
    }

    /**
     * Initialises (and so loads the libraries of) a JavaCPP class under the lock, after the common
     * libraries. For libraries beyond the common ones.
     *
     * @return null, or why it failed
     */
    public static Throwable load(String className) {
        loadCommon();
        synchronized (LOCK) {
            return initialise(className);
        }
    }

    private static Throwable initialise(String className) {
        try {
            Class.forName(className, true, NativeLoading.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            LOG.log(Level.FINE, "could not load " + className, e);
            return e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
        }
    }
}
