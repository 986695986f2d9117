package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton, Coursera lecture 6.5, 2012; centered form from Graves, "Generating Sequences With
 * Recurrent Neural Networks", 2013), as the algorithm box of {@code torch.optim.RMSprop}:
 * <pre>
 *   g    = grad + weight_decay * p                     (if weight_decay != 0)
 *   v    = alpha * v + (1 - alpha) * g^2               square_avg
 *   gavg = alpha * gavg + (1 - alpha) * g              grad_avg (centered only)
 *   d    = sqrt(v - gavg^2) + eps   if centered, else   d = sqrt(v) + eps
 *   buf  = momentum * buf + g / d;  p = p - lr * buf   momentum_buffer (momentum > 0; starts at 0)
 *   p    = p - lr * g / d                              (momentum = 0)
 * </pre>
 * As in PyTorch, the centered variance {@code v - gavg^2} is not clamped.
 */
public final class Rmsprop extends BaseOptimizer {
    private final RmspropConfig config;

    public Rmsprop(List<Parameter> params, RmspropConfig config) {
        super("rmsprop", "RMSprop", params, config.lr(), keys(config));
        this.config = config;
    }

    private static List<String> keys(RmspropConfig c) {
        List<String> k = new ArrayList<>(List.of("square_avg"));
        if (c.momentum() > 0) {
            k.add("momentum_buffer");
        }
        if (c.centered()) {
            k.add("grad_avg");
        }
        return k;
    }

    public RmspropConfig config() {
        return config;
    }

    @Override
    void update(float[] w, float[] g, float[][] s, long t) {
        float lr = (float) lr();
        float wd = (float) config.weightDecay();
        float a = (float) config.alpha();
        float ca = (float) (1 - config.alpha());
        float e = (float) config.eps();
        float mom = (float) config.momentum();
        float[] v = s[0];
        float[] buf = config.momentum() > 0 ? s[1] : null;
        float[] gavg = config.centered() ? s[s.length - 1] : null;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            if (wd != 0f) {
                gi = gi + wd * w[i];
            }
            float vi = a * v[i] + ca * gi * gi;
            v[i] = vi;
            float d;
            if (gavg != null) {
                float ga = a * gavg[i] + ca * gi;
                gavg[i] = ga;
                d = (float) Math.sqrt(vi - ga * ga) + e;
            } else {
                d = (float) Math.sqrt(vi) + e;
            }
            if (buf != null) {
                float b = mom * buf[i] + gi / d;
                buf[i] = b;
                w[i] = w[i] - lr * b;
            } else {
                w[i] = w[i] - lr * (gi / d);
            }
        }
    }

    @Override
    Map<String, Double> hyperparameters() {
        return hyper("alpha", config.alpha(), "eps", config.eps(), "weight_decay", config.weightDecay(),
                "momentum", config.momentum(), "centered", config.centered());
    }
}
