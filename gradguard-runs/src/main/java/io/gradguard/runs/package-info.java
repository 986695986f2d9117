/**
 * The run directory of DESIGN.md, the contract between the CLI, the DJL host, reports and the dashboard:
 * {@link io.gradguard.runs.RunDirectory} (the layout), the writers ({@link io.gradguard.runs.MetricsRecorder}
 * for {@code metrics.jsonl} with the guard's per-layer fields from {@link io.gradguard.runs.GuardMetrics},
 * {@link io.gradguard.runs.IncidentRecorder} for {@code incidents.jsonl}, {@link io.gradguard.runs.DiagnosisFile})
 * and the one reader, {@link io.gradguard.runs.RunReader}.
 */
package io.gradguard.runs;
