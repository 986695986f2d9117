/**
 * {@code gradguard experiment}: the suite that reproduces the seeds' claims. Each {@link
 * io.gradguard.cli.experiment.Experiment} is a named, versioned grid of {@link io.gradguard.cli.experiment.Point}s
 * (run specs, or analyses without training) repeated over seeds; {@link io.gradguard.cli.experiment.GridRunner}
 * runs them on a fixed pool of one worker per core, each run single-threaded, and skips a point whose
 * {@code done.json} already holds its {@link io.gradguard.cli.experiment.Outcome} (resume). The experiment's
 * {@code analyze} turns the outcomes into an {@link io.gradguard.cli.experiment.Analysis}: a table with the spread
 * over seeds, whether the claim held, and figures, which {@link io.gradguard.cli.experiment.SuiteWriter} writes
 * as {@code OUT/NAME/summary.json}, {@code results.md}, {@code results.csv} and PNGs, plus {@code OUT/index.md}
 * and {@code OUT/index.csv} over every experiment present.
 */
package io.gradguard.cli.experiment;
