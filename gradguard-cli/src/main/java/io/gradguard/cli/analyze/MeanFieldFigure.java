package io.gradguard.cli.analyze;

import io.gradguard.cli.plot.Figure;
import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code analyze mean-field --plot}: on the left the phase diagram of Schoenholz et al. 2017 (fig. 1), the
 * critical line {@code chi_1 = 1} in the ({@code sigma_w^2}, {@code sigma_b^2}) plane with the ordered phase
 * (gradients vanish as {@code chi_1^(L/2)}) to its left and the chaotic phase (they explode) to its right,
 * and the analysed points marked; on the right {@code chi_1} against {@code sigma_w^2} for four bias
 * variances, with the critical level 1 dashed.
 */
final class MeanFieldFigure {
    static final int PANEL_WIDTH = 640;
    static final int PANEL_HEIGHT = 480;
    static final String CRITICAL = "critical line (chi_1 = 1)";
    /** The grid rows drawn as chi_1 curves: sigma_b^2 = 0, 0.1, 0.25, 0.5. */
    static final int[] CURVE_ROWS = {0, 2, 5, 10};

    /** A point of the plane to mark, named in the legend. */
    record Mark(String name, double sigmaW2, double sigmaB2) {
    }

    private MeanFieldFigure() {
    }

    static Figure of(PhaseDiagram d, List<Mark> marks) {
        return Figure.of(phasePlane(d, marks), chiCurves(d));
    }

    static XYChart phasePlane(PhaseDiagram d, List<Mark> marks) {
        List<double[]> line = d.line();
        double xMax = d.sigmaW2()[d.sigmaW2().length - 1];
        for (double[] p : line) {
            xMax = Math.max(xMax, 1.5 * p[0]);
        }
        for (Mark m : marks) {
            xMax = Math.max(xMax, 1.1 * m.sigmaW2());
        }
        LinePlot plot = new LinePlot("Mean-field phases of " + d.activation() + (line.isEmpty()
                ? " (no critical sigma_w^2 in [" + MeanFieldReports.LO + ", " + MeanFieldReports.HI + "])" : ""),
                "sigma_w^2 (weight variance x fan_in)", "sigma_b^2 (bias variance)").size(PANEL_WIDTH, PANEL_HEIGHT);
        if (!line.isEmpty()) {
            plot.add(new Series(CRITICAL, column(line, 0), column(line, 1)));
        }
        for (Mark m : marks) {
            plot.add(new Series(m.name(), new double[] {m.sigmaW2()}, new double[] {m.sigmaB2()}));
        }
        XYChart c = plot.chart();
        c.getStyler().setXAxisMin(0.0).setXAxisMax(xMax).setYAxisMin(0.0)
                .setYAxisMax(Math.max(d.sigmaB2()[d.sigmaB2().length - 1], maxY(marks)));
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setMarkerSize(11);
        for (Mark m : marks) {
            XYSeries s = c.getSeriesMap().get(m.name());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        if (!line.isEmpty()) {
            XYSeries s = c.getSeriesMap().get(CRITICAL);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineWidth(2.5f);
            c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
            double mid = line.get(line.size() / 2)[0];
            double y = 0.5 * d.sigmaB2()[d.sigmaB2().length - 1];
            c.addAnnotation(new AnnotationText("ordered: vanishing", 0.5 * mid, y, false));
            c.addAnnotation(new AnnotationText("chaotic: exploding", 0.5 * (mid + xMax), y, false));
        }
        return c;
    }

    static XYChart chiCurves(PhaseDiagram d) {
        LinePlot plot = new LinePlot("chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2], " + d.activation(),
                "sigma_w^2", "chi_1").markers().size(PANEL_WIDTH, PANEL_HEIGHT);
        for (int row : CURVE_ROWS) {
            plot.add(new Series(curveName(d.sigmaB2()[row]), d.sigmaW2(), d.chi1()[row]));
        }
        plot.hline("chi_1 = 1 (critical)", 1.0);
        XYChart c = plot.chart();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return c;
    }

    static String curveName(double sigmaB2) {
        return String.format(Locale.ROOT, "sigma_b^2 = %.2f", sigmaB2);
    }

    private static double maxY(List<Mark> marks) {
        double m = 0;
        for (Mark k : marks) {
            m = Math.max(m, 1.1 * k.sigmaB2());
        }
        return m;
    }

    private static double[] column(List<double[]> points, int i) {
        double[] out = new double[points.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = points.get(k)[i];
        }
        return out;
    }
}
