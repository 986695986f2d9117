package io.gradguard.cli.report;

import io.gradguard.cli.plot.HeatmapPlot;
import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Palette;
import io.gradguard.cli.plot.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a run report, drawn from {@link RunData}: loss, global gradient norm with the clip threshold,
 * the per-layer gradient-norm heatmap, update ratios and weight norms. Each returns a chart (or null when
 * the run logged nothing to draw), so tests can read the plotted numbers.
 */
final class RunFigures {
    static final int WIDTH = 1000;
    static final int HEIGHT = 440;
    /** Line charts with more layers than this show an evenly spaced subset (the heatmap shows them all). */
    static final int MAX_LINES = 10;
    /** The healthy update-to-weight ratio, {@code log10 = -3} (DL4J's rule of thumb for its training UI). */
    static final double HEALTHY_UPDATE_RATIO = -3;
    /** A y axis becomes logarithmic when its positive values span more than this factor. */
    static final double LOG_SPAN = 100;
    /** ... or reaches this: a diverging loss reads better as 1E14 than as 137,713,973,985,280. */
    static final double HUGE = 1e5;
    static final String GUARD_SEEN = "seen by the guard (after injected faults)";
    static final String NOT_APPLIED = "step not applied (skipped or stopped)";
    /** Series with fewer drawable points than this get markers. */
    static final int SPARSE = 30;

    private RunFigures() {
    }

    /** Training loss per logged step and per epoch, validation loss per epoch (at the epoch's last step). */
    static XYChart loss(RunData d) {
        if (d.steps().isEmpty() && d.epochs().isEmpty()) {
            return null;
        }
        double[] stepX = d.stepValues("step");
        double[] stepLoss = d.stepValues("loss");
        double[] epochX = d.epochValues("step");
        double[] train = d.epochValues("train_loss");
        double[] val = d.epochValues("val_loss");
        LinePlot p = new LinePlot("Loss" + nonFinite(stepX, stepLoss, "logged steps"), "step", "loss").size(WIDTH, HEIGHT);
        if (wide(stepLoss, train, val)) {
            p.logY();
        }
        p.add(new Series("train loss (logged step)", stepX, stepLoss));
        p.add(new Series("train loss (epoch mean)", epochX, train));
        p.add(new Series("validation loss (epoch)", epochX, val));
        XYChart c = p.chart();
        for (String s : new String[] {"train loss (epoch mean)", "validation loss (epoch)"}) {
            if (c.getSeriesMap().containsKey(s)) {
                c.getSeriesMap().get(s).setMarker(SeriesMarkers.CIRCLE);
                c.getSeriesMap().get(s).setLineWidth(2.5f);
            }
        }
        sparseMarkers(c, "train loss (logged step)");
        markFirstNonFinite(c, stepX, stepLoss);
        wholeRun(c, stepX);
        return c;
    }

    /**
     * The global gradient norm before clipping, log y, with the clip threshold: a dashed line when it is
     * constant (global norm, value clipping), a series when it moves (AutoClip, ZClip, AGC).
     */
    static XYChart gradNorm(RunData d) {
        if (d.steps().isEmpty()) {
            return null;
        }
        double[] x = d.stepValues("step");
        double[] g = d.stepValues("grad_norm");
        double[] seen = d.guardNorms();
        LinePlot p = new LinePlot("Global gradient norm (before clipping)" + nonFinite(x, g, "logged steps"), "step",
                "||g|| (log)").logY().size(WIDTH, HEIGHT);
        boolean both = differ(d, seen, g);
        if (both) { // drawn first, so the trainer's line lies on it and only the faults stick out
            p.add(new Series(GUARD_SEEN, x, seen));
        }
        p.add(new Series("gradient norm", x, g));
        double[] t = d.clipThresholds();
        double first = Double.NaN;
        boolean constant = true;
        for (double v : t) {
            if (Double.isFinite(v)) {
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    constant = false;
                }
            }
        }
        if (!Double.isNaN(first)) {
            if (constant) {
                p.hline("clip threshold " + Fmt.num(first), first);
            } else {
                p.add(new Series("clip threshold", x, t));
            }
        }
        double[] notApplied = new double[x.length];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            Object action = d.steps().get(i).get("action");
            boolean skipped = action != null && !"proceed".equals(action);
            notApplied[i] = skipped ? (Double.isFinite(seen[i]) ? seen[i] : g[i]) : Double.NaN;
            any |= skipped;
        }
        if (any) {
            p.add(new Series(NOT_APPLIED, x, notApplied));
        }
        XYChart c = p.chart();
        if (both) {
            c.getSeriesMap().get(GUARD_SEEN).setLineColor(new Color(0xff7f0e));
            c.getSeriesMap().get(GUARD_SEEN).setLineWidth(3f);
            c.getSeriesMap().get("gradient norm").setLineColor(new Color(0x1f77b4));
        }
        if (c.getSeriesMap().containsKey(NOT_APPLIED)) {
            var s = c.getSeriesMap().get(NOT_APPLIED);
            s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(Color.RED);
        }
        sparseMarkers(c, "gradient norm");
        markFirstNonFinite(c, x, g);
        wholeRun(c, x);
        return c;
    }

    /** The per-layer gradient norm over steps, log colour scale; null without per-layer rows. */
    static HeatmapPlot heatmap(RunData.LayerMatrix m) {
        if (m.isEmpty()) {
            return null;
        }
        int h = Math.min(1400, Math.max(HEIGHT, 120 + 16 * m.layers().size()));
        return new HeatmapPlot("Gradient norm by layer", m.layers(), m.steps(), m.values()).size(WIDTH, h);
    }

    /** log10 update-to-weight ratio per layer on the steps that logged it, with the healthy -3 dashed. */
    static XYChart updateRatios(RunData.LayerMatrix m) {
        RunData.LayerMatrix logged = m.loggedColumns();
        if (logged.isEmpty()) {
            return null;
        }
        LinePlot p = new LinePlot("Update-to-weight ratio, log10(||dW|| / ||W||)", "step", "log10 ratio")
                .markers().size(WIDTH, HEIGHT);
        addLayers(p, logged);
        p.hline("healthy (-3)", HEALTHY_UPDATE_RATIO);
        return coloured(p.chart());
    }

    /** Weight norm per layer on the steps that logged it. */
    static XYChart weightNorms(RunData.LayerMatrix m) {
        RunData.LayerMatrix logged = m.loggedColumns();
        if (logged.isEmpty()) {
            return null;
        }
        LinePlot p = new LinePlot("Weight norm by layer", "step", "||W||").markers().size(WIDTH, HEIGHT);
        if (wide(logged.values())) {
            p.logY();
        }
        addLayers(p, logged);
        return coloured(p.chart());
    }

    /** Indices of at most {@link #MAX_LINES} layers, first and last included, evenly spaced. */
    static int[] shownLayers(int n) {
        if (n <= MAX_LINES) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] pick = new int[MAX_LINES];
        for (int i = 0; i < MAX_LINES; i++) {
            pick[i] = (int) Math.round((double) i * (n - 1) / (MAX_LINES - 1));
        }
        return pick;
    }

    private static void addLayers(LinePlot p, RunData.LayerMatrix m) {
        double[] x = new double[m.steps().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = m.steps()[i];
        }
        for (int r : shownLayers(m.layers().size())) {
            p.add(new Series(m.layers().get(r), x, m.values()[r]));
        }
    }

    /**
     * Whether the guard saw other norms than the trainer on some step with per-layer rows (injected faults):
     * then both are drawn.
     */
    private static boolean differ(RunData d, double[] seen, double[] g) {
        for (int i = 0; i < seen.length; i++) {
            if (!(d.steps().get(i).get("layers") instanceof List<?> l) || l.isEmpty() || !Double.isFinite(g[i])) {
                continue;
            }
            if (!Double.isFinite(seen[i]) || Math.abs(seen[i] - g[i]) > 1e-6 * Math.max(seen[i], g[i])) {
                return true;
            }
        }
        return false;
    }

    /** {@code " (N of M logged steps non-finite, not drawn)"}, or nothing when all are finite. */
    static String nonFinite(double[] x, double[] y, String what) {
        long bad = java.util.Arrays.stream(y).filter(v -> !Double.isFinite(v)).count();
        return bad == 0 ? "" : " (" + bad + " of " + y.length + " " + what + " non-finite, not drawn)";
    }

    /** A red vertical line at the first step whose value is NaN or infinite. */
    private static void markFirstNonFinite(XYChart c, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                c.addAnnotation(new AnnotationLine(x[i], true, false));
                c.getStyler().setAnnotationLineColor(Color.RED);
                c.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f));
                return;
            }
        }
    }

    /** The x axis spans every logged step, also those whose values could not be drawn. */
    private static void wholeRun(XYChart c, double[] steps) {
        c.getStyler().setXAxisDecimalPattern("#");
        if (steps.length > 1 && Double.isFinite(steps[0]) && Double.isFinite(steps[steps.length - 1])) {
            c.getStyler().setXAxisMin(steps[0]).setXAxisMax(steps[steps.length - 1]);
        }
    }

    /** Markers on a series with few drawable points, which would otherwise be an invisible line of one point. */
    private static void sparseMarkers(XYChart c, String series) {
        var s = c.getSeriesMap().get(series);
        if (s != null && s.getXData().length < SPARSE) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static XYChart coloured(XYChart c) {
        c.getStyler().setSeriesColors(Palette.tab10());
        c.getStyler().setXAxisDecimalPattern("#");
        return c;
    }

    private static boolean wide(double[]... arrays) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] a : arrays) {
            for (double v : a) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max / min > LOG_SPAN || max >= HUGE;
    }

    static List<String> names(RunData.LayerMatrix m) {
        List<String> out = new ArrayList<>();
        for (int r : shownLayers(m.layers().size())) {
            out.add(m.layers().get(r));
        }
        return out;
    }
}
