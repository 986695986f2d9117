package io.gradguard.autograd;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/**
 * Batch and layer normalisation as fused ops, each with its full backward rule beside its forward rule.
 *
 * <p>Both compute {@code y = gamma * x_hat + beta} with {@code x_hat = (x - mean) / sqrt(var + eps)}, where
 * {@code var} is the biased variance ({@code correction=0}). They differ in the group a statistic is taken
 * over: batch norm (Ioffe and Szegedy, 2015) uses, for each channel {@code c} of an input {@code [N, C, *]},
 * the {@code m = N * prod(*)} values of that channel; layer norm (Ba, Kiros and Hinton, 2016) uses the
 * {@code D} trailing values of each row. {@code gamma} and {@code beta} may be {@code null} (no affine
 * transform). Statistics are accumulated in double.
 *
 * <p>When the statistics come from the group itself, the gradient flows through them too:
 * <pre>
 *   dx = gamma / sqrt(var + eps) * (g - mean(g) - x_hat * mean(g * x_hat))     (means over the group)
 * </pre>
 * With fixed statistics (batch norm in evaluation), {@code dx = gamma * g / sqrt(var + eps)}. In both cases
 * {@code dgamma = sum(g * x_hat)} and {@code dbeta = sum(g)} over every position the parameter touched.
 */
public final class NormOps {
    private NormOps() {
    }

    /**
     * Training-mode batch norm ({@code F.batch_norm(x, ..., training=True)}): normalises each channel of
     * {@code x [N, C, *]} by its batch mean and biased batch variance. When non-null, {@code meanOut} and
     * {@code varOut} (length {@code C}) receive those statistics, so the caller can update its running
     * estimates. Needs more than one value per channel, as PyTorch does.
     */
    public static Var batchNorm(Var x, Var gamma, Var beta, double eps, double[] meanOut, double[] varOut) {
        Layout l = Layout.batch("batch_norm", x, gamma, beta);
        if (l.groupSize() <= 1) {
            throw ShapeErrors.mismatch("batch_norm", "more than 1 value per channel when training", x.shape());
        }
        float[] xd = x.value().data();
        double[] mean = new double[l.c];
        double[] invStd = new double[l.c];
        for (int c = 0; c < l.c; c++) {
            double s = 0;
            for (int n = 0; n < l.n; n++) {
                int base = (n * l.c + c) * l.inner;
                for (int i = 0; i < l.inner; i++) {
                    s += xd[base + i];
                }
            }
            double mu = s / l.groupSize();
            double ss = 0;
            for (int n = 0; n < l.n; n++) {
                int base = (n * l.c + c) * l.inner;
                for (int i = 0; i < l.inner; i++) {
                    double d = xd[base + i] - mu;
                    ss += d * d;
                }
            }
            double var = ss / l.groupSize();
            mean[c] = mu;
            invStd[c] = 1.0 / Math.sqrt(var + eps);
            if (meanOut != null) {
                meanOut[c] = mu;
            }
            if (varOut != null) {
                varOut[c] = var;
            }
        }
        return channelAffine("batch_norm", x, gamma, beta, l, mean, invStd, true);
    }

    /**
     * Evaluation-mode batch norm: normalises each channel of {@code x [N, C, *]} by the given running
     * mean and variance ({@code [C]}), which are constants. Backward: {@code dx = gamma * g / sqrt(var + eps)}.
     */
    public static Var batchNormEval(Var x, Var gamma, Var beta, Tensor runningMean, Tensor runningVar,
                                    double eps) {
        Layout l = Layout.batch("batch_norm", x, gamma, beta);
        if (!runningMean.sameShape(l.c) || !runningVar.sameShape(l.c)) {
            throw ShapeErrors.mismatch("batch_norm", "running statistics [" + l.c + "]",
                    runningMean.sameShape(l.c) ? runningVar.shape() : runningMean.shape());
        }
        double[] mean = new double[l.c];
        double[] invStd = new double[l.c];
        for (int c = 0; c < l.c; c++) {
            mean[c] = runningMean.data()[c];
            invStd[c] = 1.0 / Math.sqrt((double) runningVar.data()[c] + eps);
        }
        return channelAffine("batch_norm", x, gamma, beta, l, mean, invStd, false);
    }

    /**
     * Layer norm ({@code F.layer_norm}): normalises over the trailing dimensions {@code normalizedShape} of
     * {@code x [*, normalizedShape]}, one mean and biased variance per leading index; {@code gamma} and
     * {@code beta} have shape {@code normalizedShape}.
     */
    public static Var layerNorm(Var x, int[] normalizedShape, Var gamma, Var beta, double eps) {
        int[] xs = x.shape();
        int k = normalizedShape.length;
        boolean ok = xs.length >= k && k > 0;
        for (int i = 0; ok && i < k; i++) {
            ok = normalizedShape[i] > 0 && xs[xs.length - k + i] == normalizedShape[i];
        }
        String expected = "input [*, " + Shapes.str(normalizedShape).substring(1);
        if (!ok) {
            throw ShapeErrors.mismatch("layer_norm", expected, xs);
        }
        for (Var p : new Var[] {gamma, beta}) {
            if (p != null && !p.value().sameShape(normalizedShape)) {
                throw ShapeErrors.mismatch("layer_norm", "affine parameters " + Shapes.str(normalizedShape), p.shape());
            }
        }
        int d = Math.toIntExact(Shapes.numel(normalizedShape));
        int rows = x.value().numel() / d;
        float[] xd = x.value().data();
        float[] gd = gamma == null ? null : gamma.value().data();
        float[] bd = beta == null ? null : beta.value().data();
        float[] xhat = new float[xd.length];
        float[] invStd = new float[rows];
        Tensor out = Tensor.zerosLike(x.value());
        float[] yd = out.data();
        for (int r = 0; r < rows; r++) {
            int off = r * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += xd[off + j];
            }
            double mu = s / d;
            double ss = 0;
            for (int j = 0; j < d; j++) {
                double dev = xd[off + j] - mu;
                ss += dev * dev;
            }
            double is = 1.0 / Math.sqrt(ss / d + eps);
            invStd[r] = (float) is;
            for (int j = 0; j < d; j++) {
                float h = (float) ((xd[off + j] - mu) * is);
                xhat[off + j] = h;
                yd[off + j] = (gd == null ? h : gd[j] * h) + (bd == null ? 0f : bd[j]);
            }
        }
        Var[] inputs = inputs(x, gamma, beta);
        return Var.result(out, "layer_norm", g -> {
            float[] gg = g.data();
            if (gamma != null && gamma.requiresGrad()) {
                float[] dg = gamma.gradBuffer().data();
                for (int i = 0; i < gg.length; i++) {
                    dg[i % d] += gg[i] * xhat[i];
                }
            }
            if (beta != null && beta.requiresGrad()) {
                float[] db = beta.gradBuffer().data();
                for (int i = 0; i < gg.length; i++) {
                    db[i % d] += gg[i];
                }
            }
            if (!x.requiresGrad()) {
                return;
            }
            float[] dx = x.gradBuffer().data();
            for (int r = 0; r < rows; r++) {
                int off = r * d;
                double s1 = 0;
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    double dh = gd == null ? gg[off + j] : (double) gg[off + j] * gd[j];
                    s1 += dh;
                    s2 += dh * xhat[off + j];
                }
                double m1 = s1 / d;
                double m2 = s2 / d;
                for (int j = 0; j < d; j++) {
                    double dh = gd == null ? gg[off + j] : (double) gg[off + j] * gd[j];
                    dx[off + j] += (float) (invStd[r] * (dh - m1 - xhat[off + j] * m2));
                }
            }
        }, inputs);
    }

    /**
     * {@code y = gamma[c] * (x - mean[c]) * invStd[c] + beta[c]} over the channel axis, with the backward
     * through the statistics when {@code batchStats} (they came from {@code x}) and without otherwise.
     */
    private static Var channelAffine(String op, Var x, Var gamma, Var beta, Layout l, double[] mean,
                                     double[] invStd, boolean batchStats) {
        float[] xd = x.value().data();
        float[] gd = gamma == null ? null : gamma.value().data();
        float[] bd = beta == null ? null : beta.value().data();
        float[] xhat = new float[xd.length];
        Tensor out = Tensor.zerosLike(x.value());
        float[] yd = out.data();
        for (int n = 0; n < l.n; n++) {
            for (int c = 0; c < l.c; c++) {
                int base = (n * l.c + c) * l.inner;
                float w = gd == null ? 1f : gd[c];
                float b = bd == null ? 0f : bd[c];
                for (int i = 0; i < l.inner; i++) {
                    float h = (float) ((xd[base + i] - mean[c]) * invStd[c]);
                    xhat[base + i] = h;
                    yd[base + i] = w * h + b;
                }
            }
        }
        return Var.result(out, op, g -> {
            float[] gg = g.data();
            double[] sumG = new double[l.c];
            double[] sumGX = new double[l.c];
            for (int n = 0; n < l.n; n++) {
                for (int c = 0; c < l.c; c++) {
                    int base = (n * l.c + c) * l.inner;
                    for (int i = 0; i < l.inner; i++) {
                        sumG[c] += gg[base + i];
                        sumGX[c] += (double) gg[base + i] * xhat[base + i];
                    }
                }
            }
            if (gamma != null && gamma.requiresGrad()) {
                float[] dg = gamma.gradBuffer().data();
                for (int c = 0; c < l.c; c++) {
                    dg[c] += (float) sumGX[c];
                }
            }
            if (beta != null && beta.requiresGrad()) {
                float[] db = beta.gradBuffer().data();
                for (int c = 0; c < l.c; c++) {
                    db[c] += (float) sumG[c];
                }
            }
            if (!x.requiresGrad()) {
                return;
            }
            float[] dx = x.gradBuffer().data();
            double m = l.groupSize();
            for (int n = 0; n < l.n; n++) {
                for (int c = 0; c < l.c; c++) {
                    int base = (n * l.c + c) * l.inner;
                    double scale = (gd == null ? 1.0 : gd[c]) * invStd[c];
                    double meanG = batchStats ? sumG[c] / m : 0;
                    double meanGX = batchStats ? sumGX[c] / m : 0;
                    for (int i = 0; i < l.inner; i++) {
                        dx[base + i] += (float) (scale * (gg[base + i] - meanG - xhat[base + i] * meanGX));
                    }
                }
            }
        }, inputs(x, gamma, beta));
    }

    private static Var[] inputs(Var x, Var gamma, Var beta) {
        if (gamma != null && beta != null) {
            return new Var[] {x, gamma, beta};
        }
        if (gamma != null || beta != null) {
            return new Var[] {x, gamma != null ? gamma : beta};
        }
        return new Var[] {x};
    }

    /** The input viewed as {@code [n, c, inner]} around the channel axis 1. */
    private record Layout(int n, int c, int inner) {
        static Layout batch(String op, Var x, Var gamma, Var beta) {
            int[] s = x.shape();
            if (s.length < 2) {
                throw ShapeErrors.mismatch(op, "an input [N, C, *] with at least 2 dimensions", s);
            }
            for (Var p : new Var[] {gamma, beta}) {
                if (p != null && !p.value().sameShape(s[1])) {
                    throw ShapeErrors.mismatch(op, "affine parameters [" + s[1] + "] for input " + Shapes.str(s),
                            p.shape());
                }
            }
            return new Layout(s[0], s[1], ShapeOps.prod(s, 2, s.length));
        }

        int groupSize() {
            return n * inner;
        }
    }
}
