package io.gradguard.djl.parity;

/**
 * The parity tests' error measure: {@code max_i |a_i - b_i| / max(max_i |b_i|, FLT_MIN)}, the largest
 * absolute difference scaled by the reference's largest magnitude ({@code b} is libtorch's). Scaling by the
 * array's maximum rather than element by element keeps float32 cancellation in near-zero entries from
 * counting as disagreement, as {@code torch.testing.assert_close} does with its absolute tolerance.
 */
final class Rel {
    /** The tolerance of every parity test (float32 arithmetic, different summation orders). */
    static final double TOLERANCE = 1e-4;

    private Rel() {
    }

    static double error(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("arrays differ in length: " + a.length + " vs " + b.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / Math.max(scale, Float.MIN_NORMAL);
    }

    static double error(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), Float.MIN_NORMAL);
    }
}
