/**
 * Per-step gradient statistics: global and per-layer norms, max |g|, NaN/Inf counts, weight norms,
 * update-to-weight ratios, dead-unit fractions, and the first/last layer gradient ratio. The passes run in
 * chunks over the host's {@link io.gradguard.guard.Workers} on {@link io.gradguard.guard.monitor.ScanKernel}
 * (the Vector API when present), which the clippers' L2 norms share. A gradient a host keeps off the Java
 * heap ({@link io.gradguard.guard.ParamView#gradMemory()}, DJL's tensors) is read where it is.
 */
package io.gradguard.guard.monitor;
