package io.gradguard.guard.detect;

/**
 * {@code non_finite}: reports every step whose loss or any gradient holds NaN or Inf. It has no settings and
 * no cool-down: a non-finite step is never safe to apply, so each one is reported.
 */
public record NonFiniteConfig() implements DetectorConfig {
    public static final String NAME = "non_finite";

    public static NonFiniteConfig defaults() {
        return new NonFiniteConfig();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.NON_FINITE;
    }

    @Override
    public Detector create() {
        return new NonFinite();
    }
}
