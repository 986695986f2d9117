package io.gradguard.tensor;

/**
 * Hot elementwise loops for optimisers, clipping, norms and ReLU's backward, on the JDK Vector API when the
 * module {@code jdk.incubator.vector} is present and plain loops otherwise (the same switch as {@link Gemm}:
 * {@code -Dgradguard.gemm=scalar} forces the plain loops). {@link #axpy} and {@link #scale} give bitwise the
 * same result in both forms (a multiply then an add, no fused multiply-add).
 */
public final class VectorKernels {
    private static final VectorKernelsImpl IMPL = Gemm.implementation().equals("vector")
            ? Gemm.load("io.gradguard.tensor.VectorKernelsSimd")
            : new VectorKernelsImpl.Plain();

    private VectorKernels() {
    }

    /** {@code "vector"} or {@code "scalar"}. */
    public static String implementation() {
        return IMPL.name();
    }

    /** {@code y[i] += a * x[i]} for {@code i < n} (BLAS {@code saxpy}). */
    public static void axpy(float a, float[] x, float[] y, int n) {
        check("axpy", "x", x, 0, n);
        check("axpy", "y", y, 0, n);
        IMPL.axpy(a, x, y, n);
    }

    /** {@code x[i] *= a} for {@code i < n} (BLAS {@code sscal}). */
    public static void scale(float a, float[] x, int n) {
        check("scale", "x", x, 0, n);
        IMPL.scale(a, x, n);
    }

    /**
     * ReLU's backward rule, {@code gx[i] += x[i] > 0 ? g[i] : 0} for {@code i < n}: units whose input was
     * positive pass the upstream gradient, the others (input zero, negative or NaN) pass none. The vector form
     * selects with a lane mask instead of a branch, which mispredicts when about half the units are active;
     * both forms give bitwise the same result.
     */
    public static void reluBackward(float[] x, float[] g, float[] gx, int n) {
        check("reluBackward", "x", x, 0, n);
        check("reluBackward", "g", g, 0, n);
        check("reluBackward", "gx", gx, 0, n);
        IMPL.reluBackward(x, g, gx, n);
    }

    /**
     * {@code sum x[i]^2} over {@code [off, off+n)}, accumulated in double. The square of a float32 is exact in
     * double and cannot overflow it (|x| < 2^128, so x^2 < 2^256), so the result is finite even for values of
     * 1e30, with no scaling pass (DESIGN.md, "Norms are overflow-safe"). The summation order differs between
     * the vector and plain forms, so the two may differ in the last bits.
     */
    public static double sumSquares(float[] x, int off, int n) {
        check("sumSquares", "x", x, off, n);
        return IMPL.sumSquares(x, off, n);
    }

    private static void check(String op, String name, float[] x, int off, int n) {
        if (n < 0 || off < 0 || (long) off + n > x.length) {
            throw new IllegalArgumentException("VectorKernels." + op + ": range [" + off + ", " + ((long) off + n)
                    + ") of " + name + " is outside its " + x.length + " elements");
        }
    }
}
