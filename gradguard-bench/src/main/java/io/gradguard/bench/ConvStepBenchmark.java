package io.gradguard.bench;

import io.gradguard.autograd.Var;
import io.gradguard.nn.Conv2d;
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
 * Forward and backward of one {@link Conv2d} (3x3 kernel, stride 1, padding 1, with bias) on a batch of 64
 * 32x32 inputs, CIFAR-sized. {@code layer} picks the channels:
 * <ul>
 *   <li>{@code 32-64}: 32 -> 64 channels on a {@code [64, 32, 32, 32]} feature map, the input requiring a
 *       gradient as inside a network, so backward computes dW, db and dX;</li>
 *   <li>{@code 3-32}: the first layer of a CIFAR network, 3 -> 32 channels on {@code [64, 3, 32, 32]} images,
 *       which need no gradient, so backward computes dW and db only.</li>
 * </ul>
 * The upstream gradient is a fixed random tensor of the output's shape; gradients are zeroed after each
 * step (no optimiser). FLOPs ({@link #flop}): forward {@code 2 N OH OW Cout Cin kh kw}, and the same again
 * for each of dW and dX.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class ConvStepBenchmark {
    static final int BATCH = 64;
    static final int SIZE = 32;
    static final int KERNEL = 3;

    @State(Scope.Benchmark)
    public static class Layer {
        /** {@code in-out} channels. */
        @Param({"32-64", "3-32"})
        public String layer;

        Conv2d conv;
        Var x;
        Tensor seed;

        @Setup(Level.Trial)
        public void setUp() {
            int in = in(layer);
            int out = out(layer);
            Rng rng = new Rng(11);
            conv = new Conv2d(in, out, KERNEL, 1, 1, true, rng.fork("conv"));
            x = Var.leaf(Synthetic.uniform(rng.fork("x"), BATCH, in, SIZE, SIZE), in != 3);
            seed = Synthetic.uniform(rng.fork("dy"), BATCH, out, SIZE, SIZE);
        }
    }

    static int in(String layer) {
        return Integer.parseInt(layer.substring(0, layer.indexOf('-')));
    }

    static int out(String layer) {
        return Integer.parseInt(layer.substring(layer.indexOf('-') + 1));
    }

    /** FLOPs of one step of {@code layer}: forward + dW, + dX when the input needs a gradient (not for 3 in). */
    static double flop(String layer) {
        int in = in(layer);
        double fwd = 2.0 * BATCH * SIZE * SIZE * out(layer) * in * KERNEL * KERNEL;
        return in == 3 ? 2 * fwd : 3 * fwd;
    }

    @Benchmark
    public Tensor step(Layer s) {
        Var y = s.conv.forward(s.x);
        y.backward(s.seed, null);
        Tensor g = s.conv.weight().grad();
        s.conv.zeroGrad();
        s.x.zeroGrad();
        return g;
    }
}
