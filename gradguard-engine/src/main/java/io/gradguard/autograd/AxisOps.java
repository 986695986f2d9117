package io.gradguard.autograd;

import io.gradguard.tensor.Tensor;

/**
 * Reductions along one axis, which is removed from the shape ({@code keepdim=False} in PyTorch). Sums
 * accumulate in double. A negative axis counts from the end.
 */
public final class AxisOps {
    private AxisOps() {
    }

    /** {@code x.sum(dim=axis)}; backward broadcasts the gradient back along the axis. */
    public static Var sum(Var x, int axis) {
        return sumScaled("sum_axis", x, axis, false);
    }

    /**
     * {@code x.mean(dim=axis)}; backward broadcasts {@code g / n} along the axis. The mean over an empty
     * axis is NaN, as in PyTorch.
     */
    public static Var mean(Var x, int axis) {
        return sumScaled("mean_axis", x, axis, true);
    }

    private static Var sumScaled(String op, Var x, int axis, boolean mean) {
        Layout l = Layout.of(op, x, axis);
        float[] xd = x.value().data();
        Tensor out = Tensor.zeros(l.outShape);
        float[] od = out.data();
        double scale = mean ? 1.0 / l.n : 1.0;
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                double s = 0;
                int base = o * l.n * l.inner + i;
                for (int k = 0; k < l.n; k++) {
                    s += xd[base + k * l.inner];
                }
                od[o * l.inner + i] = (float) (mean ? s * scale : s);
            }
        }
        float fscale = (float) scale;
        return Var.result(out, op, g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int o = 0; o < l.outer; o++) {
                for (int i = 0; i < l.inner; i++) {
                    float gi = gd[o * l.inner + i] * fscale;
                    int base = o * l.n * l.inner + i;
                    for (int k = 0; k < l.n; k++) {
                        gx[base + k * l.inner] += gi;
                    }
                }
            }
        }, x);
    }

    /**
     * {@code x.max(dim=axis).values}; backward sends each gradient to the first maximal element (a NaN counts
     * as the maximum, so it propagates as in PyTorch). The axis must not be empty.
     */
    public static Var max(Var x, int axis) {
        Layout l = Layout.of("max_axis", x, axis);
        if (l.n == 0) {
            throw ShapeErrors.mismatch("max_axis", "a non-empty axis " + axis, x.shape());
        }
        float[] xd = x.value().data();
        Tensor out = Tensor.zeros(l.outShape);
        float[] od = out.data();
        int[] arg = new int[od.length];
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                int base = o * l.n * l.inner + i;
                int best = base;
                for (int k = 1; k < l.n && !Float.isNaN(xd[best]); k++) {
                    int idx = base + k * l.inner;
                    if (xd[idx] > xd[best] || Float.isNaN(xd[idx])) {
                        best = idx;
                    }
                }
                od[o * l.inner + i] = xd[best];
                arg[o * l.inner + i] = best;
            }
        }
        return Var.result(out, "max_axis", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int j = 0; j < gd.length; j++) {
                gx[arg[j]] += gd[j];
            }
        }, x);
    }

    /** The input viewed as {@code [outer, n, inner]} around the reduced axis. */
    private record Layout(int outer, int n, int inner, int[] outShape) {
        static Layout of(String op, Var x, int axis) {
            int[] s = x.shape();
            int ax = ShapeOps.axisOf(op, axis, s);
            int[] outShape = new int[s.length - 1];
            for (int i = 0, j = 0; i < s.length; i++) {
                if (i != ax) {
                    outShape[j++] = s[i];
                }
            }
            return new Layout(ShapeOps.prod(s, 0, ax), s[ax], ShapeOps.prod(s, ax + 1, s.length), outShape);
        }
    }
}
