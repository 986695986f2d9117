package io.gradguard.guard.clip;

import io.gradguard.guard.monitor.ScanKernel;
import java.util.List;

/**
 * Overflow-safe norm kernels over float32 arrays. Squares are accumulated in double: the largest float32
 * square (3.4e38^2 = 1.2e77) and the smallest (1.4e-45^2 = 2e-90) are both ordinary doubles, so a gradient
 * of 1e30 has a finite norm and one of 1e-30 a non-zero norm, in one pass. A NaN element makes every norm
 * NaN; an infinite element (and no NaN) makes it infinite, as {@code torch.linalg.vector_norm} does.
 */
public final class Norms {
    private Norms() {
    }

    /** sum_i a[i]^2, accumulated in double. */
    public static double sumOfSquares(float[] a) {
        return sumOfSquares(a, 0, a.length);
    }

    /**
     * {@code sum_{from <= i < to} a[i]^2}, accumulated in double, with the monitor's kernel (the Vector API
     * when present: about 10x a one-accumulator loop on the 670k gradients of the 784-512-512-10 MLP).
     */
    public static double sumOfSquares(float[] a, int from, int to) {
        return ScanKernel.best().sumOfSquares(a, from, to);
    }

    /** ||a||_2 = sqrt(sum_i a[i]^2). */
    public static double l2(float[] a) {
        return Math.sqrt(sumOfSquares(a));
    }

    /** ||a||_1 = sum_i |a[i]|. */
    public static double sumAbs(float[] a) {
        double s = 0.0;
        for (float v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    /** ||a||_inf = max_i |a[i]| (0 for an empty array; NaN if any element is NaN). */
    public static double maxAbs(float[] a) {
        float m = 0f;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * The norm of several arrays viewed as one vector, as {@code torch.nn.utils.get_total_norm}:
     * ||g||_p = (sum |g_i|^p)^(1/p), p = {@link Double#POSITIVE_INFINITY} for max |g_i|. p = 1 and 2 take one
     * pass; other p scale by max |g_i| first (two passes) so that |g|^p cannot overflow or underflow.
     * An empty list has norm 0, as in PyTorch.
     */
    public static double total(List<float[]> arrays, double p) {
        if (p == 2.0) {
            double s = 0.0;
            for (float[] a : arrays) {
                s += sumOfSquares(a);
            }
            return Math.sqrt(s);
        }
        if (p == 1.0) {
            double s = 0.0;
            for (float[] a : arrays) {
                s += sumAbs(a);
            }
            return s;
        }
        double max = 0.0;
        for (float[] a : arrays) {
            max = Math.max(max, maxAbs(a));
        }
        if (p == Double.POSITIVE_INFINITY || max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double s = 0.0;
        for (float[] a : arrays) {
            for (float v : a) {
                s += Math.pow(Math.abs(v) / max, p);
            }
        }
        return max * Math.pow(s, 1.0 / p);
    }

    /** ||a||_p of one array; see {@link #total(List, double)}. */
    public static double pNorm(float[] a, double p) {
        return total(List.of(a), p);
    }

    /**
     * L2 norm of each row of a row-major {@code rows x cols} matrix: out[r] = ||a[r*cols .. (r+1)*cols)||_2.
     */
    public static double[] rowNorms(float[] a, int rows, int cols) {
        if ((long) rows * cols != a.length) {
            throw new IllegalArgumentException("rowNorms expects " + rows + " x " + cols + " = " + (long) rows * cols
                    + " values but got " + a.length);
        }
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = Math.sqrt(sumOfSquares(a, r * cols, (r + 1) * cols));
        }
        return out;
    }

    /**
     * The number of output units of a parameter of this shape, as timm's {@code unitwise_norm}: dim 0 for
     * rank >= 2 (the rest flattened), 1 (the whole tensor) for rank 0 or 1.
     */
    public static int units(int[] shape) {
        return shape.length >= 2 ? shape[0] : 1;
    }
}
