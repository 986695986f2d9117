/**
 * The side-by-side comparison with other frameworks ({@code gradguard bench --peers}): a {@link
 * io.gradguard.bench.peers.Workload} is one step everybody computes the same way, a {@link
 * io.gradguard.bench.peers.Peer} (found with {@link java.util.ServiceLoader}) sets it up as a {@link
 * io.gradguard.bench.peers.StepRunner}, and {@link io.gradguard.bench.peers.PeerComparison} runs all peers by
 * turns in one process and prints medians, minimums and per-round paired ratios ({@link
 * io.gradguard.bench.peers.PeerReport}). The engine's peer is {@link io.gradguard.bench.EnginePeer}; libtorch
 * (DJL) and DL4J live in {@code gradguard-bench-peers}.
 */
package io.gradguard.bench.peers;
