package io.gradguard.cli.spec;

/** A range check on a number: {@link #violation} says what is wrong ({@code must be > 0}), or null. */
@FunctionalInterface
interface Rule {
    String violation(double v);

    static Rule any() {
        return v -> null;
    }

    static Rule greaterThan(double bound) {
        return v -> v > bound ? null : "must be > " + num(bound);
    }

    static Rule atLeast(double bound) {
        return v -> v >= bound ? null : "must be >= " + num(bound);
    }

    /** {@code [0, 1)}: betas, validation split. */
    static Rule unitHalfOpen() {
        return v -> v >= 0 && v < 1 ? null : "must be in [0, 1)";
    }

    /** {@code (0, 1]}: warmup start factor. */
    static Rule unitOpenClosed() {
        return v -> v > 0 && v <= 1 ? null : "must be in (0, 1]";
    }

    /** {@code (0, 1)}: circles factor. */
    static Rule unitOpen() {
        return v -> v > 0 && v < 1 ? null : "must be in (0, 1)";
    }

    /** {@code [0, 1]}: batch-norm momentum. */
    static Rule unitClosed() {
        return v -> v >= 0 && v <= 1 ? null : "must be in [0, 1]";
    }

    /** {@code lo..hi}, both included: image size. */
    static Rule between(double lo, double hi) {
        return v -> v >= lo && v <= hi ? null : "must be in " + num(lo) + ".." + num(hi);
    }

    /** A bound as written by a person: {@code 0}, not {@code 0.0}. */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
