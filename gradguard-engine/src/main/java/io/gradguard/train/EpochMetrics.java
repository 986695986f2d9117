package io.gradguard.train;

/**
 * End-of-epoch summary. Accuracies are NaN for regression; validation values are NaN without a
 * validation set.
 */
public record EpochMetrics(int epoch, long step, double trainLoss, double trainAccuracy, double valLoss,
                           double valAccuracy, long skippedSteps, double seconds) {
}
