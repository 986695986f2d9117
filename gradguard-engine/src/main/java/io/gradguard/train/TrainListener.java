package io.gradguard.train;

/** Observes training (progress bar, metrics recorder, dashboard). Never changes it: that is a {@link StepHook}. */
public interface TrainListener {
    default void onStart(TrainInfo info) {
    }

    /** Called every {@code log_every} steps and on steps a hook did not let through. */
    default void onStep(StepMetrics metrics) {
    }

    default void onEpochEnd(EpochMetrics metrics) {
    }

    default void onEnd(TrainResult result) {
    }

    /** What the run is about to do. */
    record TrainInfo(int epochs, int startEpoch, long startStep, int batchesPerEpoch, int trainSize,
                     int validationSize, long parameterCount) {
        public long totalSteps() {
            return (long) epochs * batchesPerEpoch;
        }
    }
}
