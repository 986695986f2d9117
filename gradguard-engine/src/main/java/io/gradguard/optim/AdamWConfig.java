package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * Hyperparameters of {@code torch.optim.AdamW(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
 * amsgrad=False)}. Weight decay is decoupled (Loshchilov and Hutter, "Decoupled Weight Decay
 * Regularization", 2019): {@code p *= 1 - lr * weight_decay} before the Adam update, the gradient untouched.
 */
public record AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements OptimizerConfig {
    public AdamWConfig {
        Checks.positive("AdamW", "lr", lr);
        Checks.halfOpenUnit("AdamW", "betas[0]", beta1);
        Checks.halfOpenUnit("AdamW", "betas[1]", beta2);
        Checks.nonNegative("AdamW", "eps", eps);
        Checks.nonNegative("AdamW", "weight_decay", weightDecay);
    }

    /** PyTorch's defaults: {@code lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2}. */
    public static AdamWConfig defaults() {
        return of(1e-3);
    }

    /** PyTorch's defaults with another learning rate. */
    public static AdamWConfig of(double lr) {
        return new AdamWConfig(lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    @Override
    public Optimizer build(List<Parameter> params) {
        return new Adam(params, this);
    }

    @Override
    public String name() {
        return "adamw";
    }
}
