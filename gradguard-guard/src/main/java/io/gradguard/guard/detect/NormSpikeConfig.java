package io.gradguard.guard.detect;

/**
 * {@code norm_spike}: ZClip's z-score rule on the global gradient norm (Kumar et al. 2025, "ZClip: Adaptive
 * Spike Mitigation for LLM Pre-Training"), see {@link NormSpike}.
 *
 * @param alpha      EMA factor of the mean and variance of ln(norm) (ZClip's default 0.97)
 * @param warmup     finite norms collected before the statistics start (ZClip's default 25)
 * @param zThreshold reports when {@code z = (ln g - mu) / sigma > z_threshold}. Default 4, in log space: the
 *                   healthy spirals run peaks at 2.2, an x1e4 fault scores about 10. ZClip clips at 2.5 in
 *                   linear space because clipping a normal step costs little, whereas a report may skip
 *                   the step or roll training back.
 * @param maxRatio   also reports, after warm-up, when {@code g} exceeds {@code max_ratio} times its running
 *                   geometric mean {@code e^mu} (default 1000). Late in training the spread of log norms
 *                   grows (sigma about 2.6 on the spirals run), so z alone misses even x1e4 faults; ordinary
 *                   batches there stay within about 100x the mean (measured peak 100x), faults land at
 *                   1,000x to 250,000x.
 * @param ceiling    also reports when {@code g > ceiling}, from the first step; +Infinity (the default) is off
 * @param cooldown   steps of silence after a report (default 0: every spiking step is reported, so each one
 *                   gets its recovery action; repeated spikes escalate instead)
 */
public record NormSpikeConfig(double alpha, int warmup, double zThreshold, double maxRatio, double ceiling,
                              int cooldown)
        implements DetectorConfig {
    public static final String NAME = "norm_spike";

    public NormSpikeConfig {
        Check.open01(NAME, "alpha", alpha);
        Check.atLeast(NAME, "warmup", warmup, 1);
        Check.positive(NAME, "z_threshold", zThreshold);
        Check.positive(NAME, "max_ratio", maxRatio);
        Check.positive(NAME, "ceiling", ceiling);
        Check.cooldown(NAME, cooldown);
    }

    public static NormSpikeConfig defaults() {
        return new NormSpikeConfig(0.97, 25, 4.0, 1000.0, Double.POSITIVE_INFINITY, 0);
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
