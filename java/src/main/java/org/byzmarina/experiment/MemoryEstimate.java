package org.byzmarina.experiment;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;
import org.byzmarina.io.MemoryCheck;
import org.byzmarina.kernels.Batch;

/**
 * Peak memory of a run, estimated before it starts: the round's batch of client vectors, the
 * aggregation and attack scratch, per-client state (client momentum) and the data, each part from
 * the memory models of the components the run uses. A run that cannot fit the JVM's maximum heap
 * (which also bounds its off-heap batches) or the machine is refused with the estimate and what to
 * change.
 */
public record MemoryEstimate(long batch, long scratch, long clientState, long data) {
    /** JVM, libraries and small arrays. */
    static final long OVERHEAD = 64L << 20;

    /** The sum (sizes saturate at Long.MAX_VALUE instead of wrapping). */
    public long total() {
        return MemoryCheck.sum(batch, scratch, clientState, data, OVERHEAD);
    }

    /**
     * @param sizes     rows per round, d, good clients, n
     * @param dataBytes the data set's bytes in memory, or -1 for the problem's own estimate (before reading it)
     */
    static MemoryEstimate of(RunConfig c, Component.Sizes sizes, long dataBytes) {
        // 64-bit and saturating: a size that overflows reads as Long.MAX_VALUE, never as a negative number.
        long batch = Batch.bytesFor(sizes.rows(), sizes.dim());
        long scratch = 0;
        long state = 0;
        long data = dataBytes;
        for (Component<?, ?> component : c.components()) {
            long bytes = component.memory().bytes(c.values(), sizes);
            if (component.kind() == Kind.METHOD) {
                state = MemoryCheck.sum(state, bytes);
            } else if (component.kind() == Kind.PROBLEM) {
                data = dataBytes >= 0 ? dataBytes : bytes;
            } else {
                scratch = MemoryCheck.sum(scratch, bytes);
            }
        }
        if (c.attack().omniscient()) {
            scratch = MemoryCheck.sum(scratch, MemoryCheck.product(2, Batch.bytesFor(sizes.good(), sizes.dim())));
        }
        return new MemoryEstimate(batch, scratch, state, Math.max(0, data));
    }
    public String describe() {
        return String.format(Locale.ROOT, "about %s (batch %s, aggregation scratch %s, client state %s, data %s, runtime %s)",
                MemoryCheck.gib(total()), MemoryCheck.gib(batch), MemoryCheck.gib(scratch), MemoryCheck.gib(clientState),
                MemoryCheck.gib(data), MemoryCheck.gib(OVERHEAD));
    }

    /** Refuses a run that cannot fit, naming the estimate and the fix. */
    void require() {
        long heap = Runtime.getRuntime().maxMemory();
        long machine = physicalMemory();
        String fix = clientState > batch ? "methods that keep per-client state refuse such sizes (use --method marina-pp or fewer --clients)"
                : "lower --sampled/--big-cohort or --dim" + (data > batch ? ", or use a smaller data set" : "");
        if (machine > 0 && total() > machine * 9 / 10) {
            throw new IllegalArgumentException("this run needs " + describe() + ", more than this machine's "
                    + MemoryCheck.gib(machine) + " of memory; " + fix);
        }
        if (total() > heap) {
            throw new IllegalArgumentException("this run needs " + describe() + ", more than this JVM may use ("
                    + MemoryCheck.gib(heap) + "); raise it with java -Xmx" + Math.max(1, (long) Math.ceil(total() / (double) (1L << 30) * 1.25))
                    + "g -jar ..., or " + fix);
        }
    }

    /** The machine's memory from /proc/meminfo (fast), else the management bean, else 0 (unknown). */
    static long physicalMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        try {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // unknown: only the JVM limit applies
        }
        return 0;
    }
}
