/**
 * Figures as PNG, drawn with XChart, shared by reports, experiments and the analysis tools: {@link
 * io.gradguard.cli.plot.LinePlot} (curves with log axes and threshold lines), {@link
 * io.gradguard.cli.plot.HeatmapPlot} (layers by steps, log colour scale), {@link io.gradguard.cli.plot.BarPlot}
 * (grouped bars per category), {@link io.gradguard.cli.plot.Figure} (charts side by side in one PNG), {@link
 * io.gradguard.cli.plot.Palette} (series colours) and {@link io.gradguard.cli.plot.Png} (bytes, atomic files,
 * {@code data:} URIs for self-contained HTML).
 */
package io.gradguard.cli.plot;
