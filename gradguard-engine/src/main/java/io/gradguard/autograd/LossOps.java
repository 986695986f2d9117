package io.gradguard.autograd;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/**
 * Losses with mean reduction, and the numerically stable softmax family. Targets are constants
 * (no gradient flows into them), as in PyTorch.
 */
public final class LossOps {
    private LossOps() {
    }

    /** {@code mean((pred - target)^2)}; backward {@code 2 (pred - target) / n}. */
    public static Var mse(Var pred, Tensor target) {
        if (!pred.value().sameShape(target)) {
            throw ShapeErrors.mismatch("mse_loss", "a target of shape " + Shapes.str(pred.shape()), target.shape());
        }
        float[] p = pred.value().data();
        float[] t = target.data();
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = (double) p[i] - t[i];
            s += d * d;
        }
        int n = Math.max(1, p.length);
        return Var.result(Tensor.scalar((float) (s / n)), "mse_loss", g -> {
            if (!pred.requiresGrad()) {
                return;
            }
            float[] gp = pred.gradBuffer().data();
            float c = 2f * g.item() / n;
            for (int i = 0; i < p.length; i++) {
                gp[i] += c * (p[i] - t[i]);
            }
        }, pred);
    }

    /**
     * Binary cross-entropy on logits, {@code mean(max(x,0) - x t + log(1 + e^-|x|))} (the stable form of
     * {@code torch.nn.BCEWithLogitsLoss}); backward {@code (sigmoid(x) - t) / n}.
     */
    public static Var bceWithLogits(Var logits, Tensor target) {
        if (!logits.value().sameShape(target)) {
            throw ShapeErrors.mismatch("bce_with_logits", "a target of shape " + Shapes.str(logits.shape()),
                    target.shape());
        }
        float[] x = logits.value().data();
        float[] t = target.data();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            s += Math.max(xi, 0) - xi * t[i] + Math.log1p(Math.exp(-Math.abs(xi)));
        }
        int n = Math.max(1, x.length);
        Activation.Sigmoid sigmoid = new Activation.Sigmoid();
        return Var.result(Tensor.scalar((float) (s / n)), "bce_with_logits", g -> {
            if (!logits.requiresGrad()) {
                return;
            }
            float[] gx = logits.gradBuffer().data();
            float c = g.item() / n;
            for (int i = 0; i < x.length; i++) {
                gx[i] += c * (sigmoid.apply(x[i]) - t[i]);
            }
        }, logits);
    }

    /**
     * Softmax cross-entropy, {@code mean_i(logsumexp(x_i) - x_i[y_i])} for logits {@code [batch, classes]}
     * and class indices {@code labels [batch]} stored as floats ({@code torch.nn.CrossEntropyLoss});
     * backward {@code (softmax(x) - onehot(y)) / batch}.
     */
    public static Var crossEntropy(Var logits, Tensor labels) {
        ShapeErrors.requireRank("cross_entropy", logits, 2, "logits [batch, classes]");
        int batch = logits.value().dim(0);
        int classes = logits.value().dim(1);
        if (!labels.sameShape(batch)) {
            throw ShapeErrors.mismatch("cross_entropy", "labels [" + batch + "]", labels.shape());
        }
        float[] x = logits.value().data();
        float[] prob = new float[x.length];
        int[] y = new int[batch];
        double total = 0;
        for (int r = 0; r < batch; r++) {
            float lf = labels.data()[r];
            int label = (int) lf;
            if (label != lf || label < 0 || label >= classes) {
                throw new IllegalArgumentException("cross_entropy: label " + lf + " at row " + r
                        + " is not a class index in [0, " + classes + ")");
            }
            y[r] = label;
            double lse = softmaxRow(x, r * classes, classes, prob);
            total += lse - x[r * classes + label];
        }
        int n = Math.max(1, batch);
        return Var.result(Tensor.scalar((float) (total / n)), "cross_entropy", g -> {
            if (!logits.requiresGrad()) {
                return;
            }
            float[] gx = logits.gradBuffer().data();
            float c = g.item() / n;
            for (int r = 0; r < batch; r++) {
                int off = r * classes;
                for (int j = 0; j < classes; j++) {
                    gx[off + j] += c * (prob[off + j] - (j == y[r] ? 1f : 0f));
                }
            }
        }, logits);
    }

    /** Softmax over the last axis, stable (subtracts the row maximum). Backward {@code y (g - sum(g y))}. */
    public static Var softmax(Var x) {
        int cols = lastDim(x, "softmax");
        float[] xd = x.value().data();
        Tensor out = Tensor.zerosLike(x.value());
        float[] yd = out.data();
        for (int off = 0; off < xd.length; off += cols) {
            softmaxRow(xd, off, cols, yd);
        }
        return Var.result(out, "softmax", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int off = 0; off < yd.length; off += cols) {
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    dot += (double) gd[off + j] * yd[off + j];
                }
                for (int j = 0; j < cols; j++) {
                    gx[off + j] += (float) (yd[off + j] * (gd[off + j] - dot));
                }
            }
        }, x);
    }

    /** Log-softmax over the last axis, {@code x - logsumexp(x)}. Backward {@code g - softmax(x) sum(g)}. */
    public static Var logSoftmax(Var x) {
        int cols = lastDim(x, "log_softmax");
        float[] xd = x.value().data();
        Tensor out = Tensor.zerosLike(x.value());
        float[] yd = out.data();
        float[] prob = new float[xd.length];
        for (int off = 0; off < xd.length; off += cols) {
            double lse = softmaxRow(xd, off, cols, prob);
            for (int j = 0; j < cols; j++) {
                yd[off + j] = (float) (xd[off + j] - lse);
            }
        }
        return Var.result(out, "log_softmax", g -> {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gd = g.data();
            float[] gx = x.gradBuffer().data();
            for (int off = 0; off < yd.length; off += cols) {
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += gd[off + j];
                }
                for (int j = 0; j < cols; j++) {
                    gx[off + j] += (float) (gd[off + j] - prob[off + j] * sum);
                }
            }
        }, x);
    }

    /** Writes softmax of {@code x[off, off+n)} into {@code out} and returns log-sum-exp of the row. */
    static double softmaxRow(float[] x, int off, int n, float[] out) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(x[off + j] - max);
            out[off + j] = (float) e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            out[off + j] = (float) (out[off + j] / sum);
        }
        return max + Math.log(sum);
    }

    private static int lastDim(Var x, String op) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] == 0) {
            throw ShapeErrors.mismatch(op, "a tensor with a non-empty last axis", s);
        }
        return s[s.length - 1];
    }
}
