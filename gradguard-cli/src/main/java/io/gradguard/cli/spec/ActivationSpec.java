package io.gradguard.cli.spec;

import java.util.Map;

/**
 * An activation by its PyTorch-style name with its params filled: {@code identity}, {@code sigmoid},
 * {@code tanh}, {@code relu}, {@code leaky_relu(negative_slope=0.01)}, {@code elu(alpha=1)}, {@code gelu}
 * (exact, erf form), {@code selu}, {@code softplus(beta=1, threshold=20)}; defaults from {@code torch.nn}.
 */
public record ActivationSpec(String name, Map<String, Double> params) {
    public ActivationSpec {
        params = Catalog.ACTIVATIONS.check("ActivationSpec", name, params);
    }

    /** {@code name} with every param at its default. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ActivationSpec of(String name) {
        if (!Catalog.ACTIVATIONS.members().containsKey(name)) {
            throw new IllegalArgumentException("ActivationSpec name must be one of "
                    + Catalog.ACTIVATIONS.members().keySet() + ", got '" + name + "'");
        }
        return new ActivationSpec(name, (Map) Catalog.ACTIVATIONS.defaults(name));
    }

    /** A param's value ({@code negative_slope}). */
    public double param(String key) {
        Double v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("activation " + name + " has no param '" + key + "'; it has "
                    + params.keySet());
        }
        return v;
    }
}
