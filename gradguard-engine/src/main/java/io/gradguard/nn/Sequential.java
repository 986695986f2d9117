package io.gradguard.nn;

import io.gradguard.autograd.Var;
import java.util.ArrayList;
import java.util.List;

/** Runs its children in order; they are named {@code 0, 1, 2, ...} as in {@code torch.nn.Sequential}. */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    public Sequential(List<? extends Module> layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer named by its index. */
    public Sequential add(Module layer) {
        register(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    public List<Module> layers() {
        return List.copyOf(layers);
    }

    public int size() {
        return layers.size();
    }

    @Override
    protected Var compute(Var x) {
        Var h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }
}
