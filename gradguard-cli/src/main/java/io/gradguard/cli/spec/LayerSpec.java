package io.gradguard.cli.spec;

import java.util.List;

/** One entry of {@code model.layers}: a dense layer, an activation, or a block repeated in place. */
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
            java.util.Objects.requireNonNull(activation, "activation");
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
}
