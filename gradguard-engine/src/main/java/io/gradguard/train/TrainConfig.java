package io.gradguard.train;

/**
 * How to train: epochs, mini-batch size, shuffling, how often to log and checkpoint, and whether the
 * learning-rate schedule advances per optimiser step or per epoch (Lightning's {@code interval}).
 *
 * @param epochs          passes over the training set, >= 1
 * @param batchSize       examples per step, >= 1
 * @param shuffle         reshuffle the training set each epoch (seeded)
 * @param logEvery        steps between {@link TrainListener#onStep} calls that carry metrics, >= 1
 * @param checkpointEvery epochs between checkpoints; 0 writes one only at the end
 * @param interval        what the schedule's {@code t} counts
 * @param terminateOnNan  stop after the first applied step whose loss is NaN or infinite (Keras's
 *                        {@code TerminateOnNaN}): an unguarded run that has diverged trains no further. A step a
 *                        hook skipped (the guard's answer to a NaN) does not count.
 */
public record TrainConfig(int epochs, int batchSize, boolean shuffle, int logEvery, int checkpointEvery,
                          ScheduleInterval interval, boolean terminateOnNan) {
    /** Without {@code terminateOnNan}. */
    public TrainConfig(int epochs, int batchSize, boolean shuffle, int logEvery, int checkpointEvery,
                       ScheduleInterval interval) {
        this(epochs, batchSize, shuffle, logEvery, checkpointEvery, interval, false);
    }

    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("training epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training batch_size must be >= 1, got " + batchSize);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("training log_every must be >= 1, got " + logEvery);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("training checkpoint_every must be >= 0, got " + checkpointEvery);
        }
        if (interval == null) {
            throw new IllegalArgumentException("training schedule interval must be set");
        }
    }

    /** Defaults: shuffle, log every step, checkpoint only at the end, schedule per epoch. */
    public static TrainConfig of(int epochs, int batchSize) {
        return new TrainConfig(epochs, batchSize, true, 1, 0, ScheduleInterval.EPOCH);
    }

    /** Whether a schedule counts optimiser steps or epochs. */
    public enum ScheduleInterval { STEP, EPOCH }
}
