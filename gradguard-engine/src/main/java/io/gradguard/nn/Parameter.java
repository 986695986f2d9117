package io.gradguard.nn;

import io.gradguard.autograd.Var;
import io.gradguard.tensor.Tensor;

/**
 * A learnable leaf tensor owned by a {@link Module}. Its full name ({@code layers.0.weight}) comes from
 * its place in the module tree, so names are stable across runs and match PyTorch's {@code state_dict}
 * keys for the same structure. Optimisers update {@link #value()} in place.
 */
public final class Parameter extends Var {
    private final String localName;
    private final Module owner;

    Parameter(String localName, Tensor value, Module owner) {
        super(value, true, "param", "", new Var[0], null);
        this.localName = localName;
        this.owner = owner;
    }

    /** The full dotted name, e.g. {@code layers.0.weight}. */
    public String name() {
        String p = owner.path();
        return p.isEmpty() ? localName : p + "." + localName;
    }

    /** The name within the owning module ({@code weight}, {@code bias}). */
    public String localName() {
        return localName;
    }

    /** The module that owns this parameter. */
    public Module owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "Parameter(" + name() + ", " + io.gradguard.tensor.Shapes.str(shape()) + ")";
    }
}
