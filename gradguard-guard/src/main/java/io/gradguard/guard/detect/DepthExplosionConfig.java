package io.gradguard.guard.detect;

/**
 * {@code depth_explosion}: per-layer gradient norms growing geometrically toward the input, see
 * {@link DepthExplosion} and {@link DepthProfile}.
 *
 * @param threshold fitted growth per layer toward the input above which it reports (1.5: ten layers multiply
 *                  the gradient by 1.5^9 = 38)
 * @param minLayers layers the fit needs before the growth rule applies
 * @param minR2     the fit's R^2 must reach this for the growth rule (a clean geometric trend, not noise)
 * @param maxRatio  reports whenever the first layer's norm exceeds {@code max_ratio} times the last's
 * @param cooldown  steps of silence after a report
 */
public record DepthExplosionConfig(double threshold, int minLayers, double minR2, double maxRatio, int cooldown)
        implements DetectorConfig {
    public static final String NAME = "depth_explosion";

    public DepthExplosionConfig {
        Check.above(NAME, "threshold", threshold, 1.0);
        Check.atLeast(NAME, "min_layers", minLayers, 3);
        Check.unit(NAME, "min_r2", minR2);
        Check.above(NAME, "max_ratio", maxRatio, 1.0);
        Check.cooldown(NAME, cooldown);
    }

    public static DepthExplosionConfig defaults() {
        return new DepthExplosionConfig(1.5, 4, 0.7, 1e3, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.DEPTH_EXPLOSION;
    }

    @Override
    public Detector create() {
        return new DepthExplosion(this);
    }
}
