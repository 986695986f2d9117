package io.gradguard.cli.run;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.ConvOps;
import io.gradguard.cli.spec.ActivationSpec;
import io.gradguard.cli.spec.ExampleShape;
import io.gradguard.cli.spec.InitSpec;
import io.gradguard.cli.spec.LayerSpec;
import io.gradguard.cli.spec.ModelShapes;
import io.gradguard.cli.spec.ModelSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.AvgPool2d;
import io.gradguard.nn.BatchNorm1d;
import io.gradguard.nn.BatchNorm2d;
import io.gradguard.nn.Conv2d;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Dropout;
import io.gradguard.nn.Flatten;
import io.gradguard.nn.GRU;
import io.gradguard.nn.GlobalAvgPool2d;
import io.gradguard.nn.LSTM;
import io.gradguard.nn.LastStep;
import io.gradguard.nn.LayerNorm;
import io.gradguard.nn.MaxPool2d;
import io.gradguard.nn.Module;
import io.gradguard.nn.Network;
import io.gradguard.nn.RNN;
import io.gradguard.nn.RecurrentBase;
import io.gradguard.nn.Residual;
import io.gradguard.nn.Sequential;
import io.gradguard.nn.init.FanMode;
import io.gradguard.nn.init.Init;
import io.gradguard.nn.init.Nonlinearity;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Builds the {@link Network} a spec's {@code model} section describes, following the example's shape with
 * {@link ModelShapes#walk} (so a layer that cannot take its input is a spec error naming the layer, its line
 * and both shapes). Parameters are named as PyTorch's {@code state_dict} of the same structure:
 * {@code layers.N.weight}, and inside a residual {@code layers.N.block.M.weight} and
 * {@code layers.N.projection.weight}. A dense or conv layer with {@code activation} takes two indices (the
 * layer, then the activation), as {@code nn.Sequential(nn.Linear(...), nn.ReLU())} would.
 */
public final class ModelFactory {
    private ModelFactory() {
    }

    /** The network and the shape of one example of its output. */
    public record Built(Network network, ExampleShape output) {
        /** The number of output values per example (the width of a vector output). */
        public int outputs() {
            return output.numel();
        }
    }

    /** Builds the model, drawing every initial weight from {@code rng} in layer order. */
    public static Built build(RunSpec spec, Rng rng) {
        ModelSpec m = spec.model();
        Deque<Sequential> open = new ArrayDeque<>();
        open.push(new Sequential());
        ExampleShape out = ModelShapes.walk(m, spec.lines(), new ModelShapes.Visitor() {
            @Override
            public void layer(String path, LayerSpec layer, ExampleShape in, ExampleShape ignored) {
                add(open.peek(), m, layer, in, rng);
            }

            @Override
            public void enterResidual(String path, LayerSpec.Residual residual, ExampleShape in) {
                open.push(new Sequential());
            }

            @Override
            public void exitResidual(String path, LayerSpec.Residual residual, ExampleShape in, ExampleShape o,
                                     ModelShapes.Shortcut shortcut) {
                Sequential block = open.pop();
                Module projection = projection(shortcut, m.init(), rng);
                open.peek().add(projection == null ? new Residual(block) : new Residual(block, projection));
            }
        });
        return new Built(new Network(open.pop()), out);
    }

    private static void add(Sequential seq, ModelSpec m, LayerSpec layer, ExampleShape in, Rng rng) {
        if (layer instanceof LayerSpec.Dense d) {
            Dense dense = new Dense(in.dim(0), d.units(), d.bias(), rng);
            fill(init(m.initOf(d)), dense.weight().value(), rng);
            seq.add(dense);
            addActivation(seq, d.activation());
        } else if (layer instanceof LayerSpec.Conv2d c) {
            Conv2d conv = new Conv2d(in.dim(0), c.outChannels(), ConvOps.Window.of(c.kernelSize(), c.stride(),
                    c.padding()), c.bias(), rng);
            fill(init(m.initOf(c)), conv.weight().value(), rng);
            seq.add(conv);
            addActivation(seq, c.activation());
        } else if (layer instanceof LayerSpec.Act a) {
            seq.add(new ActivationLayer(activation(a.activation())));
        } else if (layer instanceof LayerSpec.MaxPool2d p) {
            seq.add(new MaxPool2d(p.kernelSize(), p.stride(), p.padding()));
        } else if (layer instanceof LayerSpec.AvgPool2d p) {
            seq.add(new AvgPool2d(p.kernelSize(), p.stride(), p.padding()));
        } else if (layer instanceof LayerSpec.GlobalAvgPool) {
            seq.add(new GlobalAvgPool2d());
        } else if (layer instanceof LayerSpec.Flatten) {
            seq.add(new Flatten());
        } else if (layer instanceof LayerSpec.LastStep) {
            seq.add(new LastStep());
        } else if (layer instanceof LayerSpec.Dropout d) {
            seq.add(new Dropout(d.p()));
        } else if (layer instanceof LayerSpec.BatchNorm b) {
            BatchNorm1d.Options o = new BatchNorm1d.Options(b.eps(), new BatchNorm1d.Momentum.Exponential(b.momentum()),
                    b.affine(), b.trackRunningStats());
            seq.add(in.kind() == ExampleShape.Kind.IMAGE ? new BatchNorm2d(in.dim(0), o) : new BatchNorm1d(in.dim(0), o));
        } else if (layer instanceof LayerSpec.LayerNorm n) {
            int[] normalized = in.kind() == ExampleShape.Kind.SEQUENCE ? new int[] {in.last()}
                    : in.dims().stream().mapToInt(Integer::intValue).toArray();
            seq.add(new LayerNorm(normalized, n.eps(), n.elementwiseAffine()));
        } else if (layer instanceof LayerSpec.Recurrent r) {
            seq.add(recurrent(r, in.dim(1), rng));
        } else {
            throw new IllegalStateException("no module for " + layer);
        }
    }

    private static void addActivation(Sequential seq, ActivationSpec a) {
        if (a != null) {
            seq.add(new ActivationLayer(activation(a)));
        }
    }

    private static void fill(Init init, Tensor weight, Rng rng) {
        if (init != null) {
            init.fill(weight, rng);
        }
    }

    /**
     * A recurrent layer with PyTorch's initialisation; with an {@code init}, each {@code [hidden, hidden]}
     * gate block of every {@code weight_hh_l{k}} is then filled by it on its own (so {@code orthogonal} makes
     * every block orthogonal, with spectral radius {@code gain}), as is usual for recurrent weights.
     */
    private static RecurrentBase recurrent(LayerSpec.Recurrent r, int inputSize, Rng rng) {
        RecurrentBase layer;
        if (r instanceof LayerSpec.Rnn rnn) {
            layer = new RNN(inputSize, r.hiddenSize(), r.numLayers(), rnn.nonlinearity(), r.bias(), rng);
        } else if (r instanceof LayerSpec.Lstm) {
            layer = new LSTM(inputSize, r.hiddenSize(), r.numLayers(), r.bias(), rng);
        } else {
            layer = new GRU(inputSize, r.hiddenSize(), r.numLayers(), r.bias(), rng);
        }
        Init init = r.init() == null ? null : init(r.init());
        if (init != null) {
            int h = r.hiddenSize();
            Tensor block = Tensor.zeros(h, h);
            for (int k = 0; k < r.numLayers(); k++) {
                float[] w = layer.weightHh(k).value().data();
                for (int g = 0; g < layer.gateNames().size(); g++) {
                    init.fill(block, rng);
                    System.arraycopy(block.data(), 0, w, g * h * h, h * h);
                }
            }
        }
        return layer;
    }

    /** The module of a projection shortcut (initialised by {@code model.init}), or null for the identity. */
    private static Module projection(ModelShapes.Shortcut s, InitSpec modelInit, Rng rng) {
        if (s instanceof ModelShapes.Shortcut.DenseProjection d) {
            Dense dense = new Dense(d.in(), d.out(), false, rng);
            fill(init(modelInit), dense.weight().value(), rng);
            return dense;
        }
        if (s instanceof ModelShapes.Shortcut.ConvProjection c) {
            Conv2d conv = new Conv2d(c.inChannels(), c.outChannels(), ConvOps.Window.of(1, c.stride(), 0), false, rng);
            fill(init(modelInit), conv.weight().value(), rng);
            return conv;
        }
        return null;
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
