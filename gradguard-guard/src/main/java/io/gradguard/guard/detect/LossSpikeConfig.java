package io.gradguard.guard.detect;

/**
 * {@code loss_spike}: the loss far above its moving average, see {@link LossSpike}.
 *
 * @param alpha      EMA factor of the mean and variance of ln(loss) (0.9: about the last 10 steps)
 * @param warmup     finite losses collected before the statistics start
 * @param factor     the loss must exceed {@code factor} times its running geometric mean
 * @param zThreshold and its logarithm stand more than {@code z_threshold} moving standard deviations above
 *                   the mean of ln(loss) (default 4; the healthy spirals run peaks at 2.3)
 * @param cooldown   steps of silence after a report (default 0: every spiking step is reported, so each one
 *                   gets its recovery action; repeated spikes escalate instead)
 */
public record LossSpikeConfig(double alpha, int warmup, double factor, double zThreshold, int cooldown)
        implements DetectorConfig {
    public static final String NAME = "loss_spike";

    public LossSpikeConfig {
        Check.open01(NAME, "alpha", alpha);
        Check.atLeast(NAME, "warmup", warmup, 1);
        Check.above(NAME, "factor", factor, 1.0);
        Check.positive(NAME, "z_threshold", zThreshold);
        Check.cooldown(NAME, cooldown);
    }

    public static LossSpikeConfig defaults() {
        return new LossSpikeConfig(0.9, 20, 3.0, 4.0, 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.LOSS_SPIKE;
    }

    @Override
    public Detector create() {
        return new LossSpike(this);
    }
}
