package io.gradguard.bench;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.Var;
import io.gradguard.data.Dataset;
import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.GuardStep;
import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.clip.ClipResult;
import io.gradguard.guard.clip.Clipper;
import io.gradguard.guard.monitor.Monitor;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.monitor.StepStats;
import io.gradguard.guard.recover.GuardHost;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import io.gradguard.train.GradientNorms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * Where the guard's time goes on the MLP of {@link GuardOverheadBenchmark}: its pieces timed alone on one
 * step's gradients (669,706 floats from a real forward and backward), in microseconds per call.
 * <ul>
 *   <li>{@code guardDefault}, {@code guardClip}: {@code Guard.onStep} with {@code GuardConfig.defaults()} and
 *       with GlobalNorm(1.0) clipping; the host's snapshot (every 50 steps) copies the weights, as the
 *       engine's host does (it also copies the optimiser state, which plain SGD does not have);</li>
 *   <li>{@code monitor}: {@code Monitor.observe} (its weight statistics every 10 calls included), and
 *       {@code monitorGradOnly}: the same without weight statistics (the per-step gradient pass alone);</li>
 *   <li>{@code clipNone}, {@code clipGlobalNorm}: {@code Clipper.clip} with each policy;</li>
 *   <li>{@code trainerNorm}: the engine trainer's {@code GradientNorms.global}, run every step, guard or not;</li>
 *   <li>{@code scan*}: one pass over every gradient with the kernels of {@link ScanKernels}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GuardKernelsBenchmark {

    @State(Scope.Benchmark)
    public static class Step {
        List<Parameter> params;
        List<ParamView> views;
        float[][] grads;
        Guard guardDefault;
        Guard guardClip;
        Monitor monitor;
        Monitor monitorCheap;
        Clipper none;
        Clipper global;
        GuardHost host;
        double loss;
        long step;
        final double[] out = new double[2];

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(7);
            Sequential net = new Sequential(new Dense(784, 512, true, rng.fork("fc1")),
                    new ActivationLayer(new Activation.ReLU()), new Dense(512, 512, true, rng.fork("fc2")),
                    new ActivationLayer(new Activation.ReLU()), new Dense(512, 10, true, rng.fork("fc3")));
            Dataset data = GuardOverheadBenchmark.data(rng.fork("data"));
            int b = GuardOverheadBenchmark.BATCH;
            Tensor x = Tensor.of(Arrays.copyOf(data.features().data(), b * 784), b, 784);
            Tensor y = Tensor.of(Arrays.copyOf(data.targets().data(), b), b);
            Var l = new Loss.CrossEntropy().compute(net.forward(Var.constant(x)), y);
            l.backward();
            loss = l.item();
            params = net.parameters();
            views = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                Parameter p = e.getValue();
                views.add(ParamView.of(e.getKey(), p.shape(), p.value().data(), p.grad().data()));
            }
            grads = views.stream().map(ParamView::grad).toArray(float[][]::new);
            guardDefault = new Guard(GuardConfig.defaults());
            guardClip = new Guard(GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(1.0)));
            monitor = new Monitor(MonitorConfig.defaults());
            monitorCheap = new Monitor(new MonitorConfig(Integer.MAX_VALUE));
            none = new Clipper(new ClipPolicy.None());
            global = new Clipper(new ClipPolicy.GlobalNorm(1.0));
            host = new WeightCopyHost(views);
            checkKernels();
        }

        StepView view() {
            return new StepView(step++, loss, 0.01, views);
        }

        /** The candidate kernels must agree with the current one before their times mean anything. */
        private void checkKernels() {
            double[] ref = new double[2];
            double[] got = new double[2];
            for (float[] g : grads) {
                ScanKernels.current(g, ref);
                for (int k = 0; k < 2; k++) {
                    if (k == 0) {
                        ScanKernels.scalar(g, got);
                    } else {
                        ScanKernels.vector(g, got);
                    }
                    if (Math.abs(got[0] - ref[0]) > 1e-9 * ref[0] || got[1] != ref[1]
                            || Math.abs(ScanKernels.singleChain(g) - ref[0]) > 1e-9 * ref[0]) {
                        throw new IllegalStateException("scan kernel " + k + " gives " + Arrays.toString(got)
                                + ", current gives " + Arrays.toString(ref));
                    }
                }
            }
        }
    }

    /** Snapshots copy every weight into the previous snapshot's arrays, as the engine's host does; nothing else is ever asked on a healthy step. */
    record WeightCopyHost(List<ParamView> views) implements GuardHost {
        @Override
        public void scaleLr(double factor) {
            throw new UnsupportedOperationException("scaleLr");
        }

        @Override
        public void skipBatches(int n) {
            throw new UnsupportedOperationException("skipBatches");
        }

        @Override
        public Object snapshot() {
            return snapshot(null);
        }

        /** Copies into the previous snapshot's arrays, as the engine's host does. */
        @Override
        @SuppressWarnings("unchecked")
        public Object snapshot(Object previous) {
            List<float[]> w = previous == null ? new ArrayList<>() : (List<float[]>) previous;
            for (int i = 0; i < views.size(); i++) {
                float[] src = views.get(i).values();
                if (w.size() <= i) {
                    w.add(new float[src.length]);
                }
                System.arraycopy(src, 0, w.get(i), 0, src.length);
            }
            return w;
        }

        @Override
        public void restore(Object snapshot) {
            throw new UnsupportedOperationException("restore");
        }
    }

    @Benchmark
    public GuardStep guardDefault(Step s) {
        return s.guardDefault.onStep(s.view(), s.host);
    }

    @Benchmark
    public GuardStep guardClip(Step s) {
        return s.guardClip.onStep(s.view(), s.host);
    }

    @Benchmark
    public StepStats monitor(Step s) {
        return s.monitor.observe(s.view());
    }

    /** The monitor without its weight statistics (costly_every so large that only step 0 is costly). */
    @Benchmark
    public StepStats monitorGradOnly(Step s) {
        return s.monitorCheap.observe(s.view());
    }

    @Benchmark
    public ClipResult clipNone(Step s) {
        return s.none.clip(s.views);
    }

    @Benchmark
    public ClipResult clipGlobalNorm(Step s) {
        return s.global.clip(s.views);
    }

    @Benchmark
    public double trainerNorm(Step s) {
        return GradientNorms.global(s.params);
    }

    @Benchmark
    public double scanCurrent(Step s) {
        double t = 0;
        for (float[] g : s.grads) {
            ScanKernels.current(g, s.out);
            t += s.out[0] + s.out[1];
        }
        return t;
    }

    @Benchmark
    public double scanSingleChain(Step s) {
        double t = 0;
        for (float[] g : s.grads) {
            t += ScanKernels.singleChain(g);
        }
        return t;
    }

    @Benchmark
    public double scanScalar(Step s) {
        double t = 0;
        for (float[] g : s.grads) {
            ScanKernels.scalar(g, s.out);
            t += s.out[0] + s.out[1];
        }
        return t;
    }

    @Benchmark
    public double scanVector(Step s) {
        double t = 0;
        for (float[] g : s.grads) {
            ScanKernels.vector(g, s.out);
            t += s.out[0] + s.out[1];
        }
        return t;
    }
}
