package org.byzmarina.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one door to JavaCPP's {@code Loader}: every native library load, symbol lookup and cache
 * extraction in byzmarina happens here, under one process-wide lock.
 *
 * <p>Why: JavaCPP's {@code Loader.addressof} (called by the OpenBLAS presets'
 * {@code blas_set_num_threads}, which OpenBLAS's loading below runs) calls {@code dlsym} inside a
 * {@code dl_iterate_phdr} callback, which deadlocks against a {@code dlopen} on another thread
 * (bytedeco/javacpp#737, LWJGL/lwjgl3#1148): the two threads take the dynamic loader's locks in
 * opposite orders.
 *
 * <p>The rule: every Loader call (class initialisation of a JavaCPP class included) is made here,
 * under {@link #LOCK}; and a library is loaded on the main thread while no other thread of ours runs
 * code (JVM-internal threads and JavaCPP's own deallocator thread aside). Work handed to another
 * thread before a load has been joined by then: the data file's parse halves and its provenance hash
 * ({@code problems.LibsvmLogistic}, {@code data.LibsvmReader}) finish before the problem is returned;
 * a pool thread that remains is parked with no work. A helper thread that may still be running (the
 * CLI's Jackson warm-up) is started with {@link #startHelper}, and every load joins such threads
 * first. Where each library is loaded:
 * <ul>
 *   <li>JavaCPP's core and libbyzmarina: {@link #loadCommon()}, by the CLI on the main thread before it
 *       starts any thread (library code calls it too: idempotent, cheap once done);</li>
 *   <li>OpenBLAS: {@link #loadOpenBlas()}. The CLI loads it up front for every native command but
 *       {@code run} (a sweep's runs, on pool threads, then find it loaded; {@code experiment.Sweep}
 *       loads it too). A {@code run} loads it only if it may call it: {@code experiment.Experiment}
 *       asks the built problem ({@code Problem.usesBlas}), on the main thread, before the run starts
 *       a thread; f* by Newton's method loads it just before solving ({@code problems.ProblemInstance}).
 *       A BLAS call before loading throws ({@code problems.Blas}), so a missed case is a loud bug, not a
 *       deadlock. Sparse LIBSVM data (a9a, w8a) with --fstar given never loads it (~35 ms saved);</li>
 *   <li>a later library (libtorch, say): {@link #load(String)}, after the two above.</li>
 * </ul>
 *
 * <p>Loading is by class initialisation: a JavaCPP class loads its libraries in its static
 * initialiser, so initialising it here is the only way it is loaded. A library that fails to load
 * is remembered; {@link #requireKernels()} and {@link #requireOpenBlas(String)} report it when the
 * library is asked for.
 */
public final class NativeLoading {
    private static final Logger LOG = Logger.getLogger(NativeLoading.class.getName());

    /** Held for every Loader call (class initialisation of a JavaCPP class included). */
    private static final Object LOCK = new Object();

    /** JavaCPP's own library, through its pointer classes. */
    private static final List<String> JAVACPP = List.of(
            "org.bytedeco.javacpp.Loader", "org.bytedeco.javacpp.Pointer", "org.bytedeco.javacpp.BytePointer",
            "org.bytedeco.javacpp.IntPointer", "org.bytedeco.javacpp.LongPointer", "org.bytedeco.javacpp.FloatPointer",
            "org.bytedeco.javacpp.DoublePointer", "org.bytedeco.javacpp.PointerPointer");
    /**
     * OpenBLAS, then the class that sets its thread count. Named, not referenced, so that this low
     * layer does not depend on the problems layer; Blas$Setup is here because its static initialiser
     * calls {@code Loader.addressof}.
     */
    private static final List<String> OPENBLAS = List.of(
            "org.bytedeco.openblas.global.openblas_nolapack", "org.bytedeco.openblas.presets.openblas_nolapack",
            "org.byzmarina.problems.Blas$Setup");
    private static final String KERNELS = "org.byzmarina.kernels.NativeLib";

    private static volatile boolean commonLoaded;
    private static volatile boolean openblasTried;
    private static Throwable javacppFailure;
    private static Throwable openblasFailure;
    private static Throwable kernelsFailure;
    /** Threads started by {@link #startHelper} and not yet joined (guarded by itself). */
    private static final List<Thread> HELPERS = new ArrayList<>();

    private NativeLoading() {
    }

    /**
     * Loads JavaCPP and libbyzmarina (once per process; later calls return at once). Not OpenBLAS:
     * {@link #loadOpenBlas()}. Never throws: a library that cannot load is remembered and reported by
     * its first user.
     */
    public static void loadCommon() {
        if (commonLoaded) {
            return;
        }
        joinHelpers();
        synchronized (LOCK) {
            if (commonLoaded) {
                return;
            }
            long start = System.nanoTime();
            for (String name : JAVACPP) {
                javacppFailure = initialise(name);
                if (javacppFailure != null) {
                    break;
                }
            }
            kernelsFailure = initialise(KERNELS);
            commonLoaded = true;
            LOG.fine(() -> String.format("native libraries loaded in %.0f ms (JavaCPP %s, kernels %s)",
                    (System.nanoTime() - start) / 1e6, javacppFailure == null ? "ok" : javacppFailure,
                    kernelsFailure == null ? "ok" : kernelsFailure));
        }
    }

    /**
     * Loads OpenBLAS (after {@link #loadCommon()}; once per process, later calls return at once). Call
     * it on the main thread while no other thread of ours runs (see the class comment): it first
     * waits for the threads of {@link #startHelper}. Never throws: a failure is remembered and
     * reported by {@link #requireOpenBlas(String)}.
     */
    public static void loadOpenBlas() {
        if (openblasTried) {
            return;
        }
        loadCommon();
        joinHelpers();
        synchronized (LOCK) {
            if (openblasTried) {
                return;
            }
            long start = System.nanoTime();
            openblasFailure = javacppFailure;
            for (int i = 0; i < OPENBLAS.size() && openblasFailure == null; i++) {
                openblasFailure = initialise(OPENBLAS.get(i));
            }
            openblasTried = true;
            LOG.fine(() -> String.format("OpenBLAS loaded in %.0f ms (%s)", (System.nanoTime() - start) / 1e6,
                    openblasFailure == null ? "ok" : openblasFailure));
        }
    }

    /** Whether OpenBLAS is loaded and usable; never loads anything itself. */
    public static boolean openBlasLoaded() {
        return openblasTried && openblasFailure == null;
    }

    /** Why OpenBLAS could not be loaded, or null (also when it has not been tried). */
    public static Throwable openBlasFailure() {
        return openblasTried ? openblasFailure : null;
    }

    /**
     * Checks that OpenBLAS was loaded, before a BLAS call; never loads it (loading here could be on a
     * pool thread, the deadlock this class exists to prevent).
     *
     * @param use what was about to call it, for the message
     * @throws IllegalStateException if it was not loaded (a bug: the caller missed a case of the rule)
     * @throws NativeUnavailableException if loading was tried and failed
     */
    public static void requireOpenBlas(String use) {
        if (openBlasLoaded()) {
            return;
        }
        if (!openblasTried) {
            throw new IllegalStateException("OpenBLAS used before it was loaded on the main thread: " + use
                    + " (see NativeLoading: whatever may call BLAS must be known before the run's threads start)");
        }
        throw new NativeUnavailableException("OpenBLAS could not be loaded (" + openblasFailure + ")", openblasFailure);
    }

    /**
     * Starts a daemon thread for work that touches no native code (class loading to warm up a
     * library, say), which every later load here joins before loading, so that no thread of ours
     * runs while a library loads.
     */
    public static void startHelper(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        synchronized (HELPERS) {
            HELPERS.add(t);
        }
        t.start();
    }

    /** Waits for the threads of {@link #startHelper} to end. */
    private static void joinHelpers() {
        List<Thread> running;
        synchronized (HELPERS) {
            running = new ArrayList<>(HELPERS);
            HELPERS.clear();
        }
        boolean interrupted = false;
        for (Thread t : running) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the load must still wait; the interrupt is kept for the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
     * Initialises (and so loads the libraries of) a JavaCPP class under the lock, after JavaCPP,
     * libbyzmarina and OpenBLAS (libtorch's presets build on OpenBLAS's). For libraries beyond those.
     *
     * @return null, or why it failed
     */
    public static Throwable load(String className) {
        loadOpenBlas();
        joinHelpers();
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
