package io.gradguard.guard;

import io.gradguard.guard.clip.ClipResult;
import io.gradguard.guard.monitor.StepStats;
import java.util.List;

/**
 * The guard's account of one step.
 *
 * @param stats     the monitor's statistics, before clipping
 * @param incidents what the detectors found and what was done
 * @param clip      the clipper's result, or null when the step was not applied
 * @param verdict   what the host must do
 */
public record GuardStep(StepStats stats, List<IncidentRecord> incidents, ClipResult clip, Verdict verdict) {
    public GuardStep {
        incidents = List.copyOf(incidents);
    }
}
