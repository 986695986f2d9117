package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 2011), as the algorithm box of {@code torch.optim.Adagrad}, with t starting at 1:
 * <pre>
 *   clr = lr / (1 + (t - 1) * lr_decay)
 *   g   = grad + weight_decay * p                      (if weight_decay != 0)
 *   sum = sum + g^2                                    sum (starts at initial_accumulator_value)
 *   p   = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 */
public final class Adagrad extends BaseOptimizer {
    private final AdagradConfig config;

    public Adagrad(List<Parameter> params, AdagradConfig config) {
        super("adagrad", "Adagrad", params, config.lr(), List.of("sum"));
        this.config = config;
    }

    public AdagradConfig config() {
        return config;
    }

    @Override
    float initialValue(String key) {
        return (float) config.initialAccumulatorValue();
    }

    @Override
    void update(float[] w, float[] g, float[][] s, long t) {
        float clr = (float) (lr() / (1 + (t - 1) * config.lrDecay()));
        float wd = (float) config.weightDecay();
        float e = (float) config.eps();
        float[] sum = s[0];
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            if (wd != 0f) {
                gi = gi + wd * w[i];
            }
            float si = sum[i] + gi * gi;
            sum[i] = si;
            w[i] = w[i] - clr * (gi / ((float) Math.sqrt(si) + e));
        }
    }

    @Override
    Map<String, Double> hyperparameters() {
        return hyper("lr_decay", config.lrDecay(), "weight_decay", config.weightDecay(),
                "initial_accumulator_value", config.initialAccumulatorValue(), "eps", config.eps());
    }
}
