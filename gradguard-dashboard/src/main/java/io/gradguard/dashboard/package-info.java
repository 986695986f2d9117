/**
 * The live web dashboard: {@link io.gradguard.dashboard.Dashboard} serves one or more run directories (live
 * while {@code gradguard train --dashboard} writes one, or as replays compared side by side) on the address of
 * a {@link io.gradguard.dashboard.DashboardConfig}, 127.0.0.1 unless told otherwise.
 */
package io.gradguard.dashboard;
