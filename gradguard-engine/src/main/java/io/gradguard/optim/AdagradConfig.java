package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * Hyperparameters of {@code torch.optim.Adagrad(lr=1e-2, lr_decay=0, weight_decay=0,
 * initial_accumulator_value=0, eps=1e-10)}.
 */
public record AdagradConfig(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue,
        double eps) implements OptimizerConfig {
    public AdagradConfig {
        Checks.positive("Adagrad", "lr", lr);
        Checks.nonNegative("Adagrad", "lr_decay", lrDecay);
        Checks.nonNegative("Adagrad", "weight_decay", weightDecay);
        Checks.nonNegative("Adagrad", "initial_accumulator_value", initialAccumulatorValue);
        Checks.nonNegative("Adagrad", "eps", eps);
    }

    /** PyTorch's defaults: {@code lr=1e-2, eps=1e-10}. */
    public static AdagradConfig defaults() {
        return of(1e-2);
    }

    /** PyTorch's defaults with another learning rate. */
    public static AdagradConfig of(double lr) {
        return new AdagradConfig(lr, 0, 0, 0, 1e-10);
    }

    @Override
    public Optimizer build(List<Parameter> params) {
        return new Adagrad(params, this);
    }

    @Override
    public String name() {
        return "adagrad";
    }
}
