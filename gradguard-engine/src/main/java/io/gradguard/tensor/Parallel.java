package io.gradguard.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A small shared pool of daemon threads for data-parallel kernels. {@link #threads()} participants (the
 * calling thread plus {@code threads() - 1} workers) take task indices from a shared counter until all are
 * done. Workers spin briefly ({@value #SPIN_NANOS} ns) before parking, so back-to-back calls (the GEMMs of a
 * training step) do not pay a thread wake-up each. A call made while the pool is busy (from a worker, or
 * from a second thread) runs its tasks on the calling thread, so nested use cannot deadlock.
 *
 * <p>The size is {@code Runtime.availableProcessors()}, or the system property {@code gradguard.threads}
 * (read once, for benchmarks and tests that compare thread counts). Code that already runs one job per core
 * (the experiment suite's grid points) wraps each job in {@link #serially} so the kernels it calls stay on
 * its own thread instead of oversubscribing the cores.
 */
public final class Parallel {
    /** System property overriding the number of participating threads. */
    public static final String THREADS_PROPERTY = "gradguard.threads";
    static final long SPIN_NANOS = 200_000L;

    private static final int THREADS = configuredThreads();
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final Thread[] WORKERS = new Thread[THREADS - 1];
    private static volatile Job current;
    private static volatile boolean started;
    private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
    }

    /** Number of threads that take part in {@link #forEach}, the caller included. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over the pool and the
     * calling thread, and returns when all have finished. The first exception thrown by a task is rethrown
     * after the others have run.
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || THREADS == 1 || SERIAL.get() || !BUSY.tryLock()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            ensureStarted();
            Job job = new Job(tasks, body, Thread.currentThread());
            current = job;
            for (Thread w : WORKERS) {
                LockSupport.unpark(w);
            }
            job.drain();
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (job.done.get() < tasks) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(Parallel.class);
                }
            }
            current = null;
            job.rethrow();
        } finally {
            BUSY.unlock();
        }
    }

    /** Floats per task in {@link #copy}: 256 KB. */
    static final int COPY_CHUNK = 1 << 16;

    /**
     * {@code System.arraycopy(src, 0, dst, 0, src.length)} spread over the pool in chunks of {@value #COPY_CHUNK}
     * floats: snapshots of a model's weights and optimiser state (megabytes, taken every few dozen steps)
     * then take both cores' memory bandwidth instead of one's.
     *
     * @throws IllegalArgumentException when {@code dst} is shorter than {@code src}
     */
    public static void copy(float[] src, float[] dst) {
        if (dst.length < src.length) {
            throw new IllegalArgumentException("Parallel.copy: destination has " + dst.length + " floats, source "
                    + src.length);
        }
        int n = src.length;
        int tasks = (n + COPY_CHUNK - 1) / COPY_CHUNK;
        if (tasks <= 1) {
            System.arraycopy(src, 0, dst, 0, n);
            return;
        }
        forEach(tasks, t -> {
            int from = t * COPY_CHUNK;
            System.arraycopy(src, from, dst, from, Math.min(COPY_CHUNK, n - from));
        });
    }

    /**
     * Runs {@code body} with every {@link #forEach} it makes (on this thread) executed on this thread alone,
     * for callers that already keep every core busy with one job each. Nests; the previous mode is restored.
     */
    public static void serially(Runnable body) {
        boolean before = SERIAL.get();
        SERIAL.set(Boolean.TRUE);
        try {
            body.run();
        } finally {
            SERIAL.set(before);
        }
    }

    /** Whether {@link #forEach} on this thread currently runs every task on it (inside {@link #serially}). */
    public static boolean serialOnThisThread() {
        return SERIAL.get();
    }

    /** One call's tasks: indices handed out by {@code next}, completions counted by {@code done}. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        void drain() {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
                    }
                }
                if (done.incrementAndGet() == tasks) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void rethrow() {
            Throwable t = error;
            if (t instanceof RuntimeException re) {
                throw re;
            } else if (t instanceof Error err) {
                throw err;
            } else if (t != null) {
                throw new IllegalStateException("Parallel.forEach: a task failed", t);
            }
        }
    }

    private static void workerLoop() {
        Job seen = null;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Job job;
            while ((job = current) == null || job == seen) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(Parallel.class);
                }
            }
            seen = job;
            job.drain();
        }
    }

    private static void ensureStarted() {
        if (started) {
            return;
        }
        for (int i = 0; i < WORKERS.length; i++) {
            Thread t = new Thread(Parallel::workerLoop, "gradguard-parallel-" + (i + 1));
            t.setDaemon(true);
            WORKERS[i] = t;
            t.start();
        }
        started = true;
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
