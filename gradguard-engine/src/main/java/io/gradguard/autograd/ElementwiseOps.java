package io.gradguard.autograd;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import io.gradguard.tensor.VectorKernels;

/**
 * Elementwise arithmetic and activations. Binary ops take equal shapes, or a trailing row
 * ({@link #addRow}) broadcast over the leading dimensions.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {
    }

    /** {@code a + b}; backward passes the gradient to both. */
    public static Var add(Var a, Var b) {
        ShapeErrors.requireSameShape("add", a, b);
        float[] ad = a.value().data();
        float[] bd = b.value().data();
        Tensor out = Tensor.zerosLike(a.value());
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[i] + bd[i];
        }
        return Var.result(out, "add", g -> {
            accumulate(a, g.data(), 1f);
            accumulate(b, g.data(), 1f);
        }, a, b);
    }

    /** {@code a - b}. */
    public static Var sub(Var a, Var b) {
        ShapeErrors.requireSameShape("sub", a, b);
        float[] ad = a.value().data();
        float[] bd = b.value().data();
        Tensor out = Tensor.zerosLike(a.value());
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[i] - bd[i];
        }
        return Var.result(out, "sub", g -> {
            accumulate(a, g.data(), 1f);
            accumulate(b, g.data(), -1f);
        }, a, b);
    }

    /** {@code a * b} (Hadamard); backward {@code da = g b}, {@code db = g a}. */
    public static Var mul(Var a, Var b) {
        ShapeErrors.requireSameShape("mul", a, b);
        float[] ad = a.value().data();
        float[] bd = b.value().data();
        Tensor out = Tensor.zerosLike(a.value());
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = ad[i] * bd[i];
        }
        return Var.result(out, "mul", g -> {
            float[] gd = g.data();
            if (a.requiresGrad()) {
                float[] ga = a.gradBuffer().data();
                for (int i = 0; i < gd.length; i++) {
                    ga[i] += gd[i] * bd[i];
                }
            }
            if (b.requiresGrad()) {
                float[] gb = b.gradBuffer().data();
                for (int i = 0; i < gd.length; i++) {
                    gb[i] += gd[i] * ad[i];
                }
            }
        }, a, b);
    }

    /** {@code s * a + c} for scalars {@code s}, {@code c}. */
    public static Var affine(Var a, float s, float c) {
        float[] ad = a.value().data();
        Tensor out = Tensor.zerosLike(a.value());
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = s * ad[i] + c;
        }
        return Var.result(out, "affine", g -> accumulate(a, g.data(), s), a);
    }

    /** {@code x + row}: {@code row} has the shape of {@code x}'s last dimension and is added to every row. */
    public static Var addRow(Var x, Var row) {
        int[] xs = x.shape();
        if (xs.length == 0 || row.value().rank() != 1 || row.value().dim(0) != xs[xs.length - 1]) {
            throw ShapeErrors.mismatch("add_row", "a row [" + (xs.length == 0 ? "?" : xs[xs.length - 1])
                    + "] for input " + Shapes.str(xs), row.shape());
        }
        int n = row.value().dim(0);
        float[] xd = x.value().data();
        float[] rd = row.value().data();
        Tensor out = Tensor.zerosLike(x.value());
        float[] od = out.data();
        for (int i = 0; i < od.length; i++) {
            od[i] = xd[i] + rd[i % n];
        }
        return Var.result(out, "add_row", g -> {
            float[] gd = g.data();
            accumulate(x, gd, 1f);
            if (row.requiresGrad()) {
                float[] gr = row.gradBuffer().data();
                for (int i = 0; i < gd.length; i++) {
                    gr[i % n] += gd[i];
                }
            }
        }, x, row);
    }

    /** Applies {@code f} elementwise; backward multiplies by {@code f'(x)} (see {@link Activation}). */
    public static Var activate(Var x, Activation f) {
        if (f instanceof Activation.Identity) {
            return x;
        }
        float[] xd = x.value().data();
        Tensor out = Tensor.zerosLike(x.value());
        float[] yd = out.data();
        if (f instanceof Activation.ReLU) {
            for (int i = 0; i < yd.length; i++) {
                yd[i] = Math.max(xd[i], 0f);
            }
        } else {
            for (int i = 0; i < yd.length; i++) {
                yd[i] = f.apply(xd[i]);
            }
        }
        return Var.result(out, f.name(), g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            if (f instanceof Activation.ReLU) {
                VectorKernels.reluBackward(xd, gd, gx, gd.length);
            } else {
                for (int i = 0; i < gd.length; i++) {
                    gx[i] += gd[i] * f.derivative(xd[i], yd[i]);
                }
            }
        }, x);
    }

    /** Adds {@code scale * g} into {@code v}'s gradient when it needs one. */
    static void accumulate(Var v, float[] g, float scale) {
        if (!v.requiresGrad()) {
            return;
        }
        float[] gv = v.gradBuffer().data();
        if (scale == 1f) {
            for (int i = 0; i < g.length; i++) {
                gv[i] += g[i];
            }
        } else {
            for (int i = 0; i < g.length; i++) {
                gv[i] += scale * g[i];
            }
        }
    }
}
