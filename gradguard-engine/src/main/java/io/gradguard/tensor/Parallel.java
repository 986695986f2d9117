package io.gradguard.tensor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A small shared pool of daemon threads for data-parallel kernels. {@link #threads()} participants (the
 * calling thread plus {@code threads() - 1} workers) take task indices from a shared counter until all are
 * done. A call made from inside a worker runs its tasks on that worker, so nested use cannot deadlock.
 *
 * <p>The size is {@code Runtime.availableProcessors()}, or the system property {@code gradguard.threads}
 * (read once, for benchmarks and tests that compare thread counts).
 */
public final class Parallel {
    /** System property overriding the number of participating threads. */
    public static final String THREADS_PROPERTY = "gradguard.threads";

    private static final int THREADS = configuredThreads();
    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> false);
    private static volatile ExecutorService pool;

    private Parallel() {
    }

    /** Number of threads that take part in {@link #forEach}, the caller included. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over the pool and the
     * calling thread, and returns when all have finished. The first exception thrown by a task is rethrown
     * (other tasks still run to completion).
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        int helpers = Math.min(tasks, THREADS) - 1;
        if (helpers == 0 || IS_WORKER.get()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                body.accept(i);
            }
        };
        ExecutorService ex = pool();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            futures[h] = ex.submit(drain);
        }
        Throwable first = null;
        try {
            drain.run();
        } catch (RuntimeException | Error e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? e : first;
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        } else if (first instanceof Error err) {
            throw err;
        } else if (first != null) {
            throw new IllegalStateException("Parallel.forEach: a task failed", first);
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger id = new AtomicInteger();
                    p = new ThreadPoolExecutor(THREADS - 1, THREADS - 1, 0L, TimeUnit.MILLISECONDS,
                            new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(() -> {
                                    IS_WORKER.set(true);
                                    r.run();
                                }, "gradguard-parallel-" + id.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    pool = p;
                }
            }
        }
        return p;
    }

    private static int configuredThreads() {
        String s = System.getProperty(THREADS_PROPERTY);
        if (s == null || s.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int t = Integer.parseInt(s.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("system property " + THREADS_PROPERTY + " must be an integer >= 1, got '"
                + s + "'");
    }
}
