/**
 * Optimisers, weight penalties and learning-rate schedules, with PyTorch's names and update rules.
 *
 * <ul>
 *   <li>{@link io.gradguard.optim.Optimizer}: one update of the parameters from their gradients, built from an
 *       {@link io.gradguard.optim.OptimizerConfig} record ({@link io.gradguard.optim.SgdConfig},
 *       {@link io.gradguard.optim.AdamConfig}, {@link io.gradguard.optim.AdamWConfig},
 *       {@link io.gradguard.optim.RmspropConfig}, {@link io.gradguard.optim.AdagradConfig}) whose defaults and
 *       hyperparameter names are {@code torch.optim}'s. Arithmetic is float32, state is allocated once.</li>
 *   <li>{@link io.gradguard.optim.OptimizerState}: the optimiser's buffers keyed as in PyTorch's
 *       {@code state_dict}, with an exact JSON form for checkpoints.</li>
 *   <li>{@link io.gradguard.optim.Penalty}: Keras-style L1/L2 kernel penalties added to the loss gradient.</li>
 *   <li>{@link io.gradguard.optim.LrSchedule}: learning rate as a pure function of the interval count, using
 *       the closed forms of {@code torch.optim.lr_scheduler}.</li>
 * </ul>
 */
package io.gradguard.optim;
