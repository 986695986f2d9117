package io.gradguard.cli.inspect;

import io.gradguard.cli.plot.Figure;
import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * The inspection as a figure ({@code gradguard inspect --plot}, and the report's inspection section): on
 * the left the gradient norms of each weight layer at initialisation ({@code ||dL/dW||}, {@code ||dL/db||}
 * and the backpropagated {@code ||dL/dz||} at the layer's output, log axis), on the right the standard deviation of
 * each layer's output (before its activation) and of each activation's output (log axis when they span more
 * than a factor {@value #LOG_SPAN}). The x axis is the depth:
 * weight layer 1 is the one next to the input; an activation sits at the depth of the weight layer before
 * it. On a log axis a constant gain per layer is a straight line (He et al. 2015's argument: a gain
 * {@code g} per layer is {@code g^L} over {@code L} layers).
 */
public final class InspectionPlot {
    public static final int PANEL_WIDTH = 700;
    public static final int PANEL_HEIGHT = 460;
    /** The spreads get a log axis when the largest is more than this many times the smallest. */
    static final double LOG_SPAN = 30;
    public static final String WEIGHT = "||dL/dW||";
    public static final String BIAS = "||dL/db||";
    public static final String OUTPUT = "||dL/dz|| (layer output)";
    public static final String LAYER_STD = "std of weight-layer output";
    public static final String ACTIVATION_STD = "std of activation output";

    private InspectionPlot() {
    }

    public static Figure of(Inspection in) {
        return of(in.name(), in.layers());
    }

    /** The figure for {@code rows} in model order (the inspection's layers). */
    public static Figure of(String name, List<LayerRow> rows) {
        double[] depth = depths(rows);
        List<double[]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<double[]> z = new ArrayList<>();
        List<double[]> layerStd = new ArrayList<>();
        List<double[]> actStd = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            LayerRow r = rows.get(i);
            if (r.hasParams()) {
                w.add(new double[] {depth[i], r.weightGradNorm()});
                b.add(new double[] {depth[i], r.biasGradNorm()});
                z.add(new double[] {depth[i], r.outGradNorm()});
                layerStd.add(new double[] {depth[i], r.actStd()});
            } else {
                actStd.add(new double[] {depth[i], r.actStd()});
            }
        }
        LinePlot grads = new LinePlot(name + ": gradient norms at initialisation", "weight layer (1 = next to the input)",
                "norm (log)").logY().markers().size(PANEL_WIDTH, PANEL_HEIGHT)
                .add(series(WEIGHT, w)).add(series(BIAS, b)).add(series(OUTPUT, z));
        boolean logStd = wide(layerStd, actStd);
        LinePlot spread = new LinePlot(name + ": output spread by depth", "weight layer (1 = next to the input)",
                logStd ? "standard deviation (log)" : "standard deviation").markers().size(PANEL_WIDTH, PANEL_HEIGHT)
                .add(series(LAYER_STD, layerStd)).add(series(ACTIVATION_STD, actStd));
        if (logStd) {
            spread.logY();
        }
        XYChart left = grads.chart();
        XYChart right = spread.chart();
        return Figure.of(left, right);
    }

    /** Weight layers count 1, 2, ...; a row without parameters takes the depth of the weight layer before it. */
    static double[] depths(List<LayerRow> rows) {
        double[] d = new double[rows.size()];
        int k = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).hasParams()) {
                k++;
            }
            d[i] = k;
        }
        return d;
    }

    /** Whether the positive finite y values span more than {@link #LOG_SPAN}: a log axis then reads better. */
    static boolean wide(List<double[]> a, List<double[]> b) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (List<double[]> l : List.of(a, b)) {
            for (double[] p : l) {
                if (Double.isFinite(p[1]) && p[1] > 0) {
                    min = Math.min(min, p[1]);
                    max = Math.max(max, p[1]);
                }
            }
        }
        return max / min > LOG_SPAN;
    }

    private static Series series(String name, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Series(name, x, y);
    }
}
