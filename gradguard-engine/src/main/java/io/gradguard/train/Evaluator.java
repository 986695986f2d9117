package io.gradguard.train;

import io.gradguard.autograd.GradMode;
import io.gradguard.autograd.Var;
import io.gradguard.data.DataLoader.Batch;
import io.gradguard.data.DataLoader;
import io.gradguard.data.Dataset;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Module;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Iterator;

/** Loss and accuracy of a model over a dataset, in eval mode and without recording the graph. */
public final class Evaluator {
    private Evaluator() {
    }

    /** Example-weighted mean loss and accuracy (NaN for regression, and both NaN on an empty set). */
    public record Result(double loss, double accuracy, int examples) {
    }

    public static Result evaluate(Module model, Loss loss, Dataset data, int batchSize) {
        if (data.size() == 0) {
            return new Result(Double.NaN, Double.NaN, 0);
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            DataLoader loader = new DataLoader(data, batchSize, false, false, new Rng(0));
            Iterator<Batch> it = loader.epoch(0);
            while (it.hasNext()) {
                Batch b = it.next();
                Var out = model.forward(Var.constant(b.x()));
                int n = b.x().dim(0);
                lossSum += (double) loss.compute(out, b.y()).item() * n;
                if (loss.classification()) {
                    correct += countCorrect(loss, out.value(), b.y());
                }
            }
        } finally {
            model.train(wasTraining);
        }
        int n = data.size();
        return new Result(lossSum / n, loss.classification() ? (double) correct / n : Double.NaN, n);
    }

    /** Correct predictions in a batch: argmax for cross-entropy, logit > 0 for binary targets. */
    static long countCorrect(Loss loss, Tensor out, Tensor y) {
        float[] o = out.data();
        float[] t = y.data();
        long correct = 0;
        if (loss instanceof Loss.CrossEntropy) {
            int classes = out.dim(1);
            for (int r = 0; r < out.dim(0); r++) {
                int best = 0;
                for (int j = 1; j < classes; j++) {
                    if (o[r * classes + j] > o[r * classes + best]) {
                        best = j;
                    }
                }
                if (best == (int) t[r]) {
                    correct++;
                }
            }
        } else {
            // Binary: one logit per target; an example is correct when every output is on the right side.
            int per = o.length / Math.max(1, out.dim(0));
            for (int r = 0; r < out.dim(0); r++) {
                boolean ok = true;
                for (int j = 0; j < per; j++) {
                    boolean pred = o[r * per + j] > 0f;
                    boolean truth = t[r * per + j] > 0.5f;
                    ok &= pred == truth;
                }
                if (ok) {
                    correct++;
                }
            }
        }
        return correct;
    }
}
