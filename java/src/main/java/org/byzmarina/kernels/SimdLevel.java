package org.byzmarina.kernels;

import java.util.Locale;

/** SIMD code paths of the native engine, in increasing order (kernels.h BM_SIMD_*). */
public enum SimdLevel {
    PORTABLE(0),
    AVX2(1),
    AVX512(2);

    public final int code;

    SimdLevel(int code) {
        this.code = code;
    }

    public static SimdLevel ofCode(int code) {
        for (SimdLevel l : values()) {
            if (l.code == code) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown SIMD level code " + code);
    }

    /** Parses "portable", "avx2" or "avx512" (case-insensitive). */
    public static SimdLevel parse(String name) {
        for (SimdLevel l : values()) {
            if (l.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown SIMD level " + org.byzmarina.io.UserText.quote(name) + " (expected portable, avx2 or avx512)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
