package io.gradguard.train;

/**
 * How a run ended.
 *
 * @param steps       optimiser steps taken (including skipped ones)
 * @param epochs      epochs completed
 * @param stopped     whether a hook stopped training early
 * @param diverged    whether the final training loss is non-finite
 * @param last        the last epoch's metrics (null if no epoch completed)
 */
public record TrainResult(long steps, int epochs, boolean stopped, boolean diverged, EpochMetrics last,
                          double seconds) {
}
