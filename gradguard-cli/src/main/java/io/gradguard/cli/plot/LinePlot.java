package io.gradguard.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart (loss, gradient norm, per-layer norms against step or depth), drawn with XChart. Horizontal
 * reference lines mark thresholds such as a clip level or the healthy update ratio of -3.
 *
 * <pre>{@code
 * byte[] png = new LinePlot("Gradient norm", "step", "||g||").logY()
 *         .add(Series.of("unguarded", norms)).hline("max_norm", 1.0).png();
 * }</pre>
 */
public final class LinePlot {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final Set<Series> scatter = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Reference> references = new ArrayList<>();
    private boolean logX;
    private boolean logY;
    private boolean markers;
    private int width = 800;
    private int height = 480;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LinePlot logX() {
        logX = true;
        return this;
    }

    public LinePlot logY() {
        logY = true;
        return this;
    }

    /** Draws a marker on every point (for sparse data such as one point per depth). */
    public LinePlot markers() {
        markers = true;
        return this;
    }

    public LinePlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("plot size must be at least 100x100, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    /** Adds {@code s} drawn as markers only, without a line (measured points beside a curve). */
    public LinePlot points(Series s) {
        series.add(s);
        scatter.add(s);
        return this;
    }

    /** A dashed horizontal line at {@code y} across the x range of the data. */
    public LinePlot hline(String name, double y) {
        references.add(new Reference(name, y));
        return this;
    }

    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler st = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendVisible(series.size() + references.size() > 1);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (Series s : series) {
            double[][] p = s.drawable(logX, logY);
            if (p[0].length == 0) {
                continue;
            }
            any = true;
            XYSeries xs = chart.addSeries(s.name(), p[0], p[1]);
            xs.setMarker(markers || scatter.contains(s) ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (scatter.contains(s)) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            for (double v : p[0]) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
        }
        if (!any) {
            chart.setTitle(title + " (no finite data)");
            chart.addSeries("no data", new double[] {logX ? 1 : 0}, new double[] {logY ? 1 : 0})
                    .setMarker(SeriesMarkers.NONE);
            return chart;
        }
        for (Reference r : references) {
            double y = r.y();
            if (!Double.isFinite(y) || (logY && y <= 0)) {
                continue;
            }
            XYSeries xs = chart.addSeries(r.name(), new double[] {xMin, xMax}, new double[] {y, y});
            xs.setMarker(SeriesMarkers.NONE);
            xs.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            xs.setLineColor(Color.DARK_GRAY);
        }
        return chart;
    }

    private record Reference(String name, double y) {
    }

    public byte[] png() {
        return Png.encode(chart());
    }
}
