package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.List;

/**
 * An optimiser's immutable hyperparameters, with {@code torch.optim}'s names (in camelCase) and defaults.
 * Each record validates in its constructor and quotes the bad value.
 */
public sealed interface OptimizerConfig permits SgdConfig, AdamConfig, AdamWConfig, RmspropConfig, AdagradConfig {
    /** A fresh optimiser over {@code params} (non-empty, unique names). */
    Optimizer build(List<Parameter> params);

    /** The initial learning rate. */
    double lr();

    /** The optimiser's name, as {@link Optimizer#name()}. */
    String name();
}
