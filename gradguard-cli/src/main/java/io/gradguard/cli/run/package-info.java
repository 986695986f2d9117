/**
 * From a run spec to a finished run: {@link io.gradguard.cli.run.RunFactory} (with {@code ModelFactory},
 * {@code DataFactory}, {@code OptimFactory}) resolves a spec into engine objects, {@link
 * io.gradguard.cli.run.RunSession} trains them into a {@link io.gradguard.runs.RunDirectory} (spec.yaml,
 * manifest.json, metrics.jsonl, incidents.jsonl, checkpoints/), and the listeners and reports around it
 * (progress bar, summary, demo report); the run directory itself and its recorders live in {@code io.gradguard.runs}.
 */
package io.gradguard.cli.run;
