package io.gradguard.cli.run;

import io.gradguard.autograd.Activation;
import io.gradguard.cli.spec.ActivationSpec;
import io.gradguard.cli.spec.InitSpec;
import io.gradguard.cli.spec.LayerSpec;
import io.gradguard.cli.spec.ModelSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.nn.init.FanMode;
import io.gradguard.nn.init.Init;
import io.gradguard.nn.init.Nonlinearity;
import io.gradguard.tensor.Rng;
import java.util.Locale;

/** Builds the {@link Network} a spec's {@code model} section describes. */
public final class ModelFactory {
    private ModelFactory() {
    }

    /** The network and the width of its output. */
    public record Built(Network network, int outputs) {
    }

    public static Built build(RunSpec spec, Rng rng) {
        ModelSpec m = spec.model();
        Sequential seq = new Sequential();
        int width = m.input();
        for (ModelSpec.PlacedLayer placed : m.unrolled()) {
            try {
                if (placed.layer() instanceof LayerSpec.Dense d) {
                    Dense dense = new Dense(width, d.units(), d.bias(), rng);
                    InitSpec init = m.initOf(d);
                    Init weightInit = init(init);
                    if (weightInit != null) {
                        weightInit.fill(dense.weight().value(), rng);
                    }
                    seq.add(dense);
                    width = d.units();
                    if (d.activation() != null) {
                        seq.add(new ActivationLayer(activation(d.activation())));
                    }
                } else if (placed.layer() instanceof LayerSpec.Act a) {
                    seq.add(new ActivationLayer(activation(a.activation())));
                } else {
                    throw new IllegalStateException("unrolled() left " + placed.layer());
                }
            } catch (IllegalArgumentException e) {
                throw spec.errorAt(placed.path(), e.getMessage());
            }
        }
        return new Built(new Network(seq), width);
    }

    /** The engine activation for a spec activation (params already defaulted and range-checked). */
    public static Activation activation(ActivationSpec a) {
        return switch (a.name()) {
            case "identity" -> new Activation.Identity();
            case "sigmoid" -> new Activation.Sigmoid();
            case "tanh" -> new Activation.Tanh();
            case "relu" -> new Activation.ReLU();
            case "leaky_relu" -> new Activation.LeakyReLU((float) a.param("negative_slope"));
            case "elu" -> new Activation.ELU((float) a.param("alpha"));
            case "gelu" -> new Activation.GELU();
            case "selu" -> new Activation.SELU();
            case "softplus" -> new Activation.Softplus((float) a.param("beta"), (float) a.param("threshold"));
            default -> throw new IllegalArgumentException("unknown activation '" + a.name() + "'");
        };
    }

    /** The engine initialiser, or null for {@code default} (keep the layer's PyTorch default). */
    public static Init init(InitSpec s) {
        return switch (s.name()) {
            case "default" -> null;
            case "zeros" -> new Init.Zeros();
            case "constant" -> new Init.Constant(s.real("value"));
            case "normal" -> new Init.Normal(s.real("mean"), s.real("std"));
            case "uniform" -> new Init.Uniform(s.real("a"), s.real("b"));
            case "xavier_normal" -> new Init.XavierNormal(s.real("gain"));
            case "xavier_uniform" -> new Init.XavierUniform(s.real("gain"));
            case "kaiming_normal" -> new Init.KaimingNormal(s.real("a"), fanMode(s), nonlinearity(s));
            case "kaiming_uniform" -> new Init.KaimingUniform(s.real("a"), fanMode(s), nonlinearity(s));
            case "lecun_normal" -> new Init.LecunNormal();
            case "orthogonal" -> new Init.Orthogonal(s.real("gain"));
            default -> throw new IllegalArgumentException("unknown initializer '" + s.name() + "'");
        };
    }

    private static FanMode fanMode(InitSpec s) {
        return FanMode.valueOf(s.text("mode").toUpperCase(Locale.ROOT));
    }

    private static Nonlinearity nonlinearity(InitSpec s) {
        return Nonlinearity.valueOf(s.text("nonlinearity").toUpperCase(Locale.ROOT));
    }
}
