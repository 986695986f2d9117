package io.gradguard.autograd;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., 2014, as implemented by {@code F.dropout}): each element is zeroed
 * with probability {@code p} and the survivors are scaled by {@code 1 / (1 - p)}, so the expected output
 * equals the input and evaluation needs no rescaling. The mask is drawn from an explicit {@link Rng}, so
 * the same stream gives the same mask.
 */
public final class DropoutOps {
    private DropoutOps() {
    }

    /**
     * A mask of {@code shape}: element {@code i} is {@code 0} when the {@code i}-th draw {@code u ~ U[0, 1)}
     * is below {@code p} (probability {@code p}) and {@code 1 / (1 - p)} otherwise. One draw per element,
     * in row-major order.
     */
    public static Tensor mask(int[] shape, double p, Rng rng) {
        checkP(p);
        Tensor m = Tensor.zeros(shape);
        float[] md = m.data();
        float keep = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < md.length; i++) {
            md[i] = rng.nextDouble() < p ? 0f : keep;
        }
        return m;
    }

    /** {@code x * mask} for a precomputed mask of {@code x}'s shape; backward {@code dx = g * mask}. */
    public static Var applyMask(Var x, Tensor mask) {
        if (!mask.sameShape(x.value())) {
            throw ShapeErrors.mismatch("dropout", "a mask of shape " + Shapes.str(x.shape()),
                    mask.shape());
        }
        float[] xd = x.value().data();
        float[] md = mask.data();
        Tensor out = Tensor.zerosLike(x.value());
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = xd[i] * md[i];
        }
        return Var.result(out, "dropout", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int i = 0; i < gd.length; i++) {
                gx[i] += gd[i] * md[i];
            }
        }, x);
    }

    /** {@code applyMask(x, mask(x.shape(), p, rng))}: training-mode dropout. */
    public static Var dropout(Var x, double p, Rng rng) {
        return applyMask(x, mask(x.shape(), p, rng));
    }

    /** Rejects {@code p} outside {@code [0, 1)} (and NaN), quoting it. */
    public static void checkP(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout p must be in [0, 1), got " + p);
        }
    }
}
