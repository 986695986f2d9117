package io.gradguard.cli.run;

import io.gradguard.train.EpochMetrics;
import io.gradguard.train.StepMetrics;
import io.gradguard.train.TrainListener;
import io.gradguard.train.TrainResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal (steps, loss, throughput, ETA), redrawn at most ten times a second;
 * on a pipe or CI log it prints a plain line at each epoch end instead.
 */
public final class ProgressBar implements TrainListener {
    private static final int WIDTH = 28;
    private final PrintStream out;
    private final boolean interactive;
    private long totalSteps;
    private long startStep;
    private long startNanos;
    private long lastDraw;
    private long examples;
    private StepMetrics last;

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Interactive when a console is attached and {@code TERM} is not {@code dumb}. */
    public static ProgressBar forStderr() {
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new ProgressBar(System.err, tty);
    }

    @Override
    public void onStart(TrainInfo info) {
        totalSteps = info.totalSteps();
        startStep = info.startStep();
        startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "training %,d parameters on %,d examples (%,d validation), %d epochs x %d batches%s%n",
                info.parameterCount(), info.trainSize(), info.validationSize(), info.epochs(), info.batchesPerEpoch(),
                info.startStep() > 0 ? ", resuming at step " + info.startStep() : "");
    }

    @Override
    public void onStep(StepMetrics m) {
        last = m;
        examples += m.examples();
        long now = System.nanoTime();
        if (interactive && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            out.print("\r" + line(m.step() + 1) + "  ");
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics e) {
        String acc = Double.isNaN(e.trainAccuracy()) ? "" : String.format(Locale.ROOT, " acc %.3f", e.trainAccuracy());
        String val = Double.isNaN(e.valLoss()) ? "" : String.format(Locale.ROOT, " | val loss %.4f%s", e.valLoss(),
                Double.isNaN(e.valAccuracy()) ? "" : String.format(Locale.ROOT, " acc %.3f", e.valAccuracy()));
        String skipped = e.skippedSteps() > 0 ? " | skipped " + e.skippedSteps() : "";
        String text = String.format(Locale.ROOT, "epoch %d: loss %.4f%s%s%s (%.1fs)", e.epoch() + 1, e.trainLoss(), acc,
                val, skipped, e.seconds());
        if (interactive) {
            out.print("\r" + " ".repeat(WIDTH + 70) + "\r");
        }
        out.println(text);
    }

    @Override
    public void onEnd(TrainResult r) {
        if (interactive && last != null) {
            out.print("\r" + " ".repeat(WIDTH + 70) + "\r");
        }
        out.flush();
    }

    String line(long stepDone) {
        double frac = totalSteps == 0 ? 1 : Math.min(1, (double) stepDone / totalSteps);
        int filled = (int) Math.round(frac * WIDTH);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        long done = stepDone - startStep;
        double rate = secs > 0 ? examples / secs : 0;
        double eta = done > 0 ? secs / done * (totalSteps - stepDone) : Double.NaN;
        return String.format(Locale.ROOT, "[%s%s] %d/%d loss %.4f | %,.0f ex/s | ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), stepDone, totalSteps,
                last == null ? Double.NaN : last.loss(), rate, formatSeconds(eta));
    }

    static String formatSeconds(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "--";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
