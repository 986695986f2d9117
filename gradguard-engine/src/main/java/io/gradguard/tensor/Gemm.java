package io.gradguard.tensor;

/**
 * Single-precision matrix multiply, BLAS {@code sgemm} semantics on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose.
 *
 * <p>{@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}. {@code lda},
 * {@code ldb}, {@code ldc} are the row strides of the arrays as stored (so for {@code transA} the stored A
 * is {@code k x m} with stride {@code lda >= m}). With {@code beta == 0} C is overwritten without being read,
 * so NaNs already in C do not leak (as in BLAS).
 *
 * <p>This is the reference kernel; the engine's fast path replaces its body.
 */
public final class Gemm {
    private Gemm() {
    }

    /** The implementation in use. */
    public static String implementation() {
        return "reference";
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (alpha * s + (beta == 0f ? 0f : beta * c[ci]));
            }
        }
    }

    /** Convenience: {@code C = op(A) op(B)} for dense 2-D tensors, shape-checked. */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul expects 2-D tensors but got " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        int m = transA ? a.dim(1) : a.dim(0);
        int ka = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + opShape(a, transA) + " x "
                    + opShape(b, transB));
        }
        Tensor c = Tensor.zeros(m, n);
        sgemm(transA, transB, m, n, ka, 1f, a.data(), 0, a.dim(1), b.data(), 0, b.dim(1), 0f, c.data(), 0, n);
        return c;
    }

    private static String opShape(Tensor t, boolean trans) {
        return trans ? Shapes.str(t.shape()) + "^T" : Shapes.str(t.shape());
    }
}
