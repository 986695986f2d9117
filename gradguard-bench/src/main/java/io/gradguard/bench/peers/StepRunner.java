package io.gradguard.bench.peers;

/**
 * One peer's set-up for one {@link Workload}: weights, inputs and buffers made once, then {@link #run()}
 * called repeatedly. Closing releases native memory.
 */
public interface StepRunner extends AutoCloseable {
    /**
     * Runs {@link #stepsPerCall()} complete steps of the workload and returns the last step's loss, or NaN when
     * the workload has no loss (conv, lstm). The loss is read back from the framework, so the step has finished
     * when this returns.
     */
    double run();

    /**
     * Trainable values (weights and biases) in the model, read before the first step: equal across peers when
     * they build the same layers.
     */
    long parameters();

    /** Steps per {@link #run()} call; times are divided by it. */
    default int stepsPerCall() {
        return 1;
    }

    @Override
    default void close() {
    }
}
