/**
 * {@code gradguard report}: self-contained HTML reports (inline CSS, inline PNG figures, no script, no
 * external URL) of a run directory, read through {@link io.gradguard.runs.RunReader}, or of an experiment
 * directory ({@code index.csv} and {@code NAME/summary.json}). {@link io.gradguard.cli.report.Reports} is the
 * entry point for other commands ({@code train --report}, {@code demo}).
 */
package io.gradguard.cli.report;
