package io.gradguard.cli.spec;

/**
 * The training loop.
 *
 * @param epochs          passes over the training split, >= 1
 * @param batchSize       examples per optimizer step, >= 1 (default 32); the last batch may be smaller
 * @param validationSplit fraction held out for validation, in [0, 1) (default 0)
 * @param shuffle         whether to reshuffle the training split every epoch (default true)
 * @param logEvery        optimizer steps between metrics lines, >= 1 (default 1)
 * @param checkpointEvery epochs between checkpoints, >= 0; 0 writes one only at the end (default 0)
 * @param terminateOnNan  stop after the first applied step with a NaN/Inf loss (Keras's TerminateOnNaN;
 *                        default false); a step the guard skipped does not count
 */
public record TrainingSpec(int epochs, int batchSize, double validationSplit, boolean shuffle, int logEvery,
        int checkpointEvery, boolean terminateOnNan) {
    /** Without {@code terminate_on_nan}. */
    public TrainingSpec(int epochs, int batchSize, double validationSplit, boolean shuffle, int logEvery,
                        int checkpointEvery) {
        this(epochs, batchSize, validationSplit, shuffle, logEvery, checkpointEvery, false);
    }

    public TrainingSpec {
        if (epochs < 1) {
            throw new IllegalArgumentException("TrainingSpec epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("TrainingSpec batch_size must be >= 1, got " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("TrainingSpec validation_split must be in [0, 1), got "
                    + validationSplit);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("TrainingSpec log_every must be >= 1, got " + logEvery);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("TrainingSpec checkpoint_every must be >= 0, got "
                    + checkpointEvery);
        }
    }
}
