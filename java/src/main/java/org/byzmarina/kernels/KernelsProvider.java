package org.byzmarina.kernels;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Chooses the kernel engine once (the VectorizationProvider pattern of Lucene).
 *
 * <ul>
 *   <li>backend: {@code -Dbyzmarina.kernels=auto|java|native} or {@code BYZMARINA_KERNELS}
 *       (default auto: native where it loads, else Java with a logged reason);</li>
 *   <li>SIMD level: {@code -Dbyzmarina.simd=portable|avx2|avx512} or {@code BYZMARINA_SIMD} forces a
 *       lower level than the CPU's best (so tests can exercise every level on one machine);</li>
 *   <li>threads: {@code -Dbyzmarina.threads=N} or {@code BYZMARINA_THREADS} (default: available cores).</li>
 * </ul>
 * Asking for native where it cannot load is an error, never a silent fallback.
 */
public final class KernelsProvider {
    private static final Logger LOG = Logger.getLogger(KernelsProvider.class.getName());

    /** Which engine was asked for. */
    public enum Backend {
        AUTO, JAVA, NATIVE;

        public static Backend parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown backend " + org.byzmarina.io.UserText.quote(s) + " (expected auto, java or native)");
            }
        }
    }

    private KernelsProvider() {
    }

    /** The backend asked for: {@code requested}, or the property/environment setting when it is AUTO. */
    public static Backend configured(Backend requested) {
        String setting = setting("byzmarina.kernels", "BYZMARINA_KERNELS");
        return requested == Backend.AUTO && setting != null ? Backend.parse(setting) : requested;
    }

    /** Kernels of the given backend and thread count; SIMD level from the environment override if any. */
    public static Kernels create(Backend backend, int threads) {
        String simd = setting("byzmarina.simd", "BYZMARINA_SIMD");
        SimdLevel level = simd == null ? null : SimdLevel.parse(simd);
        return create(backend, threads, level);
    }

    public static Kernels create(Backend backend, int threads, SimdLevel level) {
        Kernels k;
        switch (backend) {
            case JAVA:
                k = new JavaKernels(threads);
                break;
            case NATIVE:
                k = NativeKernels.create(threads, level);
                break;
            default:
                try {
                    k = NativeKernels.create(threads, level);
                } catch (NativeUnavailableException e) {
                    LOG.warning("native kernels unavailable, using the Java reference instead: " + e.getMessage());
                    k = new JavaKernels(threads);
                }
        }
        Kernels chosen = k;
        LOG.info(() -> "kernels: " + describe(chosen));
        return k;
    }

    /** e.g. "native (avx512, 2 threads)". */
    public static String describe(Kernels k) {
        return k.backend() + " (" + k.simdLevel() + ", " + k.threads() + (k.threads() == 1 ? " thread)" : " threads)");
    }

    /** {@code -Dbyzmarina.threads} or {@code BYZMARINA_THREADS} if set, else the number of cores. */
    public static int defaultThreads() {
        String threads = setting("byzmarina.threads", "BYZMARINA_THREADS");
        return threads == null ? Runtime.getRuntime().availableProcessors() : parseThreads(threads);
    }

    private static int parseThreads(String s) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("thread count must be a positive integer, got " + org.byzmarina.io.UserText.quote(s));
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
