package io.gradguard.nn;

import io.gradguard.autograd.ShapeOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Shapes;

/**
 * Keeps the last time step of a sequence, {@code [batch, T, H] -> [batch, H]} ({@code out[:, -1, :]} in
 * PyTorch), to put a many-to-one head such as a {@link Dense} after a recurrent layer. The gradient flows
 * only into step {@code T - 1}.
 */
public final class LastStep extends Module {
    @Override
    protected Var compute(Var x) {
        int[] s = x.shape();
        if (s.length != 3 || s[1] == 0) {
            String where = path().isEmpty() ? "LastStep" : "Layer '" + path() + "' (LastStep)";
            throw new IllegalArgumentException(where + " expects input [batch, T, H] with T >= 1 but got "
                    + Shapes.str(s));
        }
        return ShapeOps.reshape(ShapeOps.slice(x, 1, s[1] - 1, s[1]), s[0], s[2]);
    }

    @Override
    public String toString() {
        return "LastStep()";
    }
}
