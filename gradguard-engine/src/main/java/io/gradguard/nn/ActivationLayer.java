package io.gradguard.nn;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.ElementwiseOps;
import io.gradguard.autograd.Var;

/** A parameter-free module applying an {@link Activation} ({@code nn.ReLU()}, {@code nn.Sigmoid()}, ...). */
public final class ActivationLayer extends Module {
    private final Activation activation;

    public ActivationLayer(Activation activation) {
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
    }

    public Activation activation() {
        return activation;
    }

    @Override
    protected Var compute(Var x) {
        return ElementwiseOps.activate(x, activation);
    }

    @Override
    public String toString() {
        return "Activation(" + activation + ")";
    }
}
