package io.gradguard.train;

import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Tensor;
import java.util.Collection;

/**
 * Overflow-safe norms: squares of float32 values are accumulated in double, where no float32 square can
 * overflow, so gradients of 1e30 give a finite norm in one pass (DESIGN.md).
 */
public final class GradientNorms {
    private GradientNorms() {
    }

    /** {@code sqrt(sum of g^2)} over every parameter's gradient (missing gradients count as 0). */
    public static double global(Collection<Parameter> params) {
        double s = 0;
        for (Parameter p : params) {
            Tensor g = p.grad();
            if (g != null) {
                s += sumSquares(g.data());
            }
        }
        return Math.sqrt(s);
    }

    static double sumSquares(float[] x) {
        return io.gradguard.tensor.VectorKernels.sumSquares(x, 0, x.length);
    }
}
