package io.gradguard.cli.experiment;

import io.gradguard.tensor.Parallel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Runs an experiment's grid (every point for every seed) on a fixed pool of {@code workers} threads, longest
 * points first. When more than one worker runs, each run is single-threaded ({@link Parallel#serially}) so
 * the pool, not the GEMM kernels, uses the cores. A point whose {@code runs/ID-sSEED/done.json} holds an
 * outcome under the current resume key is not run again; a directory left without one (an interrupted run,
 * or a changed grid) is deleted and run afresh. One line per finished point goes to {@code progress}. When a
 * point fails, the points not started are dropped, the running ones finish, and the failure is rethrown.
 */
final class GridRunner {
    private final int workers;
    private final PrintWriter progress;

    /** What running a grid produced: the results, and how many points ran and how many were resumed. */
    record Run(Results results, int ran, int resumed) {
    }

    GridRunner(int workers, PrintWriter progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.workers = workers;
        this.progress = progress;
    }

    private record Job(Point point, long seed, Path dir, String key) {
    }

    Run run(Experiment e, boolean quick, List<Long> seeds, Path experimentDir) throws IOException {
        List<Point> grid = e.grid(quick);
        List<Outcome> outcomes = new ArrayList<>();
        List<Job> pending = new ArrayList<>();
        for (Point p : grid) {
            for (long seed : seeds) {
                Path dir = experimentDir.resolve("runs").resolve(p.id() + "-s" + seed);
                String key = DoneFile.key(e, p, seed);
                Optional<Outcome> done = DoneFile.read(dir, key);
                if (done.isPresent()) {
                    outcomes.add(done.get());
                } else {
                    deleteTree(dir);
                    pending.add(new Job(p, seed, dir, key));
                }
            }
        }
        int resumed = outcomes.size();
        pending.sort(Comparator.comparingDouble((Job j) -> -j.point().cost()));
        int n = Math.min(workers, pending.size());
        if (n > 0) {
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "gradguard-experiment");
                t.setDaemon(true);
                return t;
            });
            try {
                CompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
                for (Job j : pending) {
                    done.submit(() -> runJob(e, j, n > 1));
                }
                for (int i = 0; i < pending.size(); i++) {
                    Outcome o = done.take().get();
                    outcomes.add(o);
                    line(e, resumed + i + 1, grid.size() * seeds.size(), o);
                }
            } catch (ExecutionException ex) {
                finishRunning(pool);
                Throwable c = ex.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(c);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("experiment " + e.name() + " interrupted", ex);
            } finally {
                pool.shutdownNow();
            }
        }
        return new Run(new Results(quick, seeds, grid, outcomes), pending.size(), resumed);
    }

    /**
     * After a failure: drops the points not yet started and lets the running ones finish (they write their
     * done.json, so a later invocation reuses them), so nothing writes under the output after the error.
     */
    private static void finishRunning(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome runJob(Experiment e, Job j, boolean serial) throws IOException {
        Outcome[] out = new Outcome[1];
        Runnable body = () -> {
            try {
                out[0] = PointRunner.run(e, j.point(), j.seed(), j.dir());
                DoneFile.write(j.dir(), j.key(), out[0]);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            } catch (RuntimeException ex) {
                throw new IllegalStateException("experiment " + e.name() + ": point " + j.point().id() + " seed "
                        + j.seed() + " failed: " + ex.getMessage(), ex);
            }
        };
        try {
            if (serial) {
                Parallel.serially(body);
            } else {
                body.run();
            }
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        return out[0];
    }

    private void line(Experiment e, int index, int total, Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%s [%d/%d] %s seed %d: %.1f s", e.name(), index, total,
                o.point(), o.seed(), o.seconds()));
        if (o.values().containsKey("final_train_loss")) {
            double first = o.value("first_nonfinite_step");
            sb.append(Double.isNaN(first) ? ", final train loss " + Num.fmt(o.value("final_train_loss"))
                    : ", loss NaN/Inf from step " + (long) first);
        }
        synchronized (progress) {
            progress.println(sb);
            progress.flush();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
