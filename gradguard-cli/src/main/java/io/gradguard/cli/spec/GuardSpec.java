package io.gradguard.cli.spec;

import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.DetectorConfig;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.recover.RecoveryRules;
import java.util.List;

/**
 * The {@code guard:} section: present means the gradient guard watches the run.
 * <pre>
 * guard:
 *   clip: {name: global_norm, max_norm: 1.0}   # none | value | layer_norm | global_norm | autoclip | agc | zclip
 *   detectors: {norm_spike: {z_threshold: 6}, dead_units: false}   # all on by default
 *   recovery: {non_finite: skip_step, loss_spike: {rollback: {skip_batches: 5}}, escalate_after: 3}
 *   monitor: {costly_every: 50}
 *   snapshot_every: 50
 *   trace_limit: 3
 *   inject: "nan@120,spike@300x1e4"            # fault injection, for demos and tests
 * </pre>
 *
 * @param inject fault plan text ({@code --inject} overrides it), empty for none
 */
public record GuardSpec(ClipPolicy clip, List<DetectorConfig> detectors, RecoveryRules recovery, MonitorConfig monitor,
                        int snapshotEvery, int traceLimit, String inject) {
    public GuardSpec {
        detectors = List.copyOf(detectors);
        inject = inject == null ? "" : inject;
    }

    /** The guard with every default (no clipping). */
    public static GuardSpec defaults() {
        GuardConfig d = GuardConfig.defaults();
        return new GuardSpec(d.clip(), d.detectors(), d.recovery(), d.monitor(), d.snapshotEvery(), d.traceLimit(), "");
    }

    public GuardConfig config() {
        return new GuardConfig(monitor, detectors, clip, recovery, snapshotEvery, traceLimit);
    }
}
