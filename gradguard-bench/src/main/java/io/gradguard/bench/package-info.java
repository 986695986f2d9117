/**
 * JMH benchmarks: {@link io.gradguard.bench.GemmBenchmark} (SGEMM throughput, vector and scalar backends,
 * and the naive triple loop for contrast), {@link io.gradguard.bench.MlpStepBenchmark} (one training step of
 * a 784-512-512-10 ReLU MLP), {@link io.gradguard.bench.ConvStepBenchmark} and
 * {@link io.gradguard.bench.LstmStepBenchmark} (forward and backward of a Conv2d and of an LSTM over a
 * sequence), {@link io.gradguard.bench.GuardOverheadBenchmark} (the MLP trained by the engine's trainer
 * without and with the gradient guard) and {@link io.gradguard.bench.GuardKernelsBenchmark} (the guard's
 * pieces alone, beside candidate kernels in {@link io.gradguard.bench.ScanKernels}),
 * {@link io.gradguard.bench.DashboardOverheadBenchmark} (the guarded step with and without a live dashboard
 * and a connected page), and
 * {@link io.gradguard.bench.BenchMain}, which runs them and prints medians, minimums, GFLOP/s against the
 * machine's FP32 peak ({@link io.gradguard.bench.CpuPeak}) and the guard's and the dashboard's overhead ratios; with
 * {@code --peers}, the side-by-side comparison of {@link io.gradguard.bench.peers}, where
 * {@link io.gradguard.bench.EnginePeer} runs these benchmarks' steps.
 */
package io.gradguard.bench;
