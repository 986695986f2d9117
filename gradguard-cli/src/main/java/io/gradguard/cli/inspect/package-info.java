/**
 * {@code gradguard inspect}: a pre-flight look at a model at initialisation, without training. A few real
 * batches go forward and backward once; {@link io.gradguard.cli.inspect.Inspector} measures per layer the
 * output's mean and std, the weight, bias and backpropagated gradient norms, the gain of each layer on the
 * backward signal beside the gain the initialisation predicts, saturated and dead units;
 * {@link io.gradguard.cli.inspect.Jacobian} gives the input-output Jacobian's largest singular values;
 * recurrent weights get their spectral radius and norm. {@link io.gradguard.cli.inspect.Verdicts} turns the
 * measurements into findings (ok, vanishing, exploding) and an overall verdict, rendered as a table
 * ({@link io.gradguard.cli.inspect.InspectionText}), JSON ({@link io.gradguard.cli.inspect.InspectionJson}) or a
 * figure by depth ({@link io.gradguard.cli.inspect.InspectionPlot}). {@link io.gradguard.cli.inspect.PlanInspection}
 * inspects a run's plan and puts the model back as it was, so {@code gradguard train} writes
 * {@code inspection.json} before training.
 */
package io.gradguard.cli.inspect;
