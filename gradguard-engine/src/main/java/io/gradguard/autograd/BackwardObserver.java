package io.gradguard.autograd;

/** Sees each op of a backward pass right after its rule has run (for tracing non-finite gradients). */
@FunctionalInterface
public interface BackwardObserver {
    /** {@code op}'s own gradient is still available here as {@code op.grad()}. */
    void afterBackward(Var op);
}
