package io.gradguard.cli.experiment;

/** What a grid point does for each seed: train a run spec, or compute an analysis without training. */
public sealed interface Task {
    /** A text that changes whenever the task's result could change (part of the resume key). */
    String fingerprint();

    /**
     * Trains {@code yaml} (a complete run spec; its {@code seed} and {@code name} are set per seed) into an
     * ordinary run directory, measuring per-layer gradients on the first {@code probeSteps} steps; with
     * {@code inspect}, first inspects the model at initialisation ({@code gradguard inspect}) and writes
     * {@code inspection.json}.
     */
    record Train(String yaml, int probeSteps, boolean inspect) implements Task {
        public Train {
            if (yaml == null || yaml.isBlank()) {
                throw new IllegalArgumentException("a training task needs a run spec, got none");
            }
            if (probeSteps < 1) {
                throw new IllegalArgumentException("probeSteps must be >= 1, got " + probeSteps);
            }
        }

        @Override
        public String fingerprint() {
            return "train\n" + probeSteps + "\n" + inspect + "\n" + yaml;
        }
    }

    /** An analysis that needs no training run; {@code description} names what it computes and with what. */
    record Compute(String description, Computation computation) implements Task {
        @Override
        public String fingerprint() {
            return "compute\n" + description;
        }
    }

    /** The body of a {@link Compute} task. */
    @FunctionalInterface
    interface Computation {
        void run(long seed, Outcome.Builder out);
    }
}
