package io.gradguard.cli.spec;

/**
 * Penalties added to the loss over the weights, as Keras' {@code L1L2} regularizer: {@code l1 * sum|w| +
 * l2 * sum w^2}. Independent of the optimizer's {@code weight_decay}, which acts in the update.
 */
public record RegularizationSpec(double l1, double l2) {
    public static final RegularizationSpec NONE = new RegularizationSpec(0.0, 0.0);

    public RegularizationSpec {
        if (!(l1 >= 0) || !Double.isFinite(l1)) {
            throw new IllegalArgumentException("RegularizationSpec l1 must be >= 0, got " + l1);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("RegularizationSpec l2 must be >= 0, got " + l2);
        }
    }
}
