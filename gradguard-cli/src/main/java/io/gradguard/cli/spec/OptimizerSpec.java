package io.gradguard.cli.spec;

import java.util.Map;
import java.util.Objects;

/**
 * An optimizer of {@code torch.optim} with PyTorch's names, defaults and update rules:
 * <ul>
 *   <li>{@code sgd(lr required, momentum=0, dampening=0, weight_decay=0, nesterov=false)};
 *   <li>{@code adam(lr=1e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=0, amsgrad=false)} (Kingma and Ba
 *       2015);
 *   <li>{@code adamw(lr=1e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=1e-2, amsgrad=false)} (Loshchilov
 *       and Hutter 2019);
 *   <li>{@code rmsprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=false)};
 *   <li>{@code adagrad(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)}.
 * </ul>
 *
 * @param params every param but {@code lr}, defaults filled ({@code betas} is a {@code List<Double>})
 */
public record OptimizerSpec(String name, double lr, Map<String, Object> params, ScheduleSpec schedule,
        RegularizationSpec regularization) implements HasParams {
    public OptimizerSpec {
        params = Catalog.OPTIMIZERS.check("OptimizerSpec", name, params);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("OptimizerSpec " + name + " lr must be > 0, got " + lr);
        }
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(regularization, "regularization");
    }

    /** {@code name} at {@code lr}, other params at their defaults, constant schedule, no regularization. */
    public static OptimizerSpec of(String name, double lr) {
        if (!Catalog.OPTIMIZERS.members().containsKey(name)) {
            throw new IllegalArgumentException("OptimizerSpec name must be one of "
                    + Catalog.OPTIMIZERS.members().keySet() + ", got '" + name + "'");
        }
        return new OptimizerSpec(name, lr, Catalog.OPTIMIZERS.defaults(name), ScheduleSpec.CONSTANT,
                RegularizationSpec.NONE);
    }
}
