package io.gradguard.autograd;

import io.gradguard.tensor.Tensor;

/** Reductions to a scalar. Sums accumulate in double, so long sums stay accurate in float32. */
public final class ReduceOps {
    private ReduceOps() {
    }

    /** The sum of all elements; backward broadcasts the scalar gradient. */
    public static Var sum(Var x) {
        float[] xd = x.value().data();
        double s = 0;
        for (float v : xd) {
            s += v;
        }
        return Var.result(Tensor.scalar((float) s), "sum", g -> broadcast(x, g.item()), x);
    }

    /** The mean of all elements. */
    public static Var mean(Var x) {
        float[] xd = x.value().data();
        double s = 0;
        for (float v : xd) {
            s += v;
        }
        int n = Math.max(1, xd.length);
        return Var.result(Tensor.scalar((float) (s / n)), "mean", g -> broadcast(x, g.item() / n), x);
    }

    /** {@code sum(x^2)}, used by L2 penalties; backward {@code 2 x g}. */
    public static Var sumSquares(Var x) {
        float[] xd = x.value().data();
        double s = 0;
        for (float v : xd) {
            s += (double) v * v;
        }
        return Var.result(Tensor.scalar((float) s), "sum_squares", g -> {
            if (x.requiresGrad()) {
                float[] gx = x.gradBuffer().data();
                float c = 2f * g.item();
                for (int i = 0; i < xd.length; i++) {
                    gx[i] += c * xd[i];
                }
            }
        }, x);
    }

    private static void broadcast(Var x, float g) {
        if (!x.requiresGrad()) {
            return;
        }
        float[] gx = x.gradBuffer().data();
        for (int i = 0; i < gx.length; i++) {
            gx[i] += g;
        }
    }
}
