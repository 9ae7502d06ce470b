package org.byzmarina.io;

/** Refuses allocations that cannot fit the JVM's memory, naming the estimate and the fix. */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    /**
     * @throws InputException if {@code bytes} exceed what this JVM may allocate (its maximum heap,
     *                        which is also the default limit of off-heap batches)
     */
    public static void require(long bytes, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new InputException(what + " needs " + gib(bytes) + " but this JVM may use at most " + gib(max)
                    + "; raise it with java -Xmx<size> (e.g. -Xmx" + Math.max(1, (long) Math.ceil(bytes * 1.5 / (1L << 30)))
                    + "g) or use a smaller input");
        }
    }

    /** The product of non-negative factors, or Long.MAX_VALUE if it exceeds 64 bits (sizes never wrap). */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                throw new IllegalArgumentException("a size cannot be negative, got " + f);
            }
            p = f != 0 && p > Long.MAX_VALUE / f ? Long.MAX_VALUE : p * f;
            if (p == Long.MAX_VALUE) {
                for (long g : factors) {
                    if (g == 0) {
                        return 0;
                    }
                }
                return p;
            }
        }
        return p;
    }

    /** The sum of non-negative sizes, or Long.MAX_VALUE if it exceeds 64 bits. */
    public static long sum(long... terms) {
        long s = 0;
        for (long t : terms) {
            s = t > Long.MAX_VALUE - s ? Long.MAX_VALUE : s + t;
        }
        return s;
    }

    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
