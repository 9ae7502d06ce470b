package org.byzmarina.kernels;

/** The native engine cannot be used here (library not loadable, or a SIMD level the CPU lacks). */
public final class NativeUnavailableException extends RuntimeException {
    public NativeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
