package io.gradguard.guard.detect;

/**
 * {@code norm_spike}: ZClip's z-score rule on the global gradient norm (Kumar et al. 2025, "ZClip: Adaptive
 * Spike Mitigation for LLM Pre-Training"), see {@link NormSpike}.
 *
 * @param alpha      EMA factor of the norm's mean and variance (ZClip's default 0.97)
 * @param warmup     finite norms collected before the statistics start (ZClip's default 25)
 * @param zThreshold reports when {@code z = (g - mu) / sigma > z_threshold}. Default 6, not ZClip's 2.5:
 *                   ZClip clips at 2.5 because clipping a normal step only shortens it a little, whereas a
 *                   report may skip the step or roll training back. For Gaussian noise z > 2.5 happens once
 *                   every ~160 steps (P = 6e-3), z > 6 once in ~1e9; the spikes ZClip's paper shows before
 *                   loss blow-ups stand tens of sigma above the mean, so 6 still catches them.
 * @param ceiling    also reports when {@code g > ceiling}, from the first step; +Infinity (the default) is off
 * @param cooldown   steps of silence after a report
 */
public record NormSpikeConfig(double alpha, int warmup, double zThreshold, double ceiling, int cooldown)
        implements DetectorConfig {
    public static final String NAME = "norm_spike";

    public NormSpikeConfig {
        Check.open01(NAME, "alpha", alpha);
        Check.atLeast(NAME, "warmup", warmup, 1);
        Check.positive(NAME, "z_threshold", zThreshold);
        Check.positive(NAME, "ceiling", ceiling);
        Check.cooldown(NAME, cooldown);
    }

    public static NormSpikeConfig defaults() {
        return new NormSpikeConfig(0.97, 25, 6.0, Double.POSITIVE_INFINITY, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.GRAD_NORM_SPIKE;
    }

    @Override
    public Detector create() {
        return new NormSpike(this);
    }
}
