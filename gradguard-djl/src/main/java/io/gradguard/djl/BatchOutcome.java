package io.gradguard.djl;

import io.gradguard.guard.GuardStep;
import io.gradguard.guard.Verdict;

/** What {@link GuardedTraining#trainBatch} did with one batch. */
public sealed interface BatchOutcome {
    /**
     * The batch went through forward and backward, and the guard (if any) judged the step.
     *
     * @param step     the global step index (0-based; skipped batches take none)
     * @param loss     the batch's loss (NaN or infinite when the step went bad)
     * @param gradNorm the global L2 norm of every gradient before clipping (overflow-safe)
     * @param lr       the learning rate the optimiser used (or would have used)
     * @param verdict  {@code PROCEED}: {@code trainer.step()} ran; {@code SKIP}: it did not and the gradients
     *                 were zeroed; {@code HALT}: it did not and training should stop
     * @param guard    the guard's account of the step, or null when training without a guard
     */
    record Trained(long step, double loss, double gradNorm, double lr, Verdict verdict, GuardStep guard)
            implements BatchOutcome {
        /** Whether the optimiser step was applied. */
        public boolean applied() {
            return verdict == Verdict.PROCEED;
        }
    }

    /**
     * The batch was passed over unseen because a rollback asked to skip the batches that follow it (PaLM's
     * remedy for loss spikes).
     *
     * @param remaining batches still to skip after this one
     */
    record Skipped(int remaining) implements BatchOutcome {
    }
}
