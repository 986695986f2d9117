package io.gradguard.guard.detect;

/**
 * {@code dead_units}: a layer whose fraction of units with an all-zero gradient stays high, see
 * {@link DeadUnits}.
 *
 * @param maxFraction dead fraction above which a step counts for that layer
 * @param patience    consecutive such steps before it reports
 * @param cooldown    steps of silence after a report
 */
public record DeadUnitsConfig(double maxFraction, int patience, int cooldown) implements DetectorConfig {
    public static final String NAME = "dead_units";

    public DeadUnitsConfig {
        Check.fraction(NAME, "max_fraction", maxFraction);
        Check.atLeast(NAME, "patience", patience, 1);
        Check.cooldown(NAME, cooldown);
    }

    public static DeadUnitsConfig defaults() {
        return new DeadUnitsConfig(0.5, 50, 20);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.DEAD_UNITS;
    }

    @Override
    public Detector create() {
        return new DeadUnits(this);
    }
}
