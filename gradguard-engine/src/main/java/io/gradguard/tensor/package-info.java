/**
 * Float32 storage and the numeric kernels under it: {@link io.gradguard.tensor.Tensor} (row-major arrays with a
 * shape), {@link io.gradguard.tensor.Rng} (the one seeded RNG), {@link io.gradguard.tensor.Gemm} (BLAS sgemm:
 * packed panels and an FMA micro-kernel on {@code jdk.incubator.vector}, or a plain-Java fallback when that
 * module is absent), {@link io.gradguard.tensor.VectorKernels} (axpy, scale, overflow-safe sum of squares) and
 * {@link io.gradguard.tensor.Parallel} (the small shared thread pool they use). Classes that touch the Vector
 * API ({@code GemmVector}, {@code VectorKernelsSimd}) are loaded reflectively, only when the module is present.
 */
package io.gradguard.tensor;
