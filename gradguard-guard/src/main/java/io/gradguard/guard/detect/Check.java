package io.gradguard.guard.detect;

/**
 * Validation for detector configs. Messages name the detector and field as a spec spells them and quote
 * the bad value: {@code norm_spike z_threshold must be > 0, got -1.0}.
 */
final class Check {
    private Check() {
    }

    /** {@code v > 0} (+Infinity allowed, NaN not). */
    static void positive(String detector, String field, double v) {
        if (!(v > 0)) {
            throw bad(detector, field, "> 0", Double.toString(v));
        }
    }

    /** {@code v > 0} and finite. */
    static void positiveFinite(String detector, String field, double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            throw bad(detector, field, "> 0 and finite", Double.toString(v));
        }
    }

    /** {@code v > min}, finite. */
    static void above(String detector, String field, double v, double min) {
        if (!(v > min) || v == Double.POSITIVE_INFINITY) {
            throw bad(detector, field, "> " + min + " and finite", Double.toString(v));
        }
    }

    /** {@code 0 < v < 1}. */
    static void open01(String detector, String field, double v) {
        if (!(v > 0 && v < 1)) {
            throw bad(detector, field, "in (0, 1)", Double.toString(v));
        }
    }

    /** {@code 0 <= v < 1}. */
    static void fraction(String detector, String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw bad(detector, field, "in [0, 1)", Double.toString(v));
        }
    }

    /** {@code 0 <= v <= 1}. */
    static void unit(String detector, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw bad(detector, field, "in [0, 1]", Double.toString(v));
        }
    }

    static void atLeast(String detector, String field, long v, long min) {
        if (v < min) {
            throw bad(detector, field, ">= " + min, Long.toString(v));
        }
    }

    /** The common cool-down: steps of silence after a report, {@code >= 0}. */
    static void cooldown(String detector, int cooldown) {
        atLeast(detector, "cooldown", cooldown, 0);
    }

    private static IllegalArgumentException bad(String detector, String field, String rule, String got) {
        return new IllegalArgumentException(detector + " " + field + " must be " + rule + ", got " + got);
    }
}
