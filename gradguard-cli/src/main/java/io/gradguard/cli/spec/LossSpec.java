package io.gradguard.cli.spec;

/**
 * The training objective, mean-reduced as in {@code torch.nn}: {@code mse} ({@code MSELoss}), {@code
 * bce_with_logits} ({@code BCEWithLogitsLoss}, targets in {0, 1}), {@code cross_entropy} ({@code
 * CrossEntropyLoss} on logits, class-index targets).
 */
public record LossSpec(String name) {
    public LossSpec {
        if (!Catalog.LOSSES.contains(name)) {
            throw new IllegalArgumentException("LossSpec name must be one of " + Catalog.LOSSES + ", got '"
                    + name + "'");
        }
    }

    /** Whether targets are classes (so a CSV target defaults to {@code classification}). */
    public boolean classification() {
        return !name.equals("mse");
    }
}
