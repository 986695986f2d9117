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
     * layer; log y, or log10 of the values on a linear axis when they span more than {@value #MAX_LOG_DECADES}
     * decades.
     */
    static Figure perLayer(String file, String title, String yLabel, Map<String, double[]> lines, String caption) {
        boolean log10 = decades(lines) > MAX_LOG_DECADES;
        LinePlot plot = new LinePlot(title, "layer (1 = input side)", log10 ? "log10 " + yLabel : yLabel).markers()
                .size(900, 520);
        if (!log10) {
            plot.logY();
        }
        for (Map.Entry<String, double[]> e : lines.entrySet()) {
            double[] y = e.getValue().clone();
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                y[i] = log10 ? (y[i] > 0 ? Math.log10(y[i]) : Double.NaN) : y[i];
            }
            plot.add(new Series(e.getKey(), x, y));
        }
        return new Figure(file, caption, plot.png());
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
