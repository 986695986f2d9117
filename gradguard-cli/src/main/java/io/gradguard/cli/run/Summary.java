package io.gradguard.cli.run;

import io.gradguard.runs.RunDirectory;

import io.gradguard.cli.spec.RunSpec;
import io.gradguard.train.EpochMetrics;
import io.gradguard.train.TrainResult;
import java.util.Locale;

/** The few lines printed when a run ends. */
public final class Summary {
    private Summary() {
    }

    public static String of(RunSpec spec, RunPlan plan, TrainResult r, RunDirectory dir) {
        StringBuilder sb = new StringBuilder();
        EpochMetrics e = r.last();
        String status = r.diverged() ? "DIVERGED (loss or weights are NaN/Inf)" : r.stopped() ? "stopped early" : "done";
        sb.append(String.format(Locale.ROOT, "%s: %s after %d epochs, %d steps, %.1f s%n", spec.name(), status,
                r.epochs(), r.steps(), r.seconds()));
        if (e != null) {
            sb.append(String.format(Locale.ROOT, "  train loss %s%s", fmt(e.trainLoss()),
                    Double.isNaN(e.trainAccuracy()) ? "" : ", accuracy " + pct(e.trainAccuracy())));
            if (!Double.isNaN(e.valLoss())) {
                sb.append(String.format(Locale.ROOT, " | validation loss %s%s", fmt(e.valLoss()),
                        Double.isNaN(e.valAccuracy()) ? "" : ", accuracy " + pct(e.valAccuracy())));
            }
            sb.append(System.lineSeparator());
        }
        sb.append("  run directory: ").append(dir.root());
        return sb.toString();
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : Double.toString(v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
