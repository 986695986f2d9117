package io.gradguard.cli.guard;

import io.gradguard.cli.spec.ActivationSpec;
import io.gradguard.cli.spec.InitSpec;
import io.gradguard.cli.spec.LayerSpec;
import io.gradguard.cli.spec.ExampleShape;
import io.gradguard.cli.spec.ModelShapes;
import io.gradguard.cli.spec.ModelSpec;
import io.gradguard.cli.spec.OptimizerSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.ScheduleSpec;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.diagnose.LayerFacts;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.nn.init.Nonlinearity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The diagnoser's {@link ModelFacts} from a run spec. Layers are named by the engine's module paths as
 * {@link io.gradguard.cli.run.ModelFactory} builds them: every unrolled entry is one module of the network's
 * {@code layers} sequence, and a dense layer with an {@code activation} is two ({@code layers.0} the dense,
 * {@code layers.1} its activation). A dense layer's activation is its own, else the activation entry right
 * after it. Layer kinds the spec gains later are kept as modules of their own with their record's name
 * ({@code BatchNorm} -> {@code batchnorm}) and no weight facts.
 */
public final class ModelFactsFactory {
    private ModelFactsFactory() {
    }

    /**
     * The facts of {@code spec} trained on {@code trainSize} examples (which turns a warm-up counted in
     * epochs into optimizer steps).
     */
    public static ModelFacts of(RunSpec spec, int trainSize) {
        ModelFacts f = of(spec);
        ScheduleSpec s = spec.optimizer().schedule();
        if (s.warmup() == 0) {
            return f;
        }
        long perInterval = "step".equals(s.interval()) ? 1
                : Math.max(1, (trainSize + spec.training().batchSize() - 1) / spec.training().batchSize());
        return f.withWarmupSteps(s.warmup() * perInterval);
    }

    /** The facts of {@code spec}; a warm-up counted in epochs is taken as one step per epoch (a lower bound). */
    public static ModelFacts of(RunSpec spec) {
        ModelSpec m = spec.model();
        List<LayerFacts> layers = new ArrayList<>();
        // Walk the spec as ModelFactory builds it: one top-level module per entry, two for a dense or conv2d
        // with an activation, one for a whole residual block (its inner modules are layers.N.block.M).
        ModelShapes.walk(m, spec.lines(), new ModelShapes.Visitor() {
            private int depth;
            private int awaiting = -1;

            @Override
            public void enterResidual(String path, LayerSpec.Residual residual, ExampleShape in) {
                if (depth++ == 0) {
                    layers.add(LayerFacts.plain(name(), "residual", in.numel(), null, 0));
                    awaiting = -1;
                }
            }

            @Override
            public void exitResidual(String path, LayerSpec.Residual residual, ExampleShape in, ExampleShape out,
                                     ModelShapes.Shortcut shortcut) {
                depth--;
            }

            @Override
            public void layer(String path, LayerSpec layer, ExampleShape in, ExampleShape out) {
                if (depth > 0) {
                    return;
                }
                if (layer instanceof LayerSpec.Dense d) {
                    weighted("dense", m.initOf(d), in.numel(), d.units(), d.activation(), out);
                } else if (layer instanceof LayerSpec.Conv2d c) {
                    int k2 = c.kernelSize() * c.kernelSize();
                    weighted("conv2d", m.initOf(c), in.dim(0) * k2, c.outChannels() * k2, c.activation(), out);
                } else if (layer instanceof LayerSpec.Act act) {
                    ActivationSpec a = act.activation();
                    if (awaiting >= 0) {
                        layers.set(awaiting, layers.get(awaiting).withActivation(a.name(), param(a)));
                        awaiting = -1;
                    }
                    layers.add(LayerFacts.plain(name(), "activation", out.numel(), a.name(), param(a)));
                } else if (layer instanceof LayerSpec.Recurrent r) {
                    String kind = r instanceof LayerSpec.Lstm ? "lstm" : r instanceof LayerSpec.Gru ? "gru" : "rnn";
                    String act = r instanceof LayerSpec.Rnn rnn ? rnn.nonlinearity() : "tanh";
                    int fanIn = in.dim(in.dims().size() - 1);
                    // PyTorch's recurrent default: U(-1/sqrt(hidden), 1/sqrt(hidden)), std 1/sqrt(3 hidden).
                    layers.add(new LayerFacts(name(), kind, fanIn, r.hiddenSize(), "default",
                            1 / Math.sqrt(3.0 * r.hiddenSize()), act, 0));
                    awaiting = -1;
                } else {
                    String kind = layer instanceof LayerSpec.BatchNorm ? "batchnorm"
                            : layer instanceof LayerSpec.LayerNorm ? "layernorm"
                            : layer.getClass().getSimpleName().toLowerCase(Locale.ROOT);
                    layers.add(LayerFacts.plain(name(), kind, out.numel(), null, 0));
                    awaiting = -1;
                }
            }

            private void weighted(String kind, InitSpec init, int fanIn, int fanOut, ActivationSpec a, ExampleShape out) {
                layers.add(new LayerFacts(name(), kind, fanIn, fanOut, init.name(), initStd(init, fanIn, fanOut),
                        a == null ? null : a.name(), a == null ? 0 : param(a)));
                awaiting = a == null ? layers.size() - 1 : -1;
                if (a != null) {
                    layers.add(LayerFacts.plain(name(), "activation", out.numel(), a.name(), param(a)));
                }
            }

            private String name() {
                return "layers." + layers.size();
            }
        });
        OptimizerSpec o = spec.optimizer();
        boolean clipping = spec.guard() != null && !(spec.guard().clip() instanceof ClipPolicy.None);
        ScheduleSpec sched = o.schedule();
        return new ModelFacts(layers, o.name(), o.lr(), o.real("weight_decay"), o.regularization().l2(), clipping,
                sched.warmup());
    }

    /** The activation's shape parameter: leaky_relu negative_slope, elu alpha, softplus beta; 0 otherwise. */
    static double param(ActivationSpec a) {
        return switch (a.name()) {
            case "leaky_relu" -> a.param("negative_slope");
            case "elu" -> a.param("alpha");
            case "softplus" -> a.param("beta");
            default -> 0;
        };
    }

    /**
     * The standard deviation {@code init} gives a {@code [fanOut, fanIn]} weight ({@code torch.nn.init}):
     * default {@code 1/sqrt(3 fan_in)} (uniform bound {@code 1/sqrt(fan_in)}); normal {@code std}; uniform
     * {@code (b-a)/sqrt(12)}; Xavier {@code gain sqrt(2/(fan_in+fan_out))} (both variants); Kaiming
     * {@code calculate_gain(nonlinearity, a)/sqrt(fan_mode)} (both variants); LeCun {@code 1/sqrt(fan_in)};
     * orthogonal {@code gain/sqrt(max(fan_in, fan_out))}, the exact root-mean-square entry of a matrix with
     * orthonormal rows or columns; zeros and constant 0.
     */
    static double initStd(InitSpec init, int fanIn, int fanOut) {
        return switch (init.name()) {
            case "default" -> 1 / Math.sqrt(3.0 * fanIn);
            case "zeros", "constant" -> 0;
            case "normal" -> init.real("std");
            case "uniform" -> (init.real("b") - init.real("a")) / Math.sqrt(12);
            case "xavier_normal", "xavier_uniform" -> init.real("gain") * Math.sqrt(2.0 / (fanIn + fanOut));
            case "kaiming_normal", "kaiming_uniform" -> {
                Nonlinearity n = Nonlinearity.valueOf(init.text("nonlinearity").toUpperCase(Locale.ROOT));
                int fan = init.text("mode").equals("fan_in") ? fanIn : fanOut;
                yield n.gain(init.real("a")) / Math.sqrt(fan);
            }
            case "lecun_normal" -> 1 / Math.sqrt(fanIn);
            case "orthogonal" -> init.real("gain") / Math.sqrt(Math.max(fanIn, fanOut));
            default -> Double.NaN;
        };
    }
}
