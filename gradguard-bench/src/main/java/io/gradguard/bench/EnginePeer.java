package io.gradguard.bench;

import io.gradguard.bench.peers.Peer;
import io.gradguard.bench.peers.StepRunner;
import io.gradguard.bench.peers.Workload;
import io.gradguard.tensor.Gemm;
import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Parallel;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The engine as a {@link Peer}: each workload runs exactly the code of its JMH benchmark, so the figures of
 * {@code --peers} and of {@code --mlp}, {@code --conv}, {@code --lstm} and {@code --guard} are of one step.
 * <ul>
 *   <li>{@code mlp}: {@link MlpStepBenchmark#step} (cross-entropy, backward, {@code w -= 0.01 g}, zero grads);</li>
 *   <li>{@code conv}: {@link ConvStepBenchmark#step} with {@code layer = 32-64};</li>
 *   <li>{@code lstm}: {@link LstmStepBenchmark#step} with {@code input = 128};</li>
 *   <li>{@code mlp-trainer} / {@code mlp-guarded}: {@link GuardOverheadBenchmark}'s variants {@code none} and
 *       {@code default} with {@code SGD(lr=0.01)}: the {@code Trainer}, 16 batches per call.</li>
 * </ul>
 */
public final class EnginePeer implements Peer {
    @Override
    public String name() {
        return "engine";
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public String settings() {
        return "GradGuard engine " + version() + ": GEMM " + Gemm.implementation() + ", " + Parallel.threads()
                + " threads (gradguard.threads; default = available processors)";
    }

    @Override
    public StepRunner open(Workload workload) {
        return switch (workload) {
            case MLP -> {
                MlpStepBenchmark.Model m = new MlpStepBenchmark.Model();
                m.setUp();
                MlpStepBenchmark b = new MlpStepBenchmark();
                yield runner(() -> b.step(m), m.params);
            }
            case CONV -> {
                ConvStepBenchmark.Layer l = new ConvStepBenchmark.Layer();
                l.layer = "32-64";
                l.setUp();
                ConvStepBenchmark b = new ConvStepBenchmark();
                yield runner(() -> {
                    b.step(l);
                    return Double.NaN;
                }, l.conv.parameters());
            }
            case LSTM -> {
                LstmStepBenchmark.Model m = new LstmStepBenchmark.Model();
                m.input = 128;
                m.setUp();
                LstmStepBenchmark b = new LstmStepBenchmark();
                yield runner(() -> {
                    b.step(m);
                    return Double.NaN;
                }, m.lstm.parameters());
            }
            case MLP_TRAINER, MLP_GUARDED -> trainer(workload == Workload.MLP_GUARDED ? "default" : "none");
        };
    }

    private static StepRunner runner(DoubleSupplier step, List<Parameter> params) {
        long n = params.stream().mapToLong(p -> p.value().numel()).sum();
        return new StepRunner() {
            @Override
            public double run() {
                return step.getAsDouble();
            }

            @Override
            public long parameters() {
                return n;
            }
        };
    }

    private static StepRunner trainer(String guard) {
        GuardOverheadBenchmark.Variant v = new GuardOverheadBenchmark.Variant(guard, "sgd");
        long n = v.trainer.model().parameters().stream().mapToLong(p -> p.value().numel()).sum();
        return new StepRunner() {
            @Override
            public double run() {
                return v.epoch().last().trainLoss();
            }

            @Override
            public long parameters() {
                return n;
            }

            @Override
            public int stepsPerCall() {
                return GuardOverheadBenchmark.BATCHES;
            }
        };
    }

    private static String version() {
        String v = EnginePeer.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
