/**
 * Incident detectors: each watches the monitor's {@link io.gradguard.guard.monitor.StepStats} for one kind of
 * trouble and reports an {@link io.gradguard.guard.detect.Incident} with its evidence. Non-finite values
 * ({@link io.gradguard.guard.detect.NonFinite}), gradient-norm spikes by ZClip's z-score
 * ({@link io.gradguard.guard.detect.NormSpike}), loss spikes and divergence, geometric growth or decay of
 * gradient norms with depth ({@link io.gradguard.guard.detect.DepthProfile}), recurrent weights with spectral
 * radius above 1 ({@link io.gradguard.guard.detect.SpectralEstimate}), dead units and unbounded weight
 * growth. Each has a validated config record in the sealed {@link io.gradguard.guard.detect.DetectorConfig},
 * a cool-down, and a checkpointable state.
 */
package io.gradguard.guard.detect;
