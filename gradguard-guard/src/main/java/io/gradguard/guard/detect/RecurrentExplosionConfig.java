package io.gradguard.guard.detect;

/**
 * {@code recurrent_explosion}: recurrent weights whose spectral radius exceeds a threshold, see
 * {@link RecurrentExplosion}.
 *
 * @param every      steps between checks (each costs O(iterations * H^2) per gate)
 * @param threshold  spectral radius above which it reports (1.0, Pascanu et al. 2013)
 * @param iterations power-iteration steps of {@link SpectralEstimate}
 * @param cooldown   steps of silence after a report
 */
public record RecurrentExplosionConfig(int every, double threshold, int iterations, int cooldown)
        implements DetectorConfig {
    public static final String NAME = "recurrent_explosion";

    public RecurrentExplosionConfig {
        Check.atLeast(NAME, "every", every, 1);
        Check.positiveFinite(NAME, "threshold", threshold);
        Check.atLeast(NAME, "iterations", iterations, 2);
        Check.cooldown(NAME, cooldown);
    }

    public static RecurrentExplosionConfig defaults() {
        return new RecurrentExplosionConfig(50, 1.0, SpectralEstimate.DEFAULT_ITERATIONS, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.RECURRENT_EXPLOSION;
    }

    @Override
    public Detector create() {
        return new RecurrentExplosion(this);
    }
}
