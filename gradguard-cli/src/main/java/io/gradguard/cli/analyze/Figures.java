package io.gradguard.cli.analyze;

import io.gradguard.analysis.ChainRule;
import io.gradguard.analysis.Phi;
import io.gradguard.analysis.SigmoidWindow;
import io.gradguard.autograd.Activation;
import io.gradguard.cli.plot.Figure;
import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Palette;
import io.gradguard.cli.plot.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The {@code --plot} figures of {@code chain}, {@code sigmoid-window} and {@code activations}. */
final class Figures {
    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    static final String CLOSED = "closed form (2/|w|) ln((1+r)/(1-r))";
    static final String NUMERICAL = "numerical (bisection)";
    static final String FACTOR = "|factor| of layer j";
    static final String PRODUCT = "|running product| up to layer j";
    /** The activations' derivatives are drawn on [-X_RANGE, X_RANGE]. */
    static final double X_RANGE = 5;
    static final int SAMPLES = 401;
    static final String SIGMOID_MAX = "phi' = 0.25 (sigmoid's max)";
    /** Eight activations stay distinguishable. */
    static final Color[] PALETTE = Palette.tab10();

    private Figures() {
    }

    /**
     * Window width against {@code |w|}: the closed form on a fine grid of {@code |w|} in {@code [4, wMax]},
     * the bisection widths of the table as markers, and the widest window marked.
     *
     * @param ws       the table's {@code |w|}
     * @param numeric  the table's numerical widths
     */
    static Figure sigmoidWindow(double[] ws, double[] numeric, double wMax, SigmoidWindow.Peak peak) {
        double[] x = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = 4 + (wMax - 4) * i / (SAMPLES - 1);
            y[i] = SigmoidWindow.width(x[i]);
        }
        String widest = String.format(Locale.ROOT, "widest: %.4f at |w| = %.3f", peak.width(), peak.absW());
        LinePlot plot = new LinePlot("Sigmoid explosion window: inputs where |w sigma'(wx + b)| > 1", "|w|",
                "window width (in x)").size(WIDTH, HEIGHT)
                .add(new Series(CLOSED, x, y)).add(new Series(NUMERICAL, ws, numeric));
        boolean peakShown = peak.absW() <= wMax;
        if (peakShown) {
            plot.add(new Series(widest, new double[] {peak.absW(), peak.absW()}, new double[] {0, peak.width()}));
        }
        XYChart c = plot.chart();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries num = c.getSeriesMap().get(NUMERICAL);
        num.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        num.setMarker(SeriesMarkers.CIRCLE);
        if (peakShown) {
            XYSeries p = c.getSeriesMap().get(widest);
            p.setLineStyle(dashed());
            p.setLineColor(Color.RED);
            p.setMarkerColor(Color.RED);
            p.setMarker(SeriesMarkers.DIAMOND);
        }
        return Figure.of(c);
    }

    /** {@code |w_j phi'(z_j)|} per layer and the magnitude of the running product, log y, with 1 dashed. */
    static Figure chain(ChainRule.Result r, String phi) {
        List<ChainRule.Layer> layers = r.layers();
        double[] j = new double[layers.size()];
        double[] f = new double[layers.size()];
        double[] p = new double[layers.size()];
        for (int i = 0; i < j.length; i++) {
            j[i] = layers.get(i).j();
            f[i] = Math.abs(layers.get(i).factor());
            p[i] = Math.abs(layers.get(i).runningProduct());
        }
        LinePlot plot = new LinePlot("Chain rule, one neuron per layer (" + phi + "): dC/db_1 = product of factors",
                "layer j", "magnitude (log)").logY().markers().size(WIDTH, HEIGHT)
                .add(new Series(FACTOR, j, f)).add(new Series(PRODUCT, j, p)).hline("1 (break-even)", 1.0);
        XYChart c = plot.chart();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        if (j.length <= 30) {
            c.getStyler().setXAxisDecimalPattern("0");
        }
        return Figure.of(c);
    }

    /** {@code phi'(x)} of every activation on {@code [-5, 5]}, with 1 and sigmoid's maximum 0.25 dashed. */
    static Figure activations(List<Activation> all) {
        double[] x = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = -X_RANGE + 2 * X_RANGE * i / (SAMPLES - 1);
        }
        LinePlot plot = new LinePlot("Activation derivatives phi'(x): a chain multiplies one per layer", "x",
                "phi'(x)").size(WIDTH, HEIGHT);
        for (Activation a : all) {
            double[] y = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                y[i] = Phi.derivative(a, x[i]);
            }
            plot.add(new Series(a.name(), x, y));
        }
        plot.hline("phi' = 1 (neutral)", 1.0).hline(SIGMOID_MAX, 0.25);
        XYChart c = plot.chart();
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setXAxisMin(-X_RANGE).setXAxisMax(X_RANGE);
        c.getStyler().setXAxisTickMarkSpacingHint(100);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (XYSeries s : c.getSeriesMap().values()) {
            s.setLineWidth(2f);
        }
        XYSeries relu = c.getSeriesMap().get("relu");
        XYSeries leaky = c.getSeriesMap().get("leaky_relu");
        if (relu != null && leaky != null) { // nearly equal: a thick line under a dashed one
            relu.setLineWidth(4f);
            leaky.setLineStyle(dashed());
        }
        c.getSeriesMap().get(SIGMOID_MAX).setLineColor(PALETTE[0]);
        return Figure.of(c);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }
}
