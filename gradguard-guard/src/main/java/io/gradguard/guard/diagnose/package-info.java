/**
 * Diagnosis: from the incidents the guard recorded and framework-neutral facts about the model and its
 * training ({@link io.gradguard.guard.diagnose.ModelFacts}), the {@link io.gradguard.guard.diagnose.Diagnoser}
 * ranks the likely causes named by the seeds (weight initialisation, sigmoid saturation, dead ReLUs, depth
 * without normalisation or residuals, recurrent spectral radius, learning rate, weak regularisation, or a
 * transient fault outside the model) and recommends concrete changes in run-spec terms. Each cause is one
 * small rule; {@link io.gradguard.guard.diagnose.DiagnosisReport} renders the result for the terminal and
 * as JSON-ready maps.
 */
package io.gradguard.guard.diagnose;
