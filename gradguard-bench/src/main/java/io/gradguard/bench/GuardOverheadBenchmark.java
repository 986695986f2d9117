package io.gradguard.bench;

import io.gradguard.autograd.Activation;
import io.gradguard.cli.guard.GuardHook;
import io.gradguard.data.Dataset;
import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.GuardSummary;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Sequential;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.LrSchedule;
import io.gradguard.optim.OptimizerConfig;
import io.gradguard.optim.Penalty;
import io.gradguard.optim.SgdConfig;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import io.gradguard.train.Progress;
import io.gradguard.train.StepAction;
import io.gradguard.train.StepContext;
import io.gradguard.train.StepHook;
import io.gradguard.train.TrainConfig;
import io.gradguard.train.TrainResult;
import io.gradguard.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What the gradient guard costs on the step users run: the 784-512-512-10 ReLU MLP of
 * {@link MlpStepBenchmark} at batch 128, trained by the engine's {@link Trainer} with a real optimiser
 * ({@code optimizer}: {@code sgd} = {@link SgdConfig#of SGD(lr=0.01)}, {@code adam} =
 * {@link AdamConfig#defaults() Adam(lr=1e-3)}) on a synthetic data set, with {@code guard}:
 * <ul>
 *   <li>{@code none}: no hook;</li>
 *   <li>{@code default}: {@code new GuardHook(new Guard(GuardConfig.defaults()), FaultPlan.none(), null)}, the
 *       hook the CLI installs, called by the trainer after backward and before the optimiser step;</li>
 *   <li>{@code clip}: the same with {@code GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(1.0))}.</li>
 * </ul>
 * One invocation of {@link #step} is one epoch of {@link #BATCHES} steps through {@link Trainer#fit()} (resumed
 * at the next step number, so the guard sees a growing step count); the score is per step. The hook is
 * wrapped in a timer whose totals are reported as the secondary results {@code hookNanos} and
 * {@code hookCalls}, so the guard's own time per step is measured inside the real step as well as by
 * difference. {@link #paired} runs the three variants by turns in one JVM, for ratios that load from other
 * processes cannot skew (separate forks run minutes apart).
 *
 * <p>Data: 784 features {@code U(0, 1)} (MNIST's pixel range), labels the argmax of a fixed random linear
 * teacher, so the loss falls as in a real run. The guard's summary (incidents, skipped and clipped steps)
 * is printed at the end of each fork: a skipped step would make a guarded run look cheaper than it is.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GuardOverheadBenchmark {
    static final int BATCH = 128;
    static final int BATCHES = 16;

    /** One trainer with its hook (or none): {@code guard} is none, default or clip. */
    static final class Variant {
        final String guard;
        final String optimizer;
        final Trainer trainer;
        final GuardHook hook;
        long step;
        long hookNanos;
        long hookCalls;

        Variant(String guard, String optimizer) {
            this.guard = guard;
            this.optimizer = optimizer;
            Rng rng = new Rng(7);
            Sequential net = new Sequential(new Dense(784, 512, true, rng.fork("fc1")),
                    new ActivationLayer(new Activation.ReLU()), new Dense(512, 512, true, rng.fork("fc2")),
                    new ActivationLayer(new Activation.ReLU()), new Dense(512, 10, true, rng.fork("fc3")));
            OptimizerConfig opt = switch (optimizer) {
                case "sgd" -> SgdConfig.of(0.01);
                case "adam" -> AdamConfig.defaults();
                default -> throw new IllegalArgumentException("optimizer must be sgd or adam, got " + optimizer);
            };
            trainer = new Trainer(net, new Loss.CrossEntropy(), opt.build(net.parameters()), LrSchedule.constant(),
                    Penalty.NONE, data(rng.fork("data")), null,
                    new TrainConfig(1, BATCH, false, 1, 0, TrainConfig.ScheduleInterval.EPOCH), rng.fork("trainer"));
            GuardConfig config = switch (guard) {
                case "none" -> null;
                case "default" -> GuardConfig.defaults();
                case "clip" -> GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(1.0));
                default -> throw new IllegalArgumentException("guard must be none, default or clip, got " + guard);
            };
            hook = config == null ? null : new GuardHook(new Guard(config), FaultPlan.none(), null);
            if (hook != null) {
                // Forwards reportsGradNorm: a plain lambda would say false, and the trainer would then pay
                // for its own norm pass on top of the guard's, which the CLI's trainer never does.
                StepHook timed = new StepHook() {
                    @Override
                    public StepAction afterBackward(StepContext ctx) {
                        long t0 = System.nanoTime();
                        StepAction a = hook.afterBackward(ctx);
                        hookNanos += System.nanoTime() - t0;
                        hookCalls++;
                        return a;
                    }

                    @Override
                    public boolean reportsGradNorm() {
                        return hook.reportsGradNorm();
                    }
                };
                trainer.addHook(timed);
            }
        }

        /** One epoch ({@link #BATCHES} steps), continuing the step count. */
        TrainResult epoch() {
            trainer.resumeFrom(new Progress(0, 0, step, 1.0, 0, 0));
            TrainResult res = trainer.fit();
            step = res.steps();
            return res;
        }

        /** What the guard saw and did: a skipped step would make a guarded run look cheaper than it is. */
        String report() {
            if (hook == null) {
                return String.format("[guard=none, %s] %d steps", optimizer, step);
            }
            GuardSummary s = hook.guard().summary();
            return String.format("[guard=%s, %s] %d steps seen, %d incidents %s, %d skipped, %d clipped", guard,
                    optimizer, s.steps(), s.incidents(), s.byKind(), s.skipped(), s.clipped());
        }
    }

    @State(Scope.Benchmark)
    public static class Run {
        @Param({"none", "default", "clip"})
        public String guard;
        @Param({"sgd", "adam"})
        public String optimizer;

        Variant variant;

        @Setup(Level.Trial)
        public void setUp() {
            variant = new Variant(guard, optimizer);
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.println();
            System.out.println(variant.report());
        }
    }

    /** The guard hook's own time, summed over an iteration (JMH reports both as secondary results). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class HookTime {
        public long hookNanos;
        public long hookCalls;

        @Setup(Level.Iteration)
        public void reset() {
            hookNanos = 0;
            hookCalls = 0;
        }
    }

    /** The three variants in one JVM, run by turns, so that load from other processes hits all alike. */
    @State(Scope.Benchmark)
    public static class Paired {
        @Param({"sgd", "adam"})
        public String optimizer;

        Variant[] variants;
        int round;
        boolean measuring;
        /** Per measured invocation (one epoch of each variant): ms per step of none, default and clip. */
        final List<double[]> rounds = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp() {
            variants = new Variant[] {new Variant("none", optimizer), new Variant("default", optimizer),
                new Variant("clip", optimizer)};
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            measuring = params.getType() == IterationType.MEASUREMENT;
        }

        /**
         * The variants' summaries, then the ratios b/a and c/a of each measured invocation (the three epochs
         * ran back to back, so they share whatever else the machine was doing): median and quartiles over
         * hundreds of rounds, steadier than the per-iteration ratios of the summary table.
         */
        @TearDown(Level.Trial)
        public void report() {
            System.out.println();
            for (Variant v : variants) {
                System.out.println(v.report());
            }
            String[] names = {"default", "clip"};
            for (int k = 1; k <= 2; k++) {
                double[] r = new double[rounds.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = rounds.get(i)[k] / rounds.get(i)[0];
                }
                Arrays.sort(r);
                if (r.length > 0) {
                    System.out.printf(Locale.ROOT, "[paired %s] %s/none per round: median %.4f [q25 %.4f, q75 %.4f] over"
                            + " %d rounds of %d steps each%n", optimizer, names[k - 1], r[r.length / 2], r[r.length / 4],
                            r[3 * r.length / 4], r.length, BATCHES);
                }
            }
        }
    }

    /** Wall time of each variant's epochs within one iteration of {@link #paired}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PairedTime {
        public long noneNanos;
        public long defaultNanos;
        public long clipNanos;
        public long pairedSteps;
        public long defaultHookNanos;
        public long clipHookNanos;

        @Setup(Level.Iteration)
        public void reset() {
            noneNanos = 0;
            defaultNanos = 0;
            clipNanos = 0;
            pairedSteps = 0;
            defaultHookNanos = 0;
            clipHookNanos = 0;
        }

        void add(int variant, long nanos) {
            switch (variant) {
                case 0 -> noneNanos += nanos;
                case 1 -> defaultNanos += nanos;
                default -> clipNanos += nanos;
            }
        }
    }

    static Dataset data(Rng rng) {
        int n = BATCH * BATCHES;
        Tensor x = Tensor.zeros(n, 784);
        float[] xd = x.data();
        for (int i = 0; i < xd.length; i++) {
            xd[i] = (float) rng.nextDouble();
        }
        float[] teacher = Synthetic.uniform(rng.fork("teacher"), 10, 784).data();
        Tensor y = Tensor.zeros(n);
        for (int r = 0; r < n; r++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                double s = 0;
                for (int k = 0; k < 784; k++) {
                    s += (double) teacher[c * 784 + k] * (xd[r * 784 + k] - 0.5);
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            y.data()[r] = best;
        }
        return new Dataset("synthetic-mnist", x, y, 10);
    }

    /** One epoch of one variant; the score is per step. */
    @Benchmark
    @OperationsPerInvocation(BATCHES)
    public TrainResult step(Run r, HookTime t) {
        long n0 = r.variant.hookNanos;
        long c0 = r.variant.hookCalls;
        TrainResult res = r.variant.epoch();
        t.hookNanos += r.variant.hookNanos - n0;
        t.hookCalls += r.variant.hookCalls - c0;
        return res;
    }

    /**
     * One epoch of each variant, in an order that rotates every invocation; the score is the mean step over
     * the three, and the secondary results {@code noneNanos}, {@code defaultNanos}, {@code clipNanos} give
     * each variant's share, from which {@link Summary} takes per-iteration ratios ({@code defaultHookNanos}
     * and {@code clipHookNanos}: the guard hook's part of b and c).
     */
    @Benchmark
    @OperationsPerInvocation(3 * BATCHES)
    public long paired(Paired p, PairedTime t) {
        long steps = 0;
        double[] perStep = new double[3];
        for (int k = 0; k < 3; k++) {
            int i = (p.round + k) % 3;
            long h0 = p.variants[i].hookNanos;
            long t0 = System.nanoTime();
            steps += p.variants[i].epoch().steps();
            long dt = System.nanoTime() - t0;
            perStep[i] = dt / 1e6 / BATCHES;
            t.add(i, dt);
            if (i == 1) {
                t.defaultHookNanos += p.variants[i].hookNanos - h0;
            } else if (i == 2) {
                t.clipHookNanos += p.variants[i].hookNanos - h0;
            }
        }
        t.pairedSteps += BATCHES;
        if (p.measuring) {
            p.rounds.add(perStep);
        }
        p.round++;
        return steps;
    }
}
