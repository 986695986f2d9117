package io.gradguard.nn;

import io.gradguard.autograd.NormOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/**
 * Layer normalisation ({@code torch.nn.LayerNorm}; Ba, Kiros and Hinton, 2016): for an input
 * {@code [*, normalizedShape]}, each leading index is normalised over the trailing {@code normalizedShape}
 * values, {@code y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias}, with the biased variance. Unlike
 * batch norm it keeps no running statistics and behaves the same in training and evaluation.
 * {@code weight} (1) and {@code bias} (0) have shape {@code normalizedShape} when {@code elementwiseAffine}.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** {@code LayerNorm(normalizedShape)} with {@code eps=1e-5, elementwise_affine=True}. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm normalizedShape must have at least one dimension, got "
                    + (normalizedShape == null ? "null" : "[]"));
        }
        for (int d : normalizedShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("LayerNorm normalizedShape dimensions must be > 0, got "
                        + Shapes.str(normalizedShape));
            }
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm eps must be finite and >= 0, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? parameter("weight", Tensor.full(1f, normalizedShape)) : null;
        this.bias = elementwiseAffine ? parameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    @Override
    protected Var compute(Var x) {
        return NormOps.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    public double eps() {
        return eps;
    }

    /** The per-element scale, or {@code null} when {@code elementwiseAffine=false}. */
    public Parameter weight() {
        return weight;
    }

    /** The per-element shift, or {@code null} when {@code elementwiseAffine=false}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Shapes.str(normalizedShape) + ", eps=" + eps + ", elementwise_affine="
                + (weight != null) + ")";
    }
}
