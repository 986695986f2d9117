package io.gradguard.cli.spec;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code model.layers}. Names, params and defaults are PyTorch's ({@code torch.nn}); which
 * shapes each layer takes and makes is {@link ModelShapes}' business.
 */
public sealed interface LayerSpec {

    /**
     * A fully connected layer, {@code y = x W^T + b} ({@code torch.nn.Linear}), optionally followed by an
     * activation.
     *
     * @param activation applied after the layer, or {@code null} for none
     * @param init       the weight initializer, or {@code null} to use {@code model.init}
     */
    record Dense(int units, boolean bias, ActivationSpec activation, InitSpec init) implements LayerSpec {
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("Dense units must be > 0, got " + units);
            }
        }

        /** {@code dense: units}: a biased layer, no activation, the model's initializer. */
        public Dense(int units) {
            this(units, true, null, null);
        }
    }

    /** An activation as a layer of its own ({@code - relu}, {@code - leaky_relu: {negative_slope: 0.1}}). */
    record Act(ActivationSpec activation) implements LayerSpec {
        public Act {
            Objects.requireNonNull(activation, "activation");
        }
    }

    /** {@code layers} repeated {@code times} times in a row; unrolled when the model is built. */
    record Repeat(int times, List<LayerSpec> layers) implements LayerSpec {
        public Repeat {
            if (times < 1) {
                throw new IllegalArgumentException("Repeat times must be >= 1, got " + times);
            }
            if (layers == null || layers.isEmpty()) {
                throw new IllegalArgumentException("Repeat layers must not be empty");
            }
            layers = List.copyOf(layers);
        }
    }

    /**
     * Batch normalisation (Ioffe and Szegedy 2015): {@code BatchNorm1d} after a vector, {@code BatchNorm2d}
     * after an image, chosen by the shape flowing in. Defaults {@code eps=1e-5, momentum=0.1, affine=True,
     * track_running_stats=True}.
     */
    record BatchNorm(double eps, double momentum, boolean affine, boolean trackRunningStats) implements LayerSpec {
        public static final BatchNorm DEFAULT = new BatchNorm(1e-5, 0.1, true, true);

        public BatchNorm {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("BatchNorm eps must be finite and >= 0, got " + eps);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1], got " + momentum);
            }
        }
    }

    /**
     * Layer normalisation (Ba, Kiros and Hinton 2016) over each example's features: all of a vector, the
     * last dimension of a sequence (per step), all of {@code [C, H, W]} of an image. Defaults {@code eps=1e-5,
     * elementwise_affine=True}.
     */
    record LayerNorm(double eps, boolean elementwiseAffine) implements LayerSpec {
        public static final LayerNorm DEFAULT = new LayerNorm(1e-5, true);

        public LayerNorm {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("LayerNorm eps must be finite and >= 0, got " + eps);
            }
        }
    }

    /** Inverted dropout ({@code torch.nn.Dropout}, default {@code p=0.5}): {@code 0 <= p < 1}. */
    record Dropout(double p) implements LayerSpec {
        public Dropout {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("Dropout p must be in [0, 1), got " + p);
            }
        }
    }

    /**
     * A 2-D convolution ({@code torch.nn.Conv2d}) with a square kernel and the same stride and padding on
     * both axes; {@code in_channels} comes from the image flowing in.
     *
     * @param activation applied after the layer, or {@code null} for none
     * @param init       the weight initializer, or {@code null} to use {@code model.init}
     */
    record Conv2d(int outChannels, int kernelSize, int stride, int padding, boolean bias, ActivationSpec activation,
                  InitSpec init) implements LayerSpec {
        public Conv2d {
            positive("Conv2d out_channels", outChannels);
            positive("Conv2d kernel_size", kernelSize);
            positive("Conv2d stride", stride);
            if (padding < 0) {
                throw new IllegalArgumentException("Conv2d padding must be >= 0, got " + padding);
            }
        }
    }

    /**
     * Max pooling ({@code torch.nn.MaxPool2d}, {@code ceil_mode=False}); {@code stride} defaults to
     * {@code kernel_size} when the spec is read.
     */
    record MaxPool2d(int kernelSize, int stride, int padding) implements LayerSpec {
        public MaxPool2d {
            checkPool("MaxPool2d", kernelSize, stride, padding);
        }
    }

    /** Average pooling ({@code torch.nn.AvgPool2d}, {@code count_include_pad=True}); as {@link MaxPool2d}. */
    record AvgPool2d(int kernelSize, int stride, int padding) implements LayerSpec {
        public AvgPool2d {
            checkPool("AvgPool2d", kernelSize, stride, padding);
        }
    }

    /** {@code [C, H, W] -> [C]}: each channel's mean ({@code AdaptiveAvgPool2d(1)} then {@code Flatten}). */
    record GlobalAvgPool() implements LayerSpec {
    }

    /** Any shape to a vector of its {@code numel} values ({@code torch.nn.Flatten}). */
    record Flatten() implements LayerSpec {
    }

    /** Whether a residual connection projects its shortcut. */
    enum Projection {
        /** Only when the block changes the shape (the default). */
        AUTO,
        /** Always, even when the shape is kept ({@code projection: true}). */
        ALWAYS,
        /** Never: a block that changes the shape is an error ({@code projection: false}). */
        NEVER
    }

    /**
     * {@code y = x + block(x)}, or {@code y = W_s x + block(x)} with a projection (He et al. 2016): a
     * bias-free dense layer for vectors, a bias-free 1x1 convolution (strided to match the block's output
     * size) for images. The block is built as its own {@code Sequential}, so its parameters read
     * {@code layers.N.block.M.weight} and the projection's {@code layers.N.projection.weight}.
     */
    record Residual(Projection projection, List<LayerSpec> layers) implements LayerSpec {
        public Residual {
            Objects.requireNonNull(projection, "projection");
            if (layers == null || layers.isEmpty()) {
                throw new IllegalArgumentException("Residual layers must not be empty");
            }
            layers = List.copyOf(layers);
        }
    }

    /**
     * A stacked recurrent layer over a sequence {@code [T, F] -> [T, hidden_size]} (PyTorch's, with
     * {@code batch_first=True}).
     */
    sealed interface Recurrent extends LayerSpec {
        int hiddenSize();

        int numLayers();

        boolean bias();

        /**
         * The initializer of each {@code [hidden, hidden]} gate block of every {@code weight_hh_l{k}}, or
         * {@code null} to keep PyTorch's {@code U(-1/sqrt(hidden), 1/sqrt(hidden))} on every parameter.
         * {@code model.init} does not apply to recurrent layers.
         */
        InitSpec init();
    }

    /** An Elman RNN ({@code torch.nn.RNN}); {@code nonlinearity} is {@code tanh} or {@code relu}. */
    record Rnn(int hiddenSize, int numLayers, String nonlinearity, boolean bias, InitSpec init) implements Recurrent {
        public static final List<String> NONLINEARITIES = List.of("tanh", "relu");

        public Rnn {
            checkRecurrent("Rnn", hiddenSize, numLayers);
            if (!NONLINEARITIES.contains(nonlinearity)) {
                throw new IllegalArgumentException("Rnn nonlinearity must be one of " + NONLINEARITIES + ", got '"
                        + nonlinearity + "'");
            }
        }
    }

    /** An LSTM ({@code torch.nn.LSTM}, no projections). */
    record Lstm(int hiddenSize, int numLayers, boolean bias, InitSpec init) implements Recurrent {
        public Lstm {
            checkRecurrent("Lstm", hiddenSize, numLayers);
        }
    }

    /** A GRU ({@code torch.nn.GRU}). */
    record Gru(int hiddenSize, int numLayers, boolean bias, InitSpec init) implements Recurrent {
        public Gru {
            checkRecurrent("Gru", hiddenSize, numLayers);
        }
    }

    /** {@code [T, H] -> [H]}: the last step of a sequence ({@code out[:, -1, :]}). */
    record LastStep() implements LayerSpec {
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    private static void checkPool(String type, int kernelSize, int stride, int padding) {
        positive(type + " kernel_size", kernelSize);
        positive(type + " stride", stride);
        if (padding < 0 || 2 * padding > kernelSize) {
            throw new IllegalArgumentException(type + " padding must be in 0..kernel_size/2 (PyTorch's rule), got "
                    + padding + " with kernel_size " + kernelSize);
        }
    }

    private static void checkRecurrent(String type, int hiddenSize, int numLayers) {
        positive(type + " hidden_size", hiddenSize);
        if (numLayers < 1) {
            throw new IllegalArgumentException(type + " num_layers must be >= 1, got " + numLayers);
        }
    }
}
