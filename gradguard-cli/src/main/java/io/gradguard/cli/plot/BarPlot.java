package io.gradguard.cli.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart: one group per category (a clipping policy, a configuration), one bar per series in
 * each group (predicted vs measured, survival vs loss), drawn with XChart in the style of {@link LinePlot}.
 * Non-finite values (and non-positive ones on a log axis) leave their bar out.
 *
 * <pre>{@code
 * byte[] png = new BarPlot("Survival under spikes", "policy", "runs surviving")
 *         .categories(List.of("none", "global_norm")).add("survival", new double[] {0, 1}).png();
 * }</pre>
 */
public final class BarPlot {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private List<String> categories = List.of();
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private boolean logY;
    private int width = 900;
    private int height = 480;

    public BarPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public BarPlot categories(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' needs at least one category");
        }
        categories = List.copyOf(names);
        return this;
    }

    /** One bar per category, in the order of {@link #categories}. */
    public BarPlot add(String name, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException("bar series '" + name + "' has " + values.length + " values but there"
                    + " are " + categories.size() + " categories " + categories);
        }
        series.put(name, values.clone());
        return this;
    }

    public BarPlot logY() {
        logY = true;
        return this;
    }

    public BarPlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("plot size must be at least 100x100, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler st = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(logY);
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendVisible(series.size() > 1);
        boolean any = false;
        double lowest = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Number> ys = new ArrayList<>();
            for (double v : e.getValue()) {
                boolean ok = Double.isFinite(v) && (!logY || v > 0);
                ys.add(ok ? v : null);
                any |= ok;
                lowest = ok ? Math.min(lowest, v) : lowest;
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        if (!any) {
            chart.setTitle(title + " (no finite data)");
        }
        if (!logY) {
            chart.getStyler().setYAxisDecimalPattern("0.###");
        }
        if (logY) {
            // XChart starts bars at 0, which a log axis cannot show: start them a decade below the lowest bar.
            chart.getStyler().setYAxisMin(any ? Math.pow(10, Math.floor(Math.log10(lowest))) / 10 : 0.1);
        }
        return chart;
    }

    public byte[] png() {
        return Png.encode(chart());
    }
}
