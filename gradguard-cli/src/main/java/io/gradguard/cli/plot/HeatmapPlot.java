package io.gradguard.cli.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A layers-by-steps heatmap of a per-layer statistic (the gradient norm), coloured on a log10 scale, so
 * explosion and vanishing through depth show as bands: rows are layers (input side at the bottom),
 * columns are logged steps. Wider runs are reduced to at most {@code maxColumns} columns by taking the
 * largest value of each block of steps, so a one-step spike stays visible.
 */
public final class HeatmapPlot {
    private final String title;
    private final List<String> layers;
    private final long[] steps;
    private final double[][] values;
    private int maxColumns = 120;
    private int width = 900;
    private int height = 480;

    /**
     * @param layers row labels, input side first
     * @param steps  column labels
     * @param values {@code values[layer][column]}; non-finite and non-positive cells are left blank
     */
    public HeatmapPlot(String title, List<String> layers, long[] steps, double[][] values) {
        if (values.length != layers.size()) {
            throw new IllegalArgumentException("heatmap '" + title + "' has " + layers.size() + " layer labels but "
                    + values.length + " rows");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != steps.length) {
                throw new IllegalArgumentException("heatmap '" + title + "' row " + r + " ('" + layers.get(r)
                        + "') has " + values[r].length + " values but there are " + steps.length + " steps");
            }
        }
        this.title = title;
        this.layers = List.copyOf(layers);
        this.steps = steps.clone();
        this.values = values;
    }

    public HeatmapPlot maxColumns(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("maxColumns must be >= 2, got " + n);
        }
        maxColumns = n;
        return this;
    }

    public HeatmapPlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public HeatMapChart chart() {
        int cols = steps.length;
        int block = Math.max(1, (cols + maxColumns - 1) / maxColumns);
        int shown = (cols + block - 1) / block;
        // XChart labels every category; label about ten of them and give the rest distinct invisible names
        // (n zero-width spaces) so the axis stays readable.
        int every = Math.max(1, shown / 10);
        List<String> xs = new ArrayList<>();
        for (int c = 0; c < shown; c++) {
            xs.add(c % every == 0 ? Long.toString(steps[c * block]) : "\u200b".repeat(c + 1));
        }
        List<String> ys = new ArrayList<>(layers);
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < shown; c++) {
                double m = Double.NaN;
                for (int k = c * block; k < Math.min(cols, (c + 1) * block); k++) {
                    double v = values[r][k];
                    if (Double.isFinite(v) && v > 0 && !(v <= m)) {
                        m = v;
                    }
                }
                if (!Double.isNaN(m)) {
                    double lg = Math.log10(m);
                    min = Math.min(min, lg);
                    max = Math.max(max, lg);
                    cells.add(new Number[] {c, r, lg});
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title + " (log10)")
                .xAxisTitle("step").yAxisTitle("layer").build();
        HeatMapStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setShowValue(false);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setDecimalPattern("0.0");
        st.setRangeColors(new Color[] {new Color(49, 54, 149), new Color(116, 173, 209), new Color(255, 255, 191),
            new Color(244, 109, 67), new Color(165, 0, 38)});
        if (cells.isEmpty()) {
            chart.setTitle(title + " (no finite data)");
            cells.add(new Number[] {0, 0, 0.0});
            min = -1;
            max = 1;
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        // The colour legend prints its ends verbatim: round them outward to one decimal.
        st.setMin(Math.floor(min * 10) / 10);
        st.setMax(Math.ceil(max * 10) / 10);
        chart.addSeries(title, xs, ys, cells);
        return chart;
    }

    public byte[] png() {
        return Png.encode(chart());
    }
}
