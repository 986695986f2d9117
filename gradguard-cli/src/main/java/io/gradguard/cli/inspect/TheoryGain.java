package io.gradguard.cli.inspect;

import io.gradguard.autograd.Activation;
import io.gradguard.guard.diagnose.LayerFacts;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Conv2d;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Flatten;
import io.gradguard.nn.LastStep;
import io.gradguard.nn.Module;
import io.gradguard.nn.RecurrentBase;
import io.gradguard.tensor.Tensor;
import java.util.List;

/**
 * The backward gain an initialisation predicts between two consecutive modules with parameters, {@code l}
 * and its successor {@code n}: {@code dL/dz_l = D_l W_n^T dL/dz_n}, and for {@code W_n} with {@code n_in}
 * inputs per output and entries of standard deviation {@code s}, {@code ||W_n^T g||^2 ~ n_in s^2 ||g||^2}
 * (He et al. 2015, section 2.2, the backward case), while the activation's derivative {@code D_l} scales
 * the norm by {@code sqrt(1/2)} for ReLU (half the units pass), {@code sqrt((1 + a^2)/2)} for leaky ReLU,
 * at most {@code 1/4} for sigmoid (the seeds' bound) and about 1 for tanh at small weights and no
 * activation:
 * <pre>
 *   ReLU:  s sqrt(n_in / 2)        tanh, linear:  s sqrt(n_in)        sigmoid:  0.25 s sqrt(n_in)
 * </pre>
 * the formulas of the guard's diagnosis ({@code diagnose.Gains}, package-private, so restated here). The
 * std {@code s} is the spec's ({@link LayerFacts#initStd()}) when the facts describe the module (same
 * kind and fans), else the root-mean-square of the weight as initialised. A recurrent {@code l} has no
 * activation factor (its derivative acts inside the recurrence). NaN when {@code n} is not a dense or
 * convolution layer (batch norm, residual blocks and recurrent layers have no such formula here), or when
 * a module other than an activation, flatten or last-step sits between them (pooling and dropout change the
 * norm in ways not modelled here).
 */
final class TheoryGain {
    private TheoryGain() {
    }

    static double between(List<Module> top, int l, int n, ModelFacts facts) {
        Module next = top.get(n);
        Tensor w;
        String kind;
        if (next instanceof Dense d) {
            w = d.weight().value();
            kind = "dense";
        } else if (next instanceof Conv2d c) {
            w = c.weight().value();
            kind = "conv2d";
        } else {
            return Double.NaN;
        }
        int fanIn = w.numel() / w.dim(0);
        int fanOut = next instanceof Dense d ? d.outFeatures() : w.numel() / w.dim(1);
        double std = declaredStd(facts, next.path(), kind, fanIn, fanOut);
        if (Double.isNaN(std)) {
            std = rms(w);
        }
        double factor = 1;
        for (int i = l + 1; i < n; i++) {
            Module between = top.get(i);
            if (between instanceof ActivationLayer a) {
                factor *= top.get(l) instanceof RecurrentBase ? Double.NaN : factor(a.activation());
            } else if (!(between instanceof Flatten || between instanceof LastStep)) {
                return Double.NaN; // pooling, dropout: their effect on the norm is not modelled here
            }
        }
        return std * Math.sqrt(fanIn) * factor;
    }

    /** The activation's factor on the backward norm. */
    static double factor(Activation a) {
        return switch (a.name()) {
            case "relu", "gelu", "elu", "softplus" -> Math.sqrt(0.5);
            case "leaky_relu" -> {
                double s = ((Activation.LeakyReLU) a).negativeSlope();
                yield Math.sqrt((1 + s * s) / 2);
            }
            case "sigmoid" -> 0.25;
            default -> 1;
        };
    }

    private static double declaredStd(ModelFacts facts, String path, String kind, int fanIn, int fanOut) {
        LayerFacts f = facts == null ? null : facts.layer(path);
        if (f == null || !f.kind().equals(kind) || f.fanIn() != fanIn || f.fanOut() != fanOut) {
            return Double.NaN;
        }
        return f.initStd();
    }

    private static double rms(Tensor w) {
        double s = 0;
        for (float v : w.data()) {
            s += (double) v * v;
        }
        return Math.sqrt(s / w.numel());
    }
}
