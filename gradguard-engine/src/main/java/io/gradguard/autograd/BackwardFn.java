package io.gradguard.autograd;

import io.gradguard.tensor.Tensor;

/**
 * The backward rule of one op: given the gradient of the loss with respect to the op's output, add the
 * gradients with respect to its inputs into their {@link Var#gradBuffer() grad buffers}.
 */
@FunctionalInterface
public interface BackwardFn {
    void apply(Tensor gradOutput);
}
