package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network: the shape of one input example, the default weight initializer, and the layers in order.
 *
 * @param inputShape a vector {@code [F]} ({@code input: 2}), a sequence {@code [T, F]} or an image
 *                   {@code [C, H, W]} ({@code input: [1, 16, 16]})
 * @param init       the initializer of every dense and conv layer that names none ({@link InitSpec#DEFAULT}:
 *                   PyTorch's)
 */
public record ModelSpec(ExampleShape inputShape, InitSpec init, List<LayerSpec> layers) {
    public ModelSpec {
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(init, "init");
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("ModelSpec layers must not be empty");
        }
        layers = List.copyOf(layers);
    }

    /** A model over vectors of {@code input} features. */
    public ModelSpec(int input, InitSpec init, List<LayerSpec> layers) {
        this(vector(input), init, layers);
    }

    private static ExampleShape vector(int input) {
        if (input <= 0) {
            throw new IllegalArgumentException("ModelSpec input must be > 0, got " + input);
        }
        return ExampleShape.of(input);
    }

    /**
     * The number of input values per example: the features of a vector input, {@code T * F} of a sequence,
     * {@code C * H * W} of an image.
     */
    public int input() {
        return inputShape.numel();
    }

    /** A layer after unrolling, with the spec path it was written at. */
    public record PlacedLayer(String path, LayerSpec layer) {
    }

    /**
     * The top-level layers with every {@link LayerSpec.Repeat} unrolled, in order; each carries the spec path
     * of its entry ({@code model.layers[4].repeat.layers[0]}, shared by every repetition) so errors can cite a
     * line through {@link RunSpec#lineOf}. A {@link LayerSpec.Residual} stays one entry (its block is not
     * unrolled into the list; {@link ModelShapes#walk} visits its inside).
     */
    public List<PlacedLayer> unrolled() {
        List<PlacedLayer> out = new ArrayList<>();
        unroll(layers, "model.layers", out);
        return out;
    }

    private static void unroll(List<LayerSpec> layers, String path, List<PlacedLayer> out) {
        for (int i = 0; i < layers.size(); i++) {
            String p = path + "[" + i + "]";
            if (layers.get(i) instanceof LayerSpec.Repeat r) {
                for (int t = 0; t < r.times(); t++) {
                    unroll(r.layers(), p + ".repeat.layers", out);
                }
            } else {
                out.add(new PlacedLayer(p, layers.get(i)));
            }
        }
    }

    /** The initializer {@code dense} uses: its own, else {@link #init()}. */
    public InitSpec initOf(LayerSpec.Dense dense) {
        return dense.init() != null ? dense.init() : init;
    }

    /** The initializer {@code conv} uses: its own, else {@link #init()}. */
    public InitSpec initOf(LayerSpec.Conv2d conv) {
        return conv.init() != null ? conv.init() : init;
    }
}
