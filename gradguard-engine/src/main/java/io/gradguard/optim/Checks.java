package io.gradguard.optim;

/** Validation of hyperparameters; messages quote the owner, PyTorch's field name and the bad value. */
final class Checks {
    private Checks() {
    }

    /** {@code v > 0} and finite: {@code Adam lr must be > 0, got -1.0}. */
    static void positive(String owner, String field, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(owner + " " + field + " must be > 0, got " + v);
        }
        finite(owner, field, v);
    }

    /** {@code v >= 0} and finite. */
    static void nonNegative(String owner, String field, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(owner + " " + field + " must be >= 0, got " + v);
        }
        finite(owner, field, v);
    }

    /** {@code v} in {@code [0, 1)}. */
    static void halfOpenUnit(String owner, String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(owner + " " + field + " must be in [0, 1), got " + v);
        }
    }

    /** {@code v} in {@code [0, 1]}. */
    static void closedUnit(String owner, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(owner + " " + field + " must be in [0, 1], got " + v);
        }
    }

    static void finite(String owner, String field, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(owner + " " + field + " must be finite, got " + v);
        }
    }
}
