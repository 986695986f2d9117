package io.gradguard.guard.inject;

import java.util.Locale;

/**
 * One injected fault: at {@code step}, corrupt the gradients or the loss.
 *
 * @param step   global step index
 * @param kind   what to corrupt
 * @param factor the multiplier for {@code SPIKE} and {@code LOSS_SPIKE} (e.g. 1e4); NaN otherwise
 * @param target parameter or layer name prefix for {@code NAN}/{@code INF} (null: the first parameter)
 */
public record Fault(long step, Kind kind, double factor, String target) {
    public Fault {
        if (step < 0) {
            throw new IllegalArgumentException("fault step must be >= 0, got " + step);
        }
        if (kind == null) {
            throw new IllegalArgumentException("fault kind must be set");
        }
        if (kind.scales() && (!(factor > 0) || !Double.isFinite(factor))) {
            throw new IllegalArgumentException(kind.id() + "@" + step + ": factor must be finite and > 0, got " + factor);
        }
    }

    /** The kinds of fault. */
    public enum Kind {
        /** NaN in one gradient element of the target parameter. */
        NAN,
        /** +Inf in one gradient element of the target parameter. */
        INF,
        /** Every gradient multiplied by the factor (a bad batch). */
        SPIKE,
        /** The loss reported as NaN. */
        LOSS_NAN,
        /** The loss multiplied by the factor. */
        LOSS_SPIKE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean scales() {
            return this == SPIKE || this == LOSS_SPIKE;
        }
    }

    /** The spec form, e.g. {@code spike@300x10000.0} or {@code nan@120:layers.2}. */
    @Override
    public String toString() {
        String s = kind.id() + "@" + step;
        if (kind.scales()) {
            s += "x" + factor;
        }
        return target == null ? s : s + ":" + target;
    }
}
