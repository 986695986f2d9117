package io.gradguard.guard;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.recover.Recovery;

/**
 * An incident with what the guard did about it: one line of {@code incidents.jsonl}.
 *
 * @param incident the detector's finding and evidence
 * @param action   the recovery applied (after escalation)
 * @param outcome  what the action did, in words ("step skipped", "rolled back to step 150, skipping 5 batches")
 */
public record IncidentRecord(Incident incident, Recovery action, String outcome) {
}
