package io.gradguard.train;

/**
 * What one optimiser step measured.
 *
 * @param step       global step index (0-based)
 * @param epoch      epoch index (0-based)
 * @param batch      batch index within the epoch
 * @param loss       training loss of the batch, penalties included
 * @param gradNorm   global L2 norm of all gradients before any hook changed them (overflow-safe)
 * @param lr         learning rate used for the step
 * @param action     what the hooks decided
 * @param examples   examples in the batch
 */
public record StepMetrics(long step, int epoch, int batch, double loss, double gradNorm, double lr,
                          StepAction action, int examples) {
}
