/**
 * Per-step gradient statistics: global and per-layer norms, max |g|, NaN/Inf counts, weight norms,
 * update-to-weight ratios, dead-unit fractions, and the first/last layer gradient ratio.
 */
package io.gradguard.guard.monitor;
