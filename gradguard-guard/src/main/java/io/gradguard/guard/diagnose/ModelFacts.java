package io.gradguard.guard.diagnose;

import java.util.List;

/**
 * Framework-neutral facts about a model and how it is trained: what the diagnoser compares the guard's
 * measurements with. A host builds them from its own description (the CLI from the run spec).
 *
 * @param layers      the modules in forward order
 * @param optimizer   the optimizer's spec name ({@code sgd}, {@code adam}...), or {@code unknown}
 * @param lr          the base learning rate, or NaN when unknown
 * @param weightDecay the optimizer's {@code weight_decay} (PyTorch semantics)
 * @param l2          the L2 penalty added to the loss ({@code optimizer.regularization.l2})
 * @param clipping    whether the guard clips gradients
 * @param warmupSteps optimizer steps of linear learning-rate warm-up before the schedule, 0 for none
 */
public record ModelFacts(List<LayerFacts> layers, String optimizer, double lr, double weightDecay, double l2,
                         boolean clipping, long warmupSteps) {
    /** Nothing known: rules that need facts stay quiet. */
    public static final ModelFacts UNKNOWN = new ModelFacts(List.of(), "unknown", Double.NaN, 0, 0, false, 0);

    public ModelFacts {
        layers = List.copyOf(layers);
        if (optimizer == null || optimizer.isBlank()) {
            throw new IllegalArgumentException("ModelFacts optimizer must not be blank, got '" + optimizer + "'");
        }
        if (!(lr > 0) && !Double.isNaN(lr) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("ModelFacts lr must be > 0 and finite (or NaN: unknown), got " + lr);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("ModelFacts weight_decay must be >= 0, got " + weightDecay);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("ModelFacts l2 must be >= 0, got " + l2);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("ModelFacts warmup_steps must be >= 0, got " + warmupSteps);
        }
    }

    /** Facts of a run without learning-rate warm-up. */
    public ModelFacts(List<LayerFacts> layers, String optimizer, double lr, double weightDecay, double l2,
                      boolean clipping) {
        this(layers, optimizer, lr, weightDecay, l2, clipping, 0);
    }

    public ModelFacts withWarmupSteps(long steps) {
        return new ModelFacts(layers, optimizer, lr, weightDecay, l2, clipping, steps);
    }

    /** The layers holding a weight (dense, convolution, recurrent), in order. */
    public List<LayerFacts> weightLayers() {
        return layers.stream().filter(LayerFacts::hasWeight).toList();
    }

    /** Number of weight layers: the number of factors {@code w_j sigma'(z_j)} in the seeds' chain-rule product. */
    public int depth() {
        return weightLayers().size();
    }

    /** Whether any batch, layer or group normalisation is present. */
    public boolean hasNormalization() {
        return layers.stream().anyMatch(LayerFacts::normalization);
    }

    /** Whether any residual (shortcut) connection is present. */
    public boolean hasResidual() {
        return layers.stream().anyMatch(LayerFacts::residual);
    }

    /** Whether any RNN, LSTM or GRU layer is present. */
    public boolean hasRecurrent() {
        return layers.stream().anyMatch(LayerFacts::recurrent);
    }

    /** The layer named {@code name}, or null. */
    public LayerFacts layer(String name) {
        for (LayerFacts l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** Whether the learning rate is known. */
    public boolean lrKnown() {
        return !Double.isNaN(lr);
    }
}
