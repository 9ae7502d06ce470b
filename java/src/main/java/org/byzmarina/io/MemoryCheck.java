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

    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
