package io.gradguard.guard.diagnose;

/** The learning rate measured against PyTorch's default for the optimizer, and the lowered value to suggest. */
final class LrFacts {
    /** An lr this many times PyTorch's default counts as high (Adam at 0.01, 10x, is common and healthy). */
    static final double HIGH_MULTIPLE = 30;

    private LrFacts() {
    }

    /** PyTorch's default lr: adam, adamw 1e-3; rmsprop, adagrad 1e-2; NaN for sgd (lr is required). */
    static double defaultLr(String optimizer) {
        return switch (optimizer) {
            case "adam", "adamw" -> 1e-3;
            case "rmsprop", "adagrad" -> 1e-2;
            default -> Double.NaN;
        };
    }

    /** {@code lr / default}, NaN when either is unknown. */
    static double multiple(ModelFacts facts) {
        return facts.lr() / defaultLr(facts.optimizer());
    }

    /** {@code ; optimizer adam lr 0.5 is 500x PyTorch's default 0.001}, or empty when it is not high. */
    static String highText(ModelFacts facts) {
        double m = multiple(facts);
        return m >= HIGH_MULTIPLE ? "optimizer " + facts.optimizer() + " lr " + Num.of(facts.lr()) + " is "
                + Num.of(m) + "x PyTorch's default " + Num.of(defaultLr(facts.optimizer())) : "";
    }

    /** {@code lower optimizer.lr from 0.5 to 0.05}, or null when the lr is unknown. */
    static String lower(ModelFacts facts) {
        return facts.lrKnown() ? "lower optimizer.lr from " + Num.of(facts.lr()) + " to " + Num.of(facts.lr() / 10)
                : null;
    }
}
