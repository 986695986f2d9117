package io.gradguard.nn;

import io.gradguard.autograd.ShapeOps;
import io.gradguard.autograd.Var;

/** {@code [N, d1, ..., dk] -> [N, d1 * ... * dk]}, as {@code nn.Flatten()} (a view; see {@link ShapeOps#flatten}). */
public final class Flatten extends Module {
    @Override
    protected Var compute(Var x) {
        return ShapeOps.flatten(x);
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
