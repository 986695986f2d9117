/**
 * JMH benchmarks: {@link io.gradguard.bench.GemmBenchmark} (SGEMM throughput, vector and scalar backends,
 * and the naive triple loop for contrast), {@link io.gradguard.bench.MlpStepBenchmark} (one training step of
 * a 784-512-512-10 ReLU MLP), and {@link io.gradguard.bench.BenchMain}, which runs them and prints GFLOP/s
 * against the machine's FP32 peak ({@link io.gradguard.bench.CpuPeak}).
 */
package io.gradguard.bench;
