package io.gradguard.data;

/** Validation for generator records, quoting the bad value. */
final class Check {
    private Check() {
    }

    static void atLeast(String type, String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(type + " " + field + " must be >= " + min + ", got " + value);
        }
    }

    static void nonNegative(String type, String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(type + " " + field + " must be finite and >= 0, got " + value);
        }
    }
}
