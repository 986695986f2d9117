package io.gradguard.cli.experiment;

import java.util.Locale;

/** Pieces of the run specs the experiments are built from (YAML text, as a user would write it). */
final class Specs {
    /** A guard section's detectors, every one off: the guard then only clips (or only watches). */
    static final String NO_DETECTORS = "{non_finite: false, norm_spike: false, loss_spike: false, "
            + "loss_divergence: false, depth_explosion: false, recurrent_explosion: false, vanishing: false, "
            + "dead_units: false, weight_growth: false}";
    /** Recovery that never intervenes: every incident is logged and the step applied as is. */
    static final String OBSERVE_ONLY = "{non_finite: proceed, grad_norm_spike: proceed, loss_spike: proceed, "
            + "loss_divergence: proceed}";

    private Specs() {
    }

    /** Three interleaved spirals, 2 features (the README's first example's data). */
    static String spirals(int samples) {
        return "data: {name: spirals, samples: " + samples + ", classes: 3, noise: 0.1}\n";
    }

    static String training(int epochs, int batchSize, double validationSplit) {
        return training(epochs, batchSize, validationSplit, false);
    }

    /** As {@link #training}, with {@code terminate_on_nan}: for runs measured only until they diverge. */
    static String trainingUntilNan(int epochs, int batchSize, double validationSplit) {
        return training(epochs, batchSize, validationSplit, true);
    }

    private static String training(int epochs, int batchSize, double validationSplit, boolean untilNan) {
        return String.format(Locale.ROOT, "training: {epochs: %d, batch_size: %d, validation_split: %s%s}%n", epochs,
                batchSize, num(validationSplit), untilNan ? ", terminate_on_nan: true" : "");
    }

    /** {@code repeat} of {@code depth} x ({@code dense: width}, activation). */
    static String stack(int depth, int width, String activation) {
        return "    - repeat: {times: " + depth + ", layers: [{dense: " + width + "}, " + activation + "]}\n";
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
