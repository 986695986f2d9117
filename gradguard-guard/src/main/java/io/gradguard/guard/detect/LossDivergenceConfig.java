package io.gradguard.guard.detect;

/**
 * {@code loss_divergence}: the smoothed loss rising for a long stretch, see {@link LossDivergence}.
 *
 * @param alpha       EMA factor of the smoothed loss (0.95: a time constant of 20 steps)
 * @param patience    steps since the EMA's last low before a rise counts
 * @param minIncrease rise above that low relative to {@code max(|low|, top - low)} (top: the highest EMA before the
 *                    low); 0.5 is half the progress given back, or +50% when there was no progress
 * @param cooldown    steps of silence after a report
 */
public record LossDivergenceConfig(double alpha, int patience, double minIncrease, int cooldown)
        implements DetectorConfig {
    public static final String NAME = "loss_divergence";

    public LossDivergenceConfig {
        Check.open01(NAME, "alpha", alpha);
        Check.atLeast(NAME, "patience", patience, 1);
        Check.positiveFinite(NAME, "min_increase", minIncrease);
        Check.cooldown(NAME, cooldown);
    }

    public static LossDivergenceConfig defaults() {
        return new LossDivergenceConfig(0.95, 50, 0.5, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.LOSS_DIVERGENCE;
    }

    @Override
    public Detector create() {
        return new LossDivergence(this);
    }
}
