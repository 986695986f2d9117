package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and (coupled) weight
 * decay, as the algorithm box of {@code torch.optim.SGD}:
 * <pre>
 *   g = grad + weight_decay * p                              (if weight_decay != 0)
 *   if momentum != 0:
 *       buf = g                                              (first step of this parameter)
 *       buf = momentum * buf + (1 - dampening) * g           (later steps)
 *       g   = g + momentum * buf   if nesterov, else   g = buf
 *   p = p - lr * g
 * </pre>
 * State: {@code momentum_buffer} when {@code momentum > 0}, else none. Nesterov momentum follows Sutskever
 * et al., "On the importance of initialization and momentum in deep learning" (2013), in PyTorch's form.
 */
public final class Sgd extends BaseOptimizer {
    private final SgdConfig config;

    public Sgd(List<Parameter> params, SgdConfig config) {
        super("sgd", "SGD", params, config.lr(), config.momentum() != 0 ? List.of("momentum_buffer") : List.of());
        this.config = config;
    }

    public SgdConfig config() {
        return config;
    }

    @Override
    void update(float[] w, float[] g, float[][] s, long t) {
        float lr = (float) lr();
        float wd = (float) config.weightDecay();
        float mom = (float) config.momentum();
        float keep = (float) (1 - config.dampening());
        boolean nesterov = config.nesterov();
        float[] buf = mom != 0f ? s[0] : null;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            if (wd != 0f) {
                gi = gi + wd * w[i];
            }
            if (buf != null) {
                float b = t == 1 ? gi : mom * buf[i] + keep * gi;
                buf[i] = b;
                gi = nesterov ? gi + mom * b : b;
            }
            w[i] = w[i] - lr * gi;
        }
    }

    @Override
    Map<String, Double> hyperparameters() {
        return hyper("momentum", config.momentum(), "dampening", config.dampening(),
                "weight_decay", config.weightDecay(), "nesterov", config.nesterov());
    }
}
