package io.gradguard.cli.analyze;

import io.gradguard.analysis.Phi;
import io.gradguard.autograd.Activation;
import io.gradguard.cli.UserError;

/** Validation of analysis options: every failure is a one-line {@link UserError} naming the option. */
final class Args {
    private Args() {
    }

    static Activation activation(String name) {
        try {
            return Phi.byName(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("--activation: " + e.getMessage(), e);
        }
    }

    static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new UserError(option + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * A comma-separated list of {@code depth} floats, or one float repeated for every layer; {@code option}
     * names the flag in errors.
     */
    static float[] perLayer(String option, String list, int depth) {
        String[] parts = list.split(",", -1);
        if (parts.length != 1 && parts.length != depth) {
            throw new UserError(option + " has " + parts.length + " values but --depth is " + depth
                    + "; give one value for every layer or " + depth + " values");
        }
        float[] out = new float[depth];
        for (int i = 0; i < depth; i++) {
            String s = parts[parts.length == 1 ? 0 : i].trim();
            try {
                out[i] = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw new UserError(option + ": '" + s + "' (value " + (i + 1) + ") is not a number", e);
            }
            if (!Float.isFinite(out[i])) {
                throw new UserError(option + ": value " + (i + 1) + " must be finite, got " + s);
            }
        }
        return out;
    }
}
