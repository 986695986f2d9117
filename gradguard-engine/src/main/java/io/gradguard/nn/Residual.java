package io.gradguard.nn;

import io.gradguard.autograd.ElementwiseOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Shapes;
import java.util.Arrays;
import java.util.Objects;

/**
 * A residual connection (He, Zhang, Ren and Sun, 2016): {@code y = x + block(x)}, or
 * {@code y = projection(x) + block(x)} when the block changes the shape (the paper's projection shortcut
 * {@code W_s x}: a bias-free {@link Dense} for vectors, any shape-matching module for images).
 *
 * <p>The shortcut is why deep stacks stay trainable: {@code dy/dx = I + d block/dx}, so the gradient reaching
 * early layers always contains the identity path instead of only a product of many layer Jacobians whose
 * norm shrinks (or grows) geometrically with depth. Children are named {@code block} and {@code projection},
 * so parameters read {@code layers.3.block.0.weight}.
 */
public final class Residual extends Module {
    private final Module block;
    private final Module projection;

    /** {@code y = x + block(x)}; the block must keep the shape of its input. */
    public Residual(Module block) {
        this.block = register("block", Objects.requireNonNull(block, "block"));
        this.projection = null;
    }

    /** {@code y = projection(x) + block(x)}; both must produce the same shape. */
    public Residual(Module block, Module projection) {
        this.block = register("block", Objects.requireNonNull(block, "block"));
        this.projection = register("projection", Objects.requireNonNull(projection, "projection"));
    }

    @Override
    protected Var compute(Var x) {
        Var fx = block.forward(x);
        Var shortcut = projection == null ? x : projection.forward(x);
        if (!Arrays.equals(fx.shape(), shortcut.shape())) {
            String where = path().isEmpty() ? "" : "Layer '" + path() + "' ";
            String msg = projection == null
                    ? "expects block output " + batchStar(x.shape()) + " to match its input but got "
                            + Shapes.str(fx.shape()) + "; add a projection"
                    : "expects block output " + batchStar(shortcut.shape()) + " to match its projection's output"
                            + " but got " + Shapes.str(fx.shape());
            throw new IllegalArgumentException(where + "(residual) " + msg);
        }
        return ElementwiseOps.add(shortcut, fx);
    }

    public Module block() {
        return block;
    }

    /** The shortcut's projection, or {@code null} for the identity shortcut. */
    public Module projection() {
        return projection;
    }

    /** {@code [32, 64] -> [*, 64]}: the shape with the batch dimension left free. */
    private static String batchStar(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "*" : ", " + shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return projection == null ? "Residual(identity shortcut)" : "Residual(projection shortcut)";
    }
}
