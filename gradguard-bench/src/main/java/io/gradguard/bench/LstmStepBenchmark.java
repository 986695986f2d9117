package io.gradguard.bench;

import io.gradguard.autograd.Var;
import io.gradguard.nn.LSTM;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a one-layer {@link LSTM} (PyTorch's {@code nn.LSTM(input, hidden, batch_first=True)})
 * over a whole sequence: forward over {@code T = 100} steps at batch 64, then backpropagation through time
 * from a fixed random gradient on every step's output (as a per-step loss gives), then zeroing the
 * gradients (no optimiser). Hidden size 128; input size 128 by default, equal to the hidden size as in
 * PyTorch's {@code benchmarks/fastrnns} (which uses 512/512 at the same batch and length); {@code -p input=125}
 * gives the input width of Braun's LSTM benchmarks (arXiv:1806.01818, which use hidden 320).
 *
 * <p>FLOPs ({@link #flop}): the forward GEMMs are {@code 2 B T 4H (I + H)}; backward computes dW_ih, dW_hh,
 * dX and the recurrent {@code dA W_hh}, the same again twice, so a step is {@code 6 B T 4H (I + H)}
 * (elementwise gate arithmetic not counted).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class LstmStepBenchmark {
    static final int BATCH = 64;
    static final int STEPS = 100;
    static final int HIDDEN = 128;

    @State(Scope.Benchmark)
    public static class Model {
        @Param({"128"})
        public int input;

        LSTM lstm;
        Var x;
        Tensor seed;

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(13);
            lstm = new LSTM(input, HIDDEN, rng.fork("lstm"));
            x = Var.leaf(Synthetic.uniform(rng.fork("x"), BATCH, STEPS, input), true);
            seed = Synthetic.uniform(rng.fork("dy"), BATCH, STEPS, HIDDEN);
        }
    }

    /** FLOPs of the GEMMs of one step: {@code 6 B T 4H (I + H)}. */
    static double flop(int input) {
        return 6.0 * BATCH * STEPS * 4 * HIDDEN * (input + HIDDEN);
    }

    @Benchmark
    public Tensor step(Model m) {
        Var h = m.lstm.forward(m.x);
        h.backward(m.seed, null);
        Tensor g = m.lstm.weightHh(0).grad();
        m.lstm.zeroGrad();
        m.x.zeroGrad();
        return g;
    }
}
