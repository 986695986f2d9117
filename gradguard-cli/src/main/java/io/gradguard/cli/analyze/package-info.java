/**
 * {@code gradguard analyze}: the gradient-flow analyses of {@link io.gradguard.analysis} as subcommands
 * ({@code chain}, {@code sigmoid-window}, {@code mean-field}, {@code activations}), each printing a table,
 * or JSON with {@code --json}, and writing CSV with {@code --csv FILE}.
 */
package io.gradguard.cli.analyze;
