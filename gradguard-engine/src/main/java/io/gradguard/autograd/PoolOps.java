package io.gradguard.autograd;

import io.gradguard.tensor.Tensor;

/**
 * 2-D pooling over the last two axes of an NCHW input, as {@code torch.nn.functional.max_pool2d},
 * {@code avg_pool2d} and {@code adaptive_avg_pool2d(x, 1).flatten(1)}, each with its backward rule.
 * Windows follow {@link ConvOps.Window} ({@code ceil_mode=False}); as in PyTorch the padding may be at most
 * half the kernel, so every window holds at least one input element.
 */
public final class PoolOps {
    private PoolOps() {
    }

    /**
     * {@code y[n, c, i, j] = max} over the window at {@code (i*sh - ph, j*sw - pw)}, with padding that never
     * wins (PyTorch pads with {@code -inf}). Backward sends each gradient to the window's maximum; of equal
     * maxima the first in row-major order takes it, and a NaN counts as the maximum (the last NaN of the
     * window, as in PyTorch's CPU kernel), so it propagates.
     */
    public static Var maxPool2d(Var x, ConvOps.Window win) {
        ConvOps.Im2col geo = geometry("max_pool2d", x, win);
        float[] xd = x.value().data();
        Tensor y = Tensor.zeros(geo.n(), geo.c(), geo.outH(), geo.outW());
        float[] yd = y.data();
        int[] arg = new int[yd.length];
        int w = geo.w();
        int o = 0;
        for (int plane = 0; plane < geo.n() * geo.c(); plane++) {
            int base = plane * geo.h() * w;
            for (int i = 0; i < geo.outH(); i++) {
                int r0 = Math.max(0, i * win.strideH() - win.padH());
                int r1 = Math.min(geo.h(), i * win.strideH() - win.padH() + win.kh());
                for (int j = 0; j < geo.outW(); j++, o++) {
                    int c0 = Math.max(0, j * win.strideW() - win.padW());
                    int c1 = Math.min(w, j * win.strideW() - win.padW() + win.kw());
                    int best = base + r0 * w + c0;
                    float bv = xd[best];
                    for (int r = r0; r < r1; r++) {
                        for (int idx = base + r * w + c0, end = idx + c1 - c0; idx < end; idx++) {
                            float v = xd[idx];
                            boolean take = v > bv || v != v; // as PyTorch: (val > maxval) || isnan(val)
                            best = take ? idx : best;
                            bv = take ? v : bv;
                        }
                    }
                    yd[o] = bv;
                    arg[o] = best;
                }
            }
        }
        return Var.result(y, "max_pool2d", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int k = 0; k < gd.length; k++) {
                gx[arg[k]] += gd[k];
            }
        }, x);
    }

    /**
     * {@code y[n, c, i, j] = (1 / (kh kw)) * sum} over the window, padding counted as zeros
     * ({@code count_include_pad=True}, PyTorch's default; with {@code ceil_mode=False} a window never passes
     * the padded edge, so the divisor is always {@code kh * kw}). Backward spreads {@code g / (kh kw)} over
     * the window's input elements.
     */
    public static Var avgPool2d(Var x, ConvOps.Window win) {
        ConvOps.Im2col geo = geometry("avg_pool2d", x, win);
        float[] xd = x.value().data();
        Tensor y = Tensor.zeros(geo.n(), geo.c(), geo.outH(), geo.outW());
        float[] yd = y.data();
        int area = win.kh() * win.kw();
        float inv = 1f / area;
        forEachWindow(geo, (o, base, r0, r1, c0, c1) -> {
            double s = 0;
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    s += xd[base + r * geo.w() + c];
                }
            }
            yd[o] = (float) (s / area);
        });
        return Var.result(y, "avg_pool2d", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            forEachWindow(geo, (o, base, r0, r1, c0, c1) -> {
                float share = gd[o] * inv;
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        gx[base + r * geo.w() + c] += share;
                    }
                }
            });
        }, x);
    }

    /**
     * {@code [N, C, H, W] -> [N, C]}: the mean of each channel's plane ({@code x.mean(dim=(2, 3))}, as
     * {@code AdaptiveAvgPool2d(1)} then {@code Flatten}). Sums in double; backward spreads {@code g / (H W)}.
     */
    public static Var globalAvgPool2d(Var x) {
        int[] s = x.shape();
        if (s.length != 4 || s[2] * s[3] == 0) {
            throw ShapeErrors.mismatch("global_avg_pool2d", "input [N, C, H, W] with H, W >= 1", s);
        }
        int planes = s[0] * s[1];
        int area = s[2] * s[3];
        float[] xd = x.value().data();
        Tensor y = Tensor.zeros(s[0], s[1]);
        float[] yd = y.data();
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int k = p * area, end = k + area; k < end; k++) {
                sum += xd[k];
            }
            yd[p] = (float) (sum / area);
        }
        float inv = 1f / area;
        return Var.result(y, "global_avg_pool2d", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int p = 0; p < planes; p++) {
                float share = gd[p] * inv;
                for (int k = p * area, end = k + area; k < end; k++) {
                    gx[k] += share;
                }
            }
        }, x);
    }

    /**
     * PyTorch's limit on pooling padding: at most half the kernel on each axis ({@code pad should be at most
     * half of effective kernel size}), so no window lies wholly in the padding.
     *
     * @throws IllegalArgumentException naming the op and the window
     */
    public static void checkPadding(String op, ConvOps.Window win) {
        if (2 * win.padH() > win.kh() || 2 * win.padW() > win.kw()) {
            String where = OpScope.current().isEmpty() ? "" : "Layer '" + OpScope.current() + "' ";
            throw new IllegalArgumentException(where + "(" + op + ") padding should be at most half of kernel_size,"
                    + " but got " + win);
        }
    }

    private static ConvOps.Im2col geometry(String op, Var x, ConvOps.Window win) {
        checkPadding(op, win);
        return ConvOps.Im2col.of(op, win, x.shape());
    }

    /** Output element {@code o}'s window: plane offset {@code base}, rows {@code [r0, r1)}, cols {@code [c0, c1)}. */
    private interface WindowFn {
        void apply(int o, int base, int r0, int r1, int c0, int c1);
    }

    private static void forEachWindow(ConvOps.Im2col geo, WindowFn fn) {
        ConvOps.Window win = geo.win();
        int o = 0;
        for (int plane = 0; plane < geo.n() * geo.c(); plane++) {
            int base = plane * geo.h() * geo.w();
            for (int i = 0; i < geo.outH(); i++) {
                int r0 = Math.max(0, i * win.strideH() - win.padH());
                int r1 = Math.min(geo.h(), i * win.strideH() - win.padH() + win.kh());
                for (int j = 0; j < geo.outW(); j++, o++) {
                    int c0 = Math.max(0, j * win.strideW() - win.padW());
                    int c1 = Math.min(geo.w(), j * win.strideW() - win.padW() + win.kw());
                    fn.apply(o, base, r0, r1, c0, c1);
                }
            }
        }
    }
}
