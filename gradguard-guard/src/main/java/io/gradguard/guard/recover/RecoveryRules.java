package io.gradguard.guard.recover;

import io.gradguard.guard.detect.IncidentKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which {@link Recovery} each incident kind gets, and when repeated trouble escalates: if acute incidents
 * (NaN/Inf, spikes) call for an action {@code escalateAfter} times within {@code window} steps, the next
 * one gets the next more drastic action (skip -> rollback -> rollback with the learning rate halved ->
 * halt). A lone spike is skipped; a run that keeps producing them is rolled back, then slowed down, then
 * stopped with a report instead of burning compute.
 *
 * @param rules         the action per kind (kinds not listed: proceed and log)
 * @param escalateAfter acute incidents within {@code window} before escalating, >= 1
 * @param window        steps, >= 1
 * @param maxRollbacks  rollbacks (with lr reductions) before halting, >= 0
 */
public record RecoveryRules(Map<IncidentKind, Recovery> rules, int escalateAfter, int window, int maxRollbacks) {
    public RecoveryRules {
        // Proceed is what an absent kind gets: drop explicit ones so equal rules compare equal.
        Map<IncidentKind, Recovery> m = new EnumMap<>(IncidentKind.class);
        rules.forEach((k, r) -> {
            if (!(r instanceof Recovery.Proceed)) {
                m.put(k, r);
            }
        });
        rules = Map.copyOf(m);
        if (escalateAfter < 1) {
            throw new IllegalArgumentException("recovery escalate_after must be >= 1, got " + escalateAfter);
        }
        if (window < 1) {
            throw new IllegalArgumentException("recovery window must be >= 1, got " + window);
        }
        if (maxRollbacks < 0) {
            throw new IllegalArgumentException("recovery max_rollbacks must be >= 0, got " + maxRollbacks);
        }
    }

    /**
     * Defaults: NaN/Inf and gradient-norm spikes skip the step, loss spikes roll back and skip 5 batches,
     * divergence rolls back with the learning rate halved; the chronic kinds (depth explosion, vanishing,
     * dead units, weight growth, recurrent explosion) are logged and diagnosed. Escalate after 3 acute
     * incidents in 50 steps; halt after 5 rollbacks.
     */
    public static RecoveryRules defaults() {
        Map<IncidentKind, Recovery> m = new EnumMap<>(IncidentKind.class);
        m.put(IncidentKind.NON_FINITE, new Recovery.SkipStep());
        m.put(IncidentKind.GRAD_NORM_SPIKE, new Recovery.SkipStep());
        m.put(IncidentKind.LOSS_SPIKE, new Recovery.Rollback(5, false, 1.0));
        m.put(IncidentKind.LOSS_DIVERGENCE, new Recovery.Rollback(0, false, 0.5));
        return new RecoveryRules(m, 3, 50, 5);
    }

    public Recovery forKind(IncidentKind kind) {
        return rules.getOrDefault(kind, new Recovery.Proceed());
    }

    /** A copy with {@code kind} mapped to {@code r}. */
    public RecoveryRules with(IncidentKind kind, Recovery r) {
        Map<IncidentKind, Recovery> m = new EnumMap<>(IncidentKind.class);
        m.putAll(rules);
        m.put(kind, r);
        return new RecoveryRules(m, escalateAfter, window, maxRollbacks);
    }
}
