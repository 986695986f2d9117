package io.gradguard.bench.jmh;

import io.gradguard.bench.peers.Peer;
import io.gradguard.bench.peers.PeerComparison;
import io.gradguard.bench.peers.StepRunner;
import io.gradguard.bench.peers.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peers' steps under JMH, one fork per {@code peer} x {@code workload}: the same {@link StepRunner}s that
 * {@code gradguard bench --peers} runs side by side (the engine's are its own JMH benchmarks' steps), so the
 * figures can be reproduced with JMH's forks, warm-up and statistics. Forks run back to back, minutes apart:
 * on a shared machine, prefer the side-by-side ratios. The forked JVMs get libtorch's thread settings here;
 * {@code OPENBLAS_CORETYPE} is inherited from the environment JMH was started in.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g", "-Dai.djl.offline=true",
    "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error"})
public class PeerStepBenchmark {
    @State(Scope.Benchmark)
    public static class Step {
        @Param({"engine", "libtorch", "dl4j"})
        public String peer;
        @Param({"mlp", "conv", "lstm"})
        public String workload;

        StepRunner runner;

        @Setup(Level.Trial)
        public void setUp() {
            Peer p = PeerComparison.peers().stream().filter(x -> x.name().equals(peer)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no peer '" + peer + "' on the class path"));
            runner = p.open(Workload.of(workload));
            if (runner.stepsPerCall() != 1) {
                throw new IllegalArgumentException(workload + " runs " + runner.stepsPerCall()
                        + " steps per call; this benchmark times single steps (mlp, conv, lstm)");
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            runner.close();
        }
    }

    /** One step; the score is ms per step. */
    @Benchmark
    public double step(Step s) {
        return s.runner.run();
    }
}
