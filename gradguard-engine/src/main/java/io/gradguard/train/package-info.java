/**
 * The training loop ({@link io.gradguard.train.Trainer}): batches, forward, loss, backward, penalties, step
 * hooks (where the gradient guard plugs in), optimiser step, validation, listeners (progress, metrics), and
 * atomic checkpoints with exact resume ({@link io.gradguard.train.Checkpoint}).
 */
package io.gradguard.train;
