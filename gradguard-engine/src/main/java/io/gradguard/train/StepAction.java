package io.gradguard.train;

/** What a {@link StepHook} decides after seeing a step's gradients. */
public enum StepAction {
    /** Apply the optimiser step (with whatever changes the hook made to the gradients). */
    PROCEED,
    /** Discard this step's gradients: no optimiser update. */
    SKIP_STEP,
    /** Stop training after this step, without updating; the trainer writes a checkpoint and returns. */
    STOP
}
