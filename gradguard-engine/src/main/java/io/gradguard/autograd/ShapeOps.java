package io.gradguard.autograd;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;

/**
 * Ops that move elements without changing them: reshape, 2-D transpose, concatenation, slicing and
 * flattening. Each backward rule routes the gradient back to the positions the values came from.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /**
     * The same elements in row-major order under a new shape; one dimension may be {@code -1} (inferred), as
     * {@code torch.reshape}. The result shares the input's storage (a view). Backward reshapes the gradient.
     */
    public static Var reshape(Var x, int... shape) {
        return reshapeAs("reshape", x, shape);
    }

    /** {@code [d0, d1, ..., dk] -> [d0, d1 * ... * dk]} ({@code torch.nn.Flatten()}: keeps the batch dim). */
    public static Var flatten(Var x) {
        int[] s = x.shape();
        if (s.length < 2) {
            throw ShapeErrors.mismatch("flatten", "an input [batch, ...] with at least 2 dimensions", s);
        }
        return reshapeAs("flatten", x, s[0], -1);
    }

    private static Var reshapeAs(String op, Var x, int... shape) {
        Tensor out;
        try {
            out = x.value().reshape(shape);
        } catch (IllegalArgumentException e) {
            throw ShapeErrors.mismatch(op, "a shape holding the " + x.value().numel() + " elements of "
                    + Shapes.str(x.shape()), shape);
        }
        return Var.result(out, op, g -> ElementwiseOps.accumulate(x, g.data(), 1f), x);
    }

    /** {@code x^T} for a 2-D {@code x}; backward transposes the gradient. */
    public static Var transpose(Var x) {
        ShapeErrors.requireRank("transpose", x, 2, "a 2-D input");
        int r = x.value().dim(0);
        int c = x.value().dim(1);
        float[] xd = x.value().data();
        Tensor out = Tensor.zeros(c, r);
        float[] od = out.data();
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                od[j * r + i] = xd[i * c + j];
            }
        }
        return Var.result(out, "transpose", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    gx[i * c + j] += gd[j * r + i];
                }
            }
        }, x);
    }

    /**
     * Joins tensors along {@code axis} ({@code torch.cat}); all other dimensions must agree. Backward hands
     * each input its slice of the gradient.
     */
    public static Var concat(int axis, Var... inputs) {
        Var[] xs = inputs.clone();
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat: expects at least one input but got none");
        }
        int[] first = xs[0].shape();
        int ax = axisOf("concat", axis, first);
        int total = 0;
        for (int k = 0; k < xs.length; k++) {
            int[] s = xs[k].shape();
            if (s.length != first.length || !sameExcept(s, first, ax)) {
                throw ShapeErrors.mismatch("concat", "input " + k + " of shape " + starAt(first, ax)
                        + " (inputs agree except on axis " + ax + ")", s);
            }
            total += s[ax];
        }
        int outer = prod(first, 0, ax);
        int inner = prod(first, ax + 1, first.length);
        int[] outShape = first.clone();
        outShape[ax] = total;
        Tensor out = Tensor.zeros(outShape);
        float[] od = out.data();
        int outRow = total * inner;
        int[] starts = new int[xs.length];
        int start = 0;
        for (int k = 0; k < xs.length; k++) {
            starts[k] = start;
            int block = xs[k].value().dim(ax) * inner;
            float[] xd = xs[k].value().data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(xd, o * block, od, o * outRow + start * inner, block);
            }
            start += xs[k].value().dim(ax);
        }
        return Var.result(out, "concat", g -> {
            float[] gd = g.data();
            for (int k = 0; k < xs.length; k++) {
                Var v = xs[k];
                if (!v.requiresGrad()) {
                    continue;
                }
                int block = v.value().dim(ax) * inner;
                float[] gv = v.gradBuffer().data();
                for (int o = 0; o < outer; o++) {
                    int src = o * outRow + starts[k] * inner;
                    int dst = o * block;
                    for (int i = 0; i < block; i++) {
                        gv[dst + i] += gd[src + i];
                    }
                }
            }
        }, xs);
    }

    /**
     * Elements {@code [start, end)} along {@code axis} ({@code x.narrow(axis, start, end - start)}); needs
     * {@code 0 <= start <= end <= dim}. Backward adds the gradient into those positions.
     */
    public static Var slice(Var x, int axis, int start, int end) {
        int[] s = x.shape();
        int ax = axisOf("slice", axis, s);
        if (start < 0 || start > end || end > s[ax]) {
            throw ShapeErrors.mismatch("slice", "0 <= start <= end <= " + s[ax] + " on axis " + ax
                    + " (got start=" + start + ", end=" + end + ") for input", s);
        }
        int outer = prod(s, 0, ax);
        int inner = prod(s, ax + 1, s.length);
        int len = end - start;
        int[] outShape = s.clone();
        outShape[ax] = len;
        Tensor out = Tensor.zeros(outShape);
        float[] xd = x.value().data();
        float[] od = out.data();
        int inRow = s[ax] * inner;
        int block = len * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(xd, o * inRow + start * inner, od, o * block, block);
        }
        return Var.result(out, "slice", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int o = 0; o < outer; o++) {
                int dst = o * inRow + start * inner;
                int src = o * block;
                for (int i = 0; i < block; i++) {
                    gx[dst + i] += gd[src + i];
                }
            }
        }, x);
    }

    /** Normalises {@code axis} (negative counts from the end) or throws a shape error naming the input. */
    static int axisOf(String op, int axis, int[] shape) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw ShapeErrors.mismatch(op, "an input with an axis " + axis, shape);
        }
        return a;
    }

    static int prod(int[] s, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return p;
    }

    /** {@code [2, *, 4]}: the shape with {@code *} on the free axis. */
    private static String starAt(int[] shape, int axis) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(i == axis ? "*" : Integer.toString(shape[i]));
        }
        return sb.append(']').toString();
    }

    private static boolean sameExcept(int[] a, int[] b, int axis) {
        int[] x = a.clone();
        int[] y = b.clone();
        x[axis] = 0;
        y[axis] = 0;
        return Arrays.equals(x, y);
    }
}
