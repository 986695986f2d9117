package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients, as {@code torch.optim.Optimizer} with one parameter group.
 *
 * <p>Every implementation computes in float32 like PyTorch's CPU kernels, allocates its per-parameter state
 * (momentum buffers, moment estimates) once, lazily, on the first step in which that parameter has a
 * gradient, and allocates nothing per step afterwards. Hyperparameter names, defaults and update rules are
 * those of the algorithm boxes in the {@code torch.optim} documentation; each class cites its box.
 */
public interface Optimizer {
    /**
     * One update of every parameter whose {@link Parameter#grad() grad()} is non-null. A parameter without a
     * gradient is skipped entirely (no state change, its own step count does not advance), as in PyTorch.
     * Gradients are read, never modified.
     */
    void step();

    /**
     * Zeros every parameter's gradient in place, like {@code zero_grad(set_to_none=False)}: a zeroed
     * gradient still counts as a gradient in the next {@link #step()} (with momentum or weight decay the
     * weights still move).
     */
    void zeroGrad();

    /** The current learning rate. */
    double lr();

    /**
     * Sets the learning rate used by the next steps (schedules and the guard's "reduce lr" recovery call it).
     *
     * @throws IllegalArgumentException unless {@code lr >= 0} and finite (a schedule may reach 0)
     */
    void setLr(double lr);

    /** The parameters, in the order given at construction. */
    List<Parameter> parameters();

    /** PyTorch's name in lower case: {@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop}, {@code adagrad}. */
    String name();

    /** How many times {@link #step()} has been called (restored by {@link #loadState}). */
    long stepCount();

    /** A deep copy of the optimiser's state, for checkpoints. */
    OptimizerState state();

    /**
     * As {@link #state()}, but copies the buffers into {@code reuse}'s arrays where they fit (same
     * optimiser, parameter, key and length), so a snapshot taken every few steps allocates nothing;
     * {@code reuse} must not be used afterwards except as the returned state.
     */
    default OptimizerState state(OptimizerState reuse) {
        return state();
    }

    /**
     * Restores a state taken by {@link #state()} of an optimiser of the same kind over parameters with the
     * same names and sizes; restores the learning rate and step counts too. Nothing changes if it throws.
     *
     * @throws IllegalArgumentException naming the first mismatch (optimiser, parameter, buffer, length)
     */
    void loadState(OptimizerState s);
}
