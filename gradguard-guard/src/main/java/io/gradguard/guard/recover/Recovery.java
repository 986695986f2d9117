package io.gradguard.guard.recover;

/**
 * What the guard does about an incident. When several incidents in one step call for different actions,
 * the most severe wins ({@link #severity()}).
 */
public sealed interface Recovery {
    /** Higher is more drastic. */
    int severity();

    /** The spec name ({@code skip_step}). */
    String id();

    /** Log the incident and carry on (clipping, if configured, still applies). */
    record Proceed() implements Recovery {
        public int severity() {
            return 0;
        }

        public String id() {
            return "proceed";
        }
    }

    /** Multiply the learning rate by {@code factor} from now on, and apply this step (clipped). */
    record ReduceLr(double factor) implements Recovery {
        public ReduceLr {
            if (!(factor > 0) || !(factor < 1)) {
                throw new IllegalArgumentException("reduce_lr factor must be in (0, 1), got " + factor);
            }
        }

        public int severity() {
            return 1;
        }

        public String id() {
            return "reduce_lr";
        }
    }

    /** Discard this step's gradients: no optimiser update. */
    record SkipStep() implements Recovery {
        public int severity() {
            return 2;
        }

        public String id() {
            return "skip_step";
        }
    }

    /**
     * Restore the last known-good weights and optimiser state (the in-memory snapshot, or the latest
     * checkpoint on disk), skip the next {@code skipBatches} batches (PaLM's remedy for loss spikes,
     * Chowdhery et al. 2022, section 5.1), and optionally scale the learning rate by {@code lrFactor}.
     */
    record Rollback(int skipBatches, boolean fromDisk, double lrFactor) implements Recovery {
        public Rollback {
            if (skipBatches < 0) {
                throw new IllegalArgumentException("rollback skip_batches must be >= 0, got " + skipBatches);
            }
            if (!(lrFactor > 0) || lrFactor > 1) {
                throw new IllegalArgumentException("rollback lr_factor must be in (0, 1], got " + lrFactor);
            }
        }

        public int severity() {
            return 3;
        }

        public String id() {
            return "rollback";
        }
    }

    /** Stop training and write the report. */
    record Halt() implements Recovery {
        public int severity() {
            return 4;
        }

        public String id() {
            return "halt";
        }
    }
}
