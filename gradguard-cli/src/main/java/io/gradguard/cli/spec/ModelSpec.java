package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network: {@code input} features per example, the default weight initializer, and the layers in order.
 *
 * @param init the initializer of every dense layer that names none ({@link InitSpec#DEFAULT}: PyTorch's)
 */
public record ModelSpec(int input, InitSpec init, List<LayerSpec> layers) {
    public ModelSpec {
        if (input <= 0) {
            throw new IllegalArgumentException("ModelSpec input must be > 0, got " + input);
        }
        Objects.requireNonNull(init, "init");
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("ModelSpec layers must not be empty");
        }
        layers = List.copyOf(layers);
    }

    /** A dense or activation layer after unrolling, with the spec path it was written at. */
    public record PlacedLayer(String path, LayerSpec layer) {
    }

    /**
     * The layers with every {@link LayerSpec.Repeat} unrolled, in order; each carries the spec path of its
     * entry ({@code model.layers[4].repeat.layers[0]}, shared by every repetition) so errors can cite a line
     * through {@link RunSpec#lineOf}.
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
}
