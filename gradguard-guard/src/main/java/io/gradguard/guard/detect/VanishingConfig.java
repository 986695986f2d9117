package io.gradguard.guard.detect;

/**
 * {@code vanishing}: first-layer gradients a tiny fraction of the last layer's, step after step, see
 * {@link Vanishing}.
 *
 * @param minRatio   first/last gradient-norm ratio below which a step counts
 * @param patience   consecutive such steps before it reports
 * @param layerDecay a step also counts when the fitted per-layer growth toward the input is below
 *                   {@code 1 / layer_decay} (2.0: norms halve or worse at every layer)
 * @param minLayers  layers the fit needs before the decay rule applies
 * @param minR2      R^2 the fit needs for the decay rule
 * @param cooldown   steps of silence after a report
 */
public record VanishingConfig(double minRatio, int patience, double layerDecay, int minLayers, double minR2,
                              int cooldown) implements DetectorConfig {
    public static final String NAME = "vanishing";

    public VanishingConfig {
        Check.open01(NAME, "min_ratio", minRatio);
        Check.atLeast(NAME, "patience", patience, 1);
        Check.above(NAME, "layer_decay", layerDecay, 1.0);
        Check.atLeast(NAME, "min_layers", minLayers, 3);
        Check.unit(NAME, "min_r2", minR2);
        Check.cooldown(NAME, cooldown);
    }

    public static VanishingConfig defaults() {
        return new VanishingConfig(1e-3, 20, 2.0, 4, 0.7, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.VANISHING;
    }

    @Override
    public Detector create() {
        return new Vanishing(this);
    }
}
