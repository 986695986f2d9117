package io.gradguard.guard;

import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.DetectorConfig;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.recover.RecoveryRules;
import java.util.List;

/**
 * How the guard watches and acts (the run spec's {@code guard:} section).
 *
 * @param monitor       statistics frequency
 * @param detectors     which detectors run, with their thresholds
 * @param clip          the clipping policy applied to every step that goes ahead
 * @param recovery      the action per incident kind, with escalation
 * @param snapshotEvery healthy steps between in-memory last-known-good snapshots, >= 1
 * @param traceLimit    how many non-finite incidents get an anomaly re-run naming the op (each re-runs one
 *                      step), >= 0
 */
public record GuardConfig(MonitorConfig monitor, List<DetectorConfig> detectors, ClipPolicy clip,
                          RecoveryRules recovery, int snapshotEvery, int traceLimit) {
    public GuardConfig {
        detectors = List.copyOf(detectors);
        if (monitor == null || clip == null || recovery == null) {
            throw new IllegalArgumentException("guard monitor, clip and recovery must be set");
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("guard snapshot_every must be >= 1, got " + snapshotEvery);
        }
        if (traceLimit < 0) {
            throw new IllegalArgumentException("guard trace_limit must be >= 0, got " + traceLimit);
        }
    }

    /** Every detector with its defaults, no clipping, the default recovery rules, a snapshot every 50 steps. */
    public static GuardConfig defaults() {
        return new GuardConfig(MonitorConfig.defaults(), DetectorConfig.defaults(), new ClipPolicy.None(),
                RecoveryRules.defaults(), 50, 3);
    }

    public GuardConfig withClip(ClipPolicy policy) {
        return new GuardConfig(monitor, detectors, policy, recovery, snapshotEvery, traceLimit);
    }

    public GuardConfig withRecovery(RecoveryRules rules) {
        return new GuardConfig(monitor, detectors, clip, rules, snapshotEvery, traceLimit);
    }

    public GuardConfig withDetectors(List<DetectorConfig> list) {
        return new GuardConfig(monitor, list, clip, recovery, snapshotEvery, traceLimit);
    }
}
