package io.gradguard.guard.detect;

import java.util.List;

/**
 * A detector's configuration as a spec names it. Each variant is a record whose compact constructor
 * validates its values ({@code norm_spike z_threshold must be > 0, got -1.0}), has a {@code defaults()},
 * and makes a fresh detector with {@link #create()}. Every variant but {@code non_finite} has a
 * {@code cooldown}: after reporting at step {@code s} the detector stays quiet through step
 * {@code s + cooldown} (its statistics keep updating).
 */
public sealed interface DetectorConfig permits NonFiniteConfig, NormSpikeConfig, LossSpikeConfig,
        LossDivergenceConfig, DepthExplosionConfig, RecurrentExplosionConfig, VanishingConfig, DeadUnitsConfig,
        WeightGrowthConfig {

    /** The detector's name in specs and error messages, e.g. {@code norm_spike}. */
    String name();

    /** The kind of incident its detector reports. */
    IncidentKind kind();

    /** A new detector with empty history. */
    Detector create();

    /** Every detector, each with its defaults, in the order a guard should run them (acute ones first). */
    static List<DetectorConfig> defaults() {
        return List.of(NonFiniteConfig.defaults(), NormSpikeConfig.defaults(), LossSpikeConfig.defaults(),
                LossDivergenceConfig.defaults(), DepthExplosionConfig.defaults(),
                RecurrentExplosionConfig.defaults(), VanishingConfig.defaults(), DeadUnitsConfig.defaults(),
                WeightGrowthConfig.defaults());
    }
}
