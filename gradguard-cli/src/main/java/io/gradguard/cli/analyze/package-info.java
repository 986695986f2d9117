/**
 * {@code gradguard analyze}: the gradient-flow analyses of {@link io.gradguard.analysis} as subcommands
 * ({@code chain}, {@code sigmoid-window}, {@code mean-field}, {@code activations}), each printing a table,
 * or JSON with {@code --json}, writing CSV with {@code --csv FILE} and a figure with {@code --plot FILE.png}
 * ({@link io.gradguard.cli.analyze.Figures}, {@link io.gradguard.cli.analyze.MeanFieldFigure}).
 */
package io.gradguard.cli.analyze;
