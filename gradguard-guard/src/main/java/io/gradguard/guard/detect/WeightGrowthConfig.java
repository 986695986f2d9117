package io.gradguard.guard.detect;

/**
 * {@code weight_growth}: the total weight norm growing without bound, see {@link WeightGrowth}.
 *
 * @param warmup    the baseline is the first measurement at a step {@code >= warmup}
 * @param maxGrowth reports when the norm exceeds {@code max_growth} times the baseline
 * @param window    ... and rose at each of the last {@code window} measurements
 * @param cooldown  steps of silence after a report
 */
public record WeightGrowthConfig(int warmup, double maxGrowth, int window, int cooldown)
        implements DetectorConfig {
    public static final String NAME = "weight_growth";

    public WeightGrowthConfig {
        Check.atLeast(NAME, "warmup", warmup, 0);
        Check.above(NAME, "max_growth", maxGrowth, 1.0);
        Check.atLeast(NAME, "window", window, 1);
        Check.cooldown(NAME, cooldown);
    }

    public static WeightGrowthConfig defaults() {
        return new WeightGrowthConfig(100, 10.0, 3, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.WEIGHT_GROWTH;
    }

    @Override
    public Detector create() {
        return new WeightGrowth(this);
    }
}
