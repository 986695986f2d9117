package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.Map;

/** Figure shapes several experiments share, drawn with {@link LinePlot}. */
final class Plots {
    /** Beyond this many decades a log axis labels too many of them: plot log10 on a linear axis instead. */
    static final double MAX_LOG_DECADES = 12;

    private Plots() {
    }

    /**
     * Per-layer norms against the layer number (1 = input side), one line per configuration, markers on every
     * layer, on a log scale ({@link #logScale}).
     */
    static Figure perLayer(String file, String title, String yLabel, Map<String, double[]> lines, String caption) {
        return new Figure(file, caption, logScale(title, "layer (1 = input side)", yLabel, lines, 1, true).png());
    }

    /** Per-step values (loss, gradient norm) against the step, one line per run, on a log scale. */
    static Figure perStep(String file, String title, String yLabel, Map<String, double[]> lines, String caption) {
        return new Figure(file, caption, logScale(title, "step", yLabel, lines, 0, false).png());
    }

    /**
     * Lines of positive values against {@code first, first + 1, ...}: a log y axis, or log10 of the values on a
     * linear axis when they span more than {@value #MAX_LOG_DECADES} decades (a log axis then labels too many).
     */
    static LinePlot logScale(String title, String xLabel, String yLabel, Map<String, double[]> lines, int first,
                             boolean markers) {
        boolean log10 = decades(lines) > MAX_LOG_DECADES;
        LinePlot plot = new LinePlot(title, xLabel, log10 ? "log10 " + yLabel : yLabel).size(900, 520);
        if (markers) {
            plot.markers();
        }
        if (!log10) {
            plot.logY();
        }
        for (Map.Entry<String, double[]> e : lines.entrySet()) {
            double[] y = e.getValue().clone();
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + first;
                y[i] = log10 ? (y[i] > 0 ? Math.log10(y[i]) : Double.NaN) : y[i];
            }
            plot.add(new Series(e.getKey(), x, y));
        }
        return plot;
    }

    /** Decades between the smallest and largest finite positive value of all lines. */
    static double decades(Map<String, double[]> lines) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] ys : lines.values()) {
            for (double y : ys) {
                if (y > 0 && Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }
}
