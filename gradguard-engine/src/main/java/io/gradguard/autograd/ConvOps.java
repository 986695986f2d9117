package io.gradguard.autograd;

import io.gradguard.tensor.Gemm;
import io.gradguard.tensor.Parallel;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as {@code torch.nn.functional.conv2d}) in NCHW layout, by im2col and
 * one GEMM for the whole batch, with its backward rule beside it.
 *
 * <p>For input {@code x [N, C, H, W]}, weight {@code w [O, C, kh, kw]} and bias {@code b [O]}:
 * {@code y[n, o, i, j] = b[o] + sum_{c, u, v} w[o, c, u, v] x[n, c, i*sh - ph + u, j*sw - pw + v]} (zero
 * outside the input), with {@code OH = floor((H + 2 ph - kh) / sh) + 1} and likewise {@code OW}.
 *
 * <p>im2col lays every receptive field of the batch out as a column of {@code cols [C*kh*kw, N*OH*OW]}
 * (Chellapilla, Puri and Simard, "High performance convolutional neural networks for document processing",
 * 2006), so the forward pass is {@code Y = W cols} with {@code W} viewed as {@code [O, C*kh*kw]}; the
 * result {@code [O, N*OH*OW]} is copied block-wise into NCHW. Backward, with {@code dY} laid out the same
 * way: {@code dW += dY cols^T} (accumulated straight into the weight's gradient), {@code db[o] += sum dY[o]},
 * {@code dcols = W^T dY}, and col2im adds {@code dcols} back onto the input positions they came from.
 */
public final class ConvOps {
    private ConvOps() {
    }

    /** {@code conv2d(x, w, b, stride, padding)} with square stride and padding and a fresh workspace. */
    public static Var conv2d(Var x, Var w, Var b, int stride, int padding) {
        int[] ws = w.shape();
        if (ws.length != 4) {
            throw ShapeErrors.mismatch("conv2d", "a weight [out, in, kh, kw]", ws);
        }
        return conv2d(x, w, b, new Window(ws[2], ws[3], stride, stride, padding, padding), new Workspace());
    }

    /**
     * The convolution of {@code x [N, C, H, W]} with {@code w [O, C, kh, kw]} and {@code b [O]} (or
     * {@code null}); {@code window}'s kernel must match the weight's. The {@code workspace} lends the im2col
     * buffer, which a recorded graph keeps until its backward pass and then gives back, so a layer that runs
     * forward then backward each step reuses one buffer.
     */
    public static Var conv2d(Var x, Var w, Var b, Window window, Workspace workspace) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        if (ws.length != 4 || ws[2] != window.kh() || ws[3] != window.kw()) {
            throw ShapeErrors.mismatch("conv2d", "a weight [out, in, " + window.kh() + ", " + window.kw() + "]", ws);
        }
        int outC = ws[0];
        int inC = ws[1];
        if (xs.length != 4 || xs[1] != inC) {
            throw ShapeErrors.mismatch("conv2d", "input [*, " + inC + ", H, W]", xs);
        }
        if (b != null && !b.value().sameShape(outC)) {
            throw ShapeErrors.mismatch("conv2d", "a bias [" + outC + "]", b.shape());
        }
        Im2col geo = Im2col.of("conv2d", window, xs);
        int n = xs[0];
        int spatial = geo.outH() * geo.outW();
        int rows = geo.rows();
        int cols = n * spatial;
        float[] wd = w.value().data();
        float[] colBuf = workspace.take(rows * cols);
        geo.im2col(x.value().data(), colBuf);
        Tensor y = Tensor.zeros(n, outC, geo.outH(), geo.outW());
        float[] yd = y.data();
        float[] prod = n == 1 ? yd : workspace.takeScratch(outC * cols);
        Gemm.sgemm(false, false, outC, cols, rows, 1f, wd, 0, rows, colBuf, 0, cols, 0f, prod, 0, cols);
        if (n != 1) {
            blocks(prod, yd, n, outC, spatial, true);
            workspace.giveScratch(prod);
        }
        if (b != null) {
            float[] bd = b.value().data();
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < outC; o++) {
                    int off = (s * outC + o) * spatial;
                    for (int p = 0; p < spatial; p++) {
                        yd[off + p] += bd[o];
                    }
                }
            }
        }
        Var[] inputs = b == null ? new Var[] {x, w} : new Var[] {x, w, b};
        Var out = Var.result(y, "conv2d", g -> {
            float[] gd = g.data();
            float[] dy = gd;
            if (n != 1) {
                dy = workspace.takeScratch(outC * cols);
                blocks(dy, gd, n, outC, spatial, false);
            }
            if (w.requiresGrad()) { // dW [O, rows] += dY [O, cols] cols^T
                Gemm.sgemm(false, true, outC, rows, cols, 1f, dy, 0, cols, colBuf, 0, cols, 1f,
                        w.gradBuffer().data(), 0, rows);
            }
            if (b != null && b.requiresGrad()) {
                float[] gb = b.gradBuffer().data();
                for (int o = 0; o < outC; o++) {
                    double s = 0;
                    for (int c = o * cols, end = c + cols; c < end; c++) {
                        s += dy[c];
                    }
                    gb[o] += (float) s;
                }
            }
            if (x.requiresGrad()) { // dcols [rows, cols] = W^T dY, written over cols (no longer needed)
                Gemm.sgemm(true, false, rows, cols, outC, 1f, wd, 0, rows, dy, 0, cols, 0f, colBuf, 0, cols);
                geo.col2im(colBuf, x.gradBuffer().data());
            }
            if (dy != gd) {
                workspace.giveScratch(dy);
            }
            workspace.give(colBuf);
        }, inputs);
        if (!out.requiresGrad()) {
            workspace.give(colBuf);
        }
        return out;
    }

    /** Copies between {@code [O, N*S]} ({@code mat}) and NCHW {@code [N, O, S]} ({@code nchw}). */
    private static void blocks(float[] mat, float[] nchw, int n, int outC, int spatial, boolean toNchw) {
        int cols = n * spatial;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < outC; o++) {
                int m = o * cols + s * spatial;
                int t = (s * outC + o) * spatial;
                if (toNchw) {
                    System.arraycopy(mat, m, nchw, t, spatial);
                } else {
                    System.arraycopy(nchw, t, mat, m, spatial);
                }
            }
        }
    }

    /** The geometry of one im2col: input {@code [n, c, h, w]} under {@code win}, output {@code oh x ow}. */
    record Im2col(int n, int c, int h, int w, Window win, int outH, int outW) {
        /** Column entries per channel worth a task on the pool (a few microseconds of copying). */
        static final int PARALLEL_MIN_PER_CHANNEL = 1 << 14;

        /** Checks that {@code xs} is {@code [N, C, H, W]} and the window fits, naming {@code op}. */
        static Im2col of(String op, Window win, int[] xs) {
            if (xs.length != 4) {
                throw ShapeErrors.mismatch(op, "input [N, C, H, W]", xs);
            }
            int oh = win.outH(xs[2]);
            int ow = win.outW(xs[3]);
            if (oh < 1 || ow < 1) {
                throw ShapeErrors.mismatch(op, "input [*, *, H, W] with H + 2*" + win.padH() + " >= " + win.kh()
                        + " and W + 2*" + win.padW() + " >= " + win.kw() + " (" + win + ")", xs);
            }
            return new Im2col(xs[0], xs[1], xs[2], xs[3], win, oh, ow);
        }

        int rows() {
            return c * win.kh() * win.kw();
        }

        /** {@code cols[(c*kh + u)*kw + v][s*OH*OW + i*OW + j] = x[s, c, i*sh - ph + u, j*sw - pw + v]} or 0. */
        void im2col(float[] x, float[] cols) {
            walk(x, cols, false);
        }

        /** The adjoint of {@link #im2col}: adds each column entry back onto its input position in {@code gx}. */
        void col2im(float[] cols, float[] gx) {
            walk(gx, cols, true);
        }

        /**
         * Channels are independent (each fills its own rows of {@code cols} and adds into its own planes of
         * {@code gx}), so they are spread over the {@link Parallel} pool when a channel has at least
         * {@value #PARALLEL_MIN_PER_CHANNEL} column entries; each entry is added in the same order either way.
         */
        private void walk(float[] x, float[] cols, boolean add) {
            long perChannel = (long) win.kh() * win.kw() * n * outH * outW;
            if (c > 1 && perChannel >= PARALLEL_MIN_PER_CHANNEL) {
                Parallel.forEach(c, ch -> walkChannel(ch, x, cols, add));
            } else {
                for (int ch = 0; ch < c; ch++) {
                    walkChannel(ch, x, cols, add);
                }
            }
        }

        private void walkChannel(int ch, float[] x, float[] cols, boolean add) {
            int kh = win.kh();
            int kw = win.kw();
            int sh = win.strideH();
            int sw = win.strideW();
            int spatial = outH * outW;
            int ncols = n * spatial;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int rowOff = ((ch * kh + u) * kw + v) * ncols;
                    // output columns j whose input column j*sw - pw + v lies in [0, w)
                    int j0 = Math.min(outW, Math.max(0, ceilDiv(win.padW() - v, sw)));
                    int j1 = Math.max(j0, Math.min(outW, ceilDiv(w + win.padW() - v, sw)));
                    for (int s = 0; s < n; s++) {
                        int xOff = (s * c + ch) * h * w;
                        for (int i = 0; i < outH; i++) {
                            int ih = i * sh - win.padH() + u;
                            int dst = rowOff + s * spatial + i * outW;
                            if (ih < 0 || ih >= h) {
                                if (!add) {
                                    Arrays.fill(cols, dst, dst + outW, 0f);
                                }
                                continue;
                            }
                            int src = xOff + ih * w - win.padW() + v;
                            if (add) {
                                for (int j = j0; j < j1; j++) {
                                    x[src + j * sw] += cols[dst + j];
                                }
                            } else {
                                Arrays.fill(cols, dst, dst + j0, 0f);
                                if (sw == 1) {
                                    System.arraycopy(x, src + j0, cols, dst + j0, j1 - j0);
                                } else {
                                    for (int j = j0; j < j1; j++) {
                                        cols[dst + j] = x[src + j * sw];
                                    }
                                }
                                Arrays.fill(cols, dst + j1, dst + outW, 0f);
                            }
                        }
                    }
                }
            }
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }

    /**
     * A sliding window over the last two axes: kernel {@code kh x kw}, stride {@code (sh, sw)}, zero padding
     * {@code (ph, pw)} on both sides, as the {@code kernel_size}, {@code stride} and {@code padding} of
     * {@code torch.nn.Conv2d} and the pooling layers. Output size {@code floor((H + 2 ph - kh) / sh) + 1}.
     */
    public record Window(int kh, int kw, int strideH, int strideW, int padH, int padW) {
        public Window {
            positive("kernel_size", kh, kw);
            positive("stride", strideH, strideW);
            if (padH < 0 || padW < 0) {
                throw new IllegalArgumentException("padding must be >= 0, got (" + padH + ", " + padW + ")");
            }
        }

        private static void positive(String name, int a, int b) {
            if (a < 1 || b < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got (" + a + ", " + b + ")");
            }
        }

        /** A square window: {@code kernel_size=k, stride=s, padding=p}. */
        public static Window of(int kernel, int stride, int padding) {
            return new Window(kernel, kernel, stride, stride, padding, padding);
        }

        /** {@code floor((h + 2 ph - kh) / sh) + 1}; at most 0 when the kernel does not fit. */
        public int outH(int h) {
            return Math.floorDiv(h + 2 * padH - kh, strideH) + 1;
        }

        /** {@code floor((w + 2 pw - kw) / sw) + 1}; at most 0 when the kernel does not fit. */
        public int outW(int w) {
            return Math.floorDiv(w + 2 * padW - kw, strideW) + 1;
        }

        /** PyTorch's tuple notation: {@code kernel_size=(3, 3), stride=(1, 1), padding=(0, 0)}. */
        @Override
        public String toString() {
            return "kernel_size=(" + kh + ", " + kw + "), stride=(" + strideH + ", " + strideW + "), padding=("
                    + padH + ", " + padW + ")";
        }
    }

    /**
     * Reusable buffers for {@link #conv2d}: one im2col buffer, lent to a recorded graph until its backward
     * pass gives it back (a graph never run backward just drops it, and the next call allocates afresh), and
     * one scratch buffer used only within a single forward or backward call. Not thread-safe: one per layer.
     */
    public static final class Workspace {
        private float[] cols;
        private float[] scratch;
        private long allocations;

        float[] take(int size) {
            float[] a = cols;
            cols = null;
            return a != null && a.length >= size ? a : alloc(size);
        }

        void give(float[] a) {
            if (cols == null || cols.length < a.length) {
                cols = a;
            }
        }

        float[] takeScratch(int size) {
            float[] a = scratch;
            scratch = null;
            return a != null && a.length >= size ? a : alloc(size);
        }

        void giveScratch(float[] a) {
            if (scratch == null || scratch.length < a.length) {
                scratch = a;
            }
        }

        private float[] alloc(int size) {
            allocations++;
            return new float[size];
        }

        /** How many arrays this workspace has allocated so far (steady training allocates none). */
        public long allocations() {
            return allocations;
        }
    }
}
