package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.Optional;

/**
 * Watches the per-step statistics for one kind of trouble. Detectors keep their own history (moving
 * averages, counters) and must stay quiet on a healthy run. Each one reports at most one incident per step,
 * and after reporting waits its cool-down before reporting the same condition again.
 */
public interface Detector {
    /** Looks at one step; called once per step, in order. */
    Optional<Incident> inspect(StepStats stats, StepView view);

    /** The kind of incident it reports. */
    IncidentKind kind();

    /** Its history, for checkpoints, as JSON-friendly values. */
    default java.util.Map<String, Object> state() {
        return java.util.Map.of();
    }

    /** Restores {@link #state()}. */
    default void restore(java.util.Map<String, Object> state) {
    }
}
