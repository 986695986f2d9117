package io.gradguard.guard.recover;

/**
 * What a training framework lets the guard do beyond changing gradients. The engine's trainer and the
 * DJL listener each implement it.
 */
public interface GuardHost {
    /** Multiplies the learning rate by {@code factor} in (0, 1] from the next step on. */
    void scaleLr(double factor);

    /** Skips the next {@code n} batches without training on them. */
    void skipBatches(int n);

    /** Copies the weights and optimiser state into an in-memory snapshot (the last known-good state). */
    Object snapshot();

    /**
     * As {@link #snapshot()}, but may copy into {@code previous} (the last snapshot this host returned, which
     * the guard is replacing, or null) instead of allocating: on the 784-512-512-10 MLP with Adam a snapshot
     * is 8 MB, taken every {@code snapshot_every} healthy steps.
     */
    default Object snapshot(Object previous) {
        return snapshot();
    }

    /** Restores a snapshot from {@link #snapshot()}. */
    void restore(Object snapshot);

    /** Restores the latest checkpoint on disk; false when there is none. */
    default boolean restoreFromDisk() {
        return false;
    }

    /**
     * Re-runs the step with anomaly tracing to name the first op and layer whose output or gradient was
     * non-finite ({@code "forward: op 'linear' in layer 'layers.4'"}), or null when the host cannot.
     */
    default String traceNonFinite() {
        return null;
    }

    /**
     * The threads the guard may use for its passes over the gradients and weights between backward and the
     * optimiser step: the engine lends its kernel pool; by default everything runs on the calling thread.
     */
    default io.gradguard.guard.Workers workers() {
        return io.gradguard.guard.Workers.SERIAL;
    }

    /** A host that can do nothing beyond gradients: rollback and lr changes are refused. */
    GuardHost NONE = new GuardHost() {
        public void scaleLr(double factor) {
            throw new UnsupportedOperationException("this host cannot change the learning rate");
        }

        public void skipBatches(int n) {
            throw new UnsupportedOperationException("this host cannot skip batches");
        }

        public Object snapshot() {
            return null;
        }

        public void restore(Object snapshot) {
            throw new UnsupportedOperationException("this host cannot restore a snapshot");
        }
    };
}
