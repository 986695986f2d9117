package io.gradguard.guard.diagnose;

import java.util.Set;

/**
 * What the diagnoser knows about one module of the model, without the framework's classes.
 *
 * @param name            module path as the host names parameters' layers ({@code layers.4})
 * @param kind            {@code dense | conv2d | rnn | lstm | gru | batchnorm | layernorm | groupnorm | residual
 *                        | dropout | activation | pool | flatten}, or another lower-case word for other modules
 * @param fanIn           inputs per output unit (dense: in_features; conv: in_channels * kernel area); for
 *                        modules without weights, the width they see
 * @param fanOut          outputs per input unit (dense: out_features; conv: out_channels * kernel area)
 * @param init            the spec's initializer name ({@code normal}, {@code kaiming_normal}, {@code default}),
 *                        or null for a module without weights
 * @param initStd         the standard deviation the initializer gives this module's weight (uniform(a, b):
 *                        {@code (b-a)/sqrt(12)}; PyTorch's default: {@code 1/sqrt(3 fan_in)}); NaN without a
 *                        weight or when unknown
 * @param activation      the activation applied right after this module (spec name: {@code relu},
 *                        {@code sigmoid}...), or null for none
 * @param activationParam the activation's shape parameter ({@code leaky_relu} negative_slope, {@code elu}
 *                        alpha, {@code softplus} beta); 0 when it has none
 */
public record LayerFacts(String name, String kind, int fanIn, int fanOut, String init, double initStd,
                         String activation, double activationParam) {
    private static final Set<String> WEIGHT_KINDS = Set.of("dense", "conv1d", "conv2d", "conv3d", "rnn", "lstm",
            "gru");
    private static final Set<String> NORM_KINDS = Set.of("batchnorm", "layernorm", "groupnorm", "instancenorm");
    private static final Set<String> RECURRENT_KINDS = Set.of("rnn", "lstm", "gru");

    public LayerFacts {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("LayerFacts name must not be blank, got '" + name + "'");
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("LayerFacts " + name + " kind must not be blank, got '" + kind + "'");
        }
        if (fanIn < 0 || fanOut < 0) {
            throw new IllegalArgumentException("LayerFacts " + name + " fan_in and fan_out must be >= 0, got "
                    + fanIn + " and " + fanOut);
        }
        if (initStd < 0 || Double.isInfinite(initStd)) {
            throw new IllegalArgumentException("LayerFacts " + name + " init_std must be >= 0 and finite (or NaN), got "
                    + initStd);
        }
    }

    /** A module without weights ({@code activation}, {@code dropout}...) that sees {@code width} features. */
    public static LayerFacts plain(String name, String kind, int width, String activation, double activationParam) {
        return new LayerFacts(name, kind, width, width, null, Double.NaN, activation, activationParam);
    }

    /** Whether the module holds a weight matrix or kernel the gradient is multiplied by. */
    public boolean hasWeight() {
        return WEIGHT_KINDS.contains(kind);
    }

    /** Batch, layer, group or instance normalisation. */
    public boolean normalization() {
        return NORM_KINDS.contains(kind);
    }

    /** A residual block (a shortcut around its inner layers). */
    public boolean residual() {
        return "residual".equals(kind);
    }

    /** An RNN, LSTM or GRU layer (with a hidden-to-hidden weight {@code weight_hh}). */
    public boolean recurrent() {
        return RECURRENT_KINDS.contains(kind);
    }

    /** This layer with another activation after it. */
    public LayerFacts withActivation(String act, double param) {
        return new LayerFacts(name, kind, fanIn, fanOut, init, initStd, act, param);
    }
}
