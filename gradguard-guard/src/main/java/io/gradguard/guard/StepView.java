package io.gradguard.guard;

import java.util.List;

/**
 * One training step as the guard sees it: after backward, before the optimiser step. The guard imports
 * no engine class; the engine's trainer and the DJL listener each adapt their step to this view.
 *
 * @param step   global step index (0-based)
 * @param loss   the step's loss (may be NaN or infinite)
 * @param lr     the learning rate the optimiser is about to use
 * @param params every parameter in model order, input side first
 */
public record StepView(long step, double loss, double lr, List<ParamView> params) {
    public StepView {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        params = List.copyOf(params);
    }
}
