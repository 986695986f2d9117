package io.gradguard.guard;

/** What the host must do with the step after the guard looked at it. */
public enum Verdict {
    /** Apply the optimiser step (the gradients may have been clipped). */
    PROCEED,
    /** Do not apply the step (skipped, or the weights were rolled back). */
    SKIP,
    /** Stop training. */
    HALT
}
