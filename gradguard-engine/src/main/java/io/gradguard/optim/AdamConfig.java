package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * Hyperparameters of {@code torch.optim.Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
 * amsgrad=False)}. Weight decay is coupled (L2): {@code g += weight_decay * p} before the moments; see
 * {@link AdamWConfig} for the decoupled form.
 */
public record AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements OptimizerConfig {
    public AdamConfig {
        Checks.positive("Adam", "lr", lr);
        Checks.halfOpenUnit("Adam", "betas[0]", beta1);
        Checks.halfOpenUnit("Adam", "betas[1]", beta2);
        Checks.nonNegative("Adam", "eps", eps);
        Checks.nonNegative("Adam", "weight_decay", weightDecay);
    }

    /** PyTorch's defaults: {@code lr=1e-3, betas=(0.9, 0.999), eps=1e-8}. */
    public static AdamConfig defaults() {
        return of(1e-3);
    }

    /** PyTorch's defaults with another learning rate. */
    public static AdamConfig of(double lr) {
        return new AdamConfig(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    @Override
    public Optimizer build(List<Parameter> params) {
        return new Adam(params, this);
    }

    @Override
    public String name() {
        return "adam";
    }
}
