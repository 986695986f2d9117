/**
 * What the dashboard knows of a run: {@link io.gradguard.dashboard.data.RunFeed} follows a run directory
 * through {@code RunReader} into a {@link io.gradguard.dashboard.data.RunModel}, whose series share one
 * bounded step grid (min/max buckets that merge as the run grows, so 100,000 steps draw as about 2,000 points
 * with every spike kept); {@link io.gradguard.dashboard.data.DiagnosisLinks} ties incidents to the diagnoses
 * resting on them.
 */
package io.gradguard.dashboard.data;
