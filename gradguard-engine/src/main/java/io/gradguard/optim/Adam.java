package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015) and AdamW (Loshchilov and Hutter,
 * "Decoupled Weight Decay Regularization", 2019), as the algorithm boxes of {@code torch.optim.Adam} and
 * {@code torch.optim.AdamW}, with the step t of each parameter starting at 1:
 * <pre>
 *   p = p * (1 - lr * weight_decay)                    (AdamW only: decoupled decay)
 *   g = grad + weight_decay * p                        (Adam only: coupled decay, if weight_decay != 0)
 *   m = beta1 * m + (1 - beta1) * g                    exp_avg
 *   v = beta2 * v + (1 - beta2) * g^2                  exp_avg_sq
 *   vmax = max(vmax, v)                                max_exp_avg_sq (amsgrad only; v below means vmax)
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * The last line is PyTorch's implementation of {@code m_hat / (sqrt(v_hat) + eps)}; with amsgrad the maximum
 * is kept of the raw second moment and bias-corrected with the current t, as PyTorch's code does.
 */
public final class Adam extends BaseOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /** Adam with coupled (L2) weight decay. */
    public Adam(List<Parameter> params, AdamConfig c) {
        this(params, "adam", "Adam", c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), c.amsgrad(), false);
    }

    /** AdamW: decoupled weight decay. */
    public Adam(List<Parameter> params, AdamWConfig c) {
        this(params, "adamw", "AdamW", c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), c.amsgrad(), true);
    }

    private Adam(List<Parameter> params, String name, String displayName, double lr, double beta1, double beta2,
            double eps, double weightDecay, boolean amsgrad, boolean decoupled) {
        super(name, displayName, params, lr, amsgrad
                ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
                : List.of("exp_avg", "exp_avg_sq"));
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    /** Whether weight decay is decoupled (AdamW). */
    public boolean decoupled() {
        return decoupled;
    }

    @Override
    void update(float[] w, float[] g, float[][] s, long t) {
        float[] m = s[0];
        float[] v = s[1];
        float[] vmax = amsgrad ? s[2] : null;
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr() / (1 - Math.pow(beta1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float e = (float) eps;
        float decay = decoupled ? (float) (1 - lr() * weightDecay) : 1f;
        float l2 = decoupled ? 0f : (float) weightDecay;
        for (int i = 0; i < w.length; i++) {
            float wi = w[i];
            if (decay != 1f) {
                wi = wi * decay;
            }
            float gi = g[i];
            if (l2 != 0f) {
                gi = gi + l2 * wi;
            }
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            if (vmax != null) {
                vi = Math.max(vmax[i], vi);
                vmax[i] = vi;
            }
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + e;
            w[i] = wi - stepSize * (mi / denom);
        }
    }

    @Override
    Map<String, Double> hyperparameters() {
        return hyper("beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay, "amsgrad", amsgrad);
    }
}
