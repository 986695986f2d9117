package io.gradguard.bench;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.LossOps;
import io.gradguard.autograd.Var;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SGD training step of a 784-512-512-10 ReLU MLP on a batch of 128 (MNIST-sized): forward through
 * {@link Sequential}, {@link LossOps#crossEntropy}, {@code backward()}, then {@code w -= lr * g} and zeroing
 * the gradients. About 3 x 2 x 128 x (784x512 + 512x512 + 512x10) = 0.51 GFLOP of GEMM per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class MlpStepBenchmark {
    static final int BATCH = 128;
    static final float LR = 0.01f;

    @State(Scope.Benchmark)
    public static class Model {
        Sequential net;
        List<Parameter> params;
        Var x;
        Tensor labels;

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(7);
            net = new Sequential(new Dense(784, 512, true, rng.fork("fc1")), new ActivationLayer(new Activation.ReLU()),
                    new Dense(512, 512, true, rng.fork("fc2")), new ActivationLayer(new Activation.ReLU()),
                    new Dense(512, 10, true, rng.fork("fc3")));
            params = net.parameters();
            Rng data = rng.fork("data");
            Tensor input = Tensor.zeros(BATCH, 784);
            float[] d = input.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) data.nextDouble();
            }
            x = Var.constant(input);
            labels = Tensor.zeros(BATCH);
            for (int i = 0; i < BATCH; i++) {
                labels.data()[i] = data.nextInt(10);
            }
        }
    }

    @Benchmark
    public float step(Model m) {
        Var loss = LossOps.crossEntropy(m.net.forward(m.x), m.labels);
        loss.backward();
        // A plain in-place SGD update: the optimiser package is being written concurrently, so this loop stands
        // in for optim.SGD(lr=0.01, momentum=0).
        for (Parameter p : m.params) {
            float[] w = p.value().data();
            float[] g = p.grad().data();
            for (int i = 0; i < w.length; i++) {
                w[i] -= LR * g[i];
            }
            p.zeroGrad();
        }
        return loss.item();
    }
}
