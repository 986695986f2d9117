package io.gradguard.runs;

import io.gradguard.io.JsonLines;
import io.gradguard.train.EpochMetrics;
import io.gradguard.train.StepMetrics;
import io.gradguard.train.TrainListener;
import io.gradguard.train.TrainResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code metrics.jsonl}: a {@code "kind": "step"} line every {@code log_every} steps (loss, global
 * gradient norm, learning rate, action) and a {@code "kind": "epoch"} line per epoch (train and validation
 * loss and accuracy). Non-finite values are written as the strings {@code "NaN"}/{@code "Infinity"}.
 *
 * <p>Lines reach the file (for the dashboard, which follows it) after every {@value #FLUSH_ROWS} rows, at the
 * first row written {@value #FLUSH_MILLIS} ms or more after the last flush, at each epoch's end and at the
 * end of training: a fast run writes in large blocks, a slow one line by line. No thread of its own.
 */
public final class MetricsRecorder implements TrainListener, AutoCloseable {
    /** Rows between flushes when they come fast. */
    public static final int FLUSH_ROWS = 200;
    /** A row written this long after the last flush is flushed at once. */
    public static final long FLUSH_MILLIS = 250;

    private final JsonLines.Appender out;
    private final java.util.function.Supplier<io.gradguard.guard.GuardStep> guard;
    private long lastFlush = System.nanoTime();

    /**
     * @param guard the guard's account of the step being logged (or null): adds the per-layer statistics,
     *              the clipping result and the verdict to each step line
     */
    public MetricsRecorder(RunDirectory dir, java.util.function.Supplier<io.gradguard.guard.GuardStep> guard)
            throws IOException {
        this.out = JsonLines.appender(dir.metrics(), FLUSH_ROWS);
        this.guard = guard;
    }

    @Override
    public void onStep(StepMetrics m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", "step");
        row.put("step", m.step());
        row.put("epoch", m.epoch());
        row.put("loss", m.loss());
        row.put("grad_norm", m.gradNorm());
        row.put("lr", m.lr());
        row.put("action", m.action().name().toLowerCase(java.util.Locale.ROOT));
        io.gradguard.guard.GuardStep g = guard.get();
        if (g != null && g.stats().step() == m.step()) {
            GuardMetrics.addTo(row, g);
        }
        write(row);
        if (System.nanoTime() - lastFlush >= FLUSH_MILLIS * 1_000_000L) {
            flush();
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", "epoch");
        row.put("epoch", e.epoch());
        row.put("step", e.step());
        row.put("train_loss", e.trainLoss());
        row.put("train_accuracy", e.trainAccuracy());
        row.put("val_loss", e.valLoss());
        row.put("val_accuracy", e.valAccuracy());
        row.put("skipped_steps", e.skippedSteps());
        row.put("seconds", e.seconds());
        write(row);
        flush();
    }

    @Override
    public void onEnd(TrainResult result) {
        flush();
    }

    private void write(Map<String, Object> row) {
        try {
            out.append(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics.jsonl: " + e.getMessage(), e);
        }
    }

    private void flush() {
        lastFlush = System.nanoTime();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics.jsonl: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
