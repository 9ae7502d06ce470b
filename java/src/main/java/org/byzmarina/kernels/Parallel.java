package org.byzmarina.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks 0..n-1 on a fixed number of threads. Each task writes its own outputs,
 * so which thread runs it never changes a result (the determinism rule of docs/architecture.md).
 * The Java kernels and the protocol's client work (one task per block of sampled clients) use it.
 */
public final class Parallel {
    /** Shared by all instances: daemon threads, created on demand, retired after a minute idle. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "byzmarina-java-kernels");
        t.setDaemon(true);
        return t;
    });

    private final int threads;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    /** Below this many element operations a call runs on the calling thread (a hand-off costs more). */
    static final long MIN_PARALLEL_WORK = 32_768;

    /** Runs task(0..n-1); the calling thread takes part; {@code work} estimates the element operations. */
    public void forEach(int n, long work, IntConsumer task) {
        if (threads == 1 || n <= 1 || work < MIN_PARALLEL_WORK) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int w = 1; w < Math.min(threads, n); w++) {
            helpers.add(POOL.submit(worker));
        }
        worker.run();
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for kernel threads", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
