package io.gradguard.train;

/**
 * Called after backward and before the optimiser step, with every named parameter's values and gradient
 * and the step's loss. It may change gradients in place (clipping), change the learning rate, restore
 * weights, skip the step or stop training. The gradient guard plugs in here.
 */
@FunctionalInterface
public interface StepHook {
    StepAction afterBackward(StepContext step);

    /**
     * True when {@link #afterBackward} always calls {@link StepContext#reportGradNorm} with the gradients'
     * global L2 norm as it received them, so the trainer need not compute it (the guard does this).
     */
    default boolean reportsGradNorm() {
        return false;
    }
}
