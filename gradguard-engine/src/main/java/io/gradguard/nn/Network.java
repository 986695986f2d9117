package io.gradguard.nn;

import io.gradguard.autograd.Var;

/**
 * The root of a model built from a run spec: one {@link Sequential} registered as {@code layers}, so
 * parameters are named {@code layers.0.weight} as for a PyTorch module with {@code self.layers}.
 */
public final class Network extends Module {
    private final Sequential layers;

    public Network(Sequential layers) {
        this.layers = register("layers", layers);
    }

    public Sequential layers() {
        return layers;
    }

    @Override
    protected Var compute(Var x) {
        return layers.forward(x);
    }
}
