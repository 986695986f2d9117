package io.gradguard.autograd;

import io.gradguard.tensor.Gemm;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/** Matrix products and the fused dense layer, each with its backward rule beside its forward rule. */
public final class MatrixOps {
    private MatrixOps() {
    }

    /**
     * {@code op(A) op(B)} for 2-D inputs. Backward (for {@code C = A B}): {@code dA = dC B^T},
     * {@code dB = A^T dC}; the transposed cases follow by swapping operands.
     */
    public static Var matmul(Var a, boolean transA, Var b, boolean transB) {
        ShapeErrors.requireRank("matmul", a, 2, "a 2-D left operand");
        ShapeErrors.requireRank("matmul", b, 2, "a 2-D right operand");
        Tensor av = a.value();
        Tensor bv = b.value();
        int m = transA ? av.dim(1) : av.dim(0);
        int k = transA ? av.dim(0) : av.dim(1);
        int kb = transB ? bv.dim(1) : bv.dim(0);
        int n = transB ? bv.dim(0) : bv.dim(1);
        if (k != kb) {
            throw ShapeErrors.mismatch("matmul", "a right operand with " + k + " rows"
                    + (transB ? " (after transpose)" : "") + " to match " + Shapes.str(av.shape())
                    + (transA ? "^T" : ""), bv.shape());
        }
        Tensor out = Tensor.zeros(m, n);
        Gemm.sgemm(transA, transB, m, n, k, 1f, av.data(), 0, av.dim(1), bv.data(), 0, bv.dim(1), 0f,
                out.data(), 0, n);
        return Var.result(out, "matmul", g -> {
            if (a.requiresGrad()) {
                Tensor ga = a.gradBuffer();
                if (!transA) { // dA[m,k] += dC[m,n] op(B)^T
                    Gemm.sgemm(false, !transB, m, k, n, 1f, g.data(), 0, n, bv.data(), 0, bv.dim(1), 1f,
                            ga.data(), 0, k);
                } else { // A stored [k,m]: dA += op(B) dC^T
                    Gemm.sgemm(transB, true, k, m, n, 1f, bv.data(), 0, bv.dim(1), g.data(), 0, n, 1f,
                            ga.data(), 0, m);
                }
            }
            if (b.requiresGrad()) {
                Tensor gb = b.gradBuffer();
                if (!transB) { // dB[k,n] += op(A)^T dC
                    Gemm.sgemm(!transA, false, k, n, m, 1f, av.data(), 0, av.dim(1), g.data(), 0, n, 1f,
                            gb.data(), 0, n);
                } else { // B stored [n,k]: dB += dC^T op(A)
                    Gemm.sgemm(true, transA, n, k, m, 1f, g.data(), 0, n, av.data(), 0, av.dim(1), 1f,
                            gb.data(), 0, k);
                }
            }
        }, a, b);
    }

    /**
     * The dense layer {@code y = x W^T + b} with PyTorch's layout: {@code x [batch, in]},
     * {@code W [out, in]}, {@code b [out]} (or {@code null}). Backward: {@code dx = dy W},
     * {@code dW += dy^T x}, {@code db += sum over the batch of dy}; the weight gradient is accumulated in
     * place, so no weight-sized array is allocated per step.
     */
    public static Var linear(Var x, Var w, Var b) {
        ShapeErrors.requireRank("linear", w, 2, "a 2-D weight [out, in]");
        int out = w.value().dim(0);
        int in = w.value().dim(1);
        if (x.value().rank() != 2 || x.value().dim(1) != in) {
            throw ShapeErrors.mismatch("linear", "input [*, " + in + "]", x.shape());
        }
        if (b != null && !b.value().sameShape(out)) {
            throw ShapeErrors.mismatch("linear", "bias [" + out + "]", b.shape());
        }
        int batch = x.value().dim(0);
        float[] xd = x.value().data();
        float[] wd = w.value().data();
        Tensor y = Tensor.zeros(batch, out);
        float[] yd = y.data();
        if (b != null) {
            float[] bd = b.value().data();
            for (int r = 0; r < batch; r++) {
                System.arraycopy(bd, 0, yd, r * out, out);
            }
        }
        Gemm.sgemm(false, true, batch, out, in, 1f, xd, 0, in, wd, 0, in, b == null ? 0f : 1f, yd, 0, out);
        Var[] inputs = b == null ? new Var[] {x, w} : new Var[] {x, w, b};
        return Var.result(y, "linear", g -> {
            float[] gd = g.data();
            if (x.requiresGrad()) {
                Gemm.sgemm(false, false, batch, in, out, 1f, gd, 0, out, wd, 0, in, 1f, x.gradBuffer().data(), 0, in);
            }
            if (w.requiresGrad()) {
                Gemm.sgemm(true, false, out, in, batch, 1f, gd, 0, out, xd, 0, in, 1f, w.gradBuffer().data(), 0, in);
            }
            if (b != null && b.requiresGrad()) {
                float[] gb = b.gradBuffer().data();
                for (int r = 0; r < batch; r++) {
                    int off = r * out;
                    for (int j = 0; j < out; j++) {
                        gb[j] += gd[off + j];
                    }
                }
            }
        }, inputs);
    }
}
