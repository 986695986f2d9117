/** JMH benchmark of the peers' steps ({@link io.gradguard.bench.jmh.PeerStepBenchmark}). */
package io.gradguard.bench.jmh;
