package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * Hyperparameters of {@code torch.optim.SGD(lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)}.
 * PyTorch's rule applies: Nesterov momentum requires {@code momentum > 0} and {@code dampening = 0}.
 * Dampening is further required to lie in {@code [0, 1]} (PyTorch does not check it).
 */
public record SgdConfig(double lr, double momentum, double dampening, double weightDecay, boolean nesterov)
        implements OptimizerConfig {
    public SgdConfig {
        Checks.positive("SGD", "lr", lr);
        Checks.nonNegative("SGD", "momentum", momentum);
        Checks.closedUnit("SGD", "dampening", dampening);
        Checks.nonNegative("SGD", "weight_decay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD nesterov requires momentum > 0 and dampening = 0, got momentum="
                    + momentum + ", dampening=" + dampening);
        }
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static SgdConfig of(double lr) {
        return new SgdConfig(lr, 0, 0, 0, false);
    }

    /** SGD with (heavy-ball) momentum and no dampening. */
    public static SgdConfig withMomentum(double lr, double momentum) {
        return new SgdConfig(lr, momentum, 0, 0, false);
    }

    @Override
    public Optimizer build(List<Parameter> params) {
        return new Sgd(params, this);
    }

    @Override
    public String name() {
        return "sgd";
    }
}
