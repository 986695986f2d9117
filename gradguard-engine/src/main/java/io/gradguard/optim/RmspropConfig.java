package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * Hyperparameters of {@code torch.optim.RMSprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
 * centered=False)}. {@code alpha} is the smoothing constant of the running mean of squared gradients.
 */
public record RmspropConfig(double lr, double alpha, double eps, double weightDecay, double momentum,
        boolean centered) implements OptimizerConfig {
    public RmspropConfig {
        Checks.positive("RMSprop", "lr", lr);
        Checks.halfOpenUnit("RMSprop", "alpha", alpha);
        Checks.nonNegative("RMSprop", "eps", eps);
        Checks.nonNegative("RMSprop", "weight_decay", weightDecay);
        Checks.nonNegative("RMSprop", "momentum", momentum);
    }

    /** PyTorch's defaults: {@code lr=1e-2, alpha=0.99, eps=1e-8}. */
    public static RmspropConfig defaults() {
        return of(1e-2);
    }

    /** PyTorch's defaults with another learning rate. */
    public static RmspropConfig of(double lr) {
        return new RmspropConfig(lr, 0.99, 1e-8, 0, 0, false);
    }

    @Override
    public Optimizer build(List<Parameter> params) {
        return new Rmsprop(params, this);
    }

    @Override
    public String name() {
        return "rmsprop";
    }
}
