package io.gradguard.analysis;

import io.gradguard.autograd.Activation;

/**
 * The range of an activation's derivative over an interval, found by a fine scan, and what it means for
 * the chain rule product: a derivative bounded below 1 shrinks every factor {@code w_j phi'(z_j)} unless
 * weights compensate (vanishing risk); one that reaches or exceeds 1 lets the weights alone set the
 * growth, and above 1 the activation itself can amplify (exploding risk).
 */
public record DerivativeRange(Activation activation, double min, double argMin, double max, double argMax) {
    /** The risk read off the maximum of the derivative. */
    public enum Risk {
        /** {@code max phi' < 0.999}: every factor shrinks unless the weights compensate. */
        VANISHING,
        /** {@code max phi'} reaches or approaches 1 (within 1e-3 below, 1e-9 above: softplus' tends to 1). */
        NEUTRAL,
        /** {@code max phi' > 1}. */
        EXPLODING
    }

    /**
     * Scans {@code phi'(x)} in double at {@code x = lo + i (hi - lo) / steps}, {@code i = 0..steps}; the
     * first x reaching the extreme is reported.
     */
    public static DerivativeRange scan(Activation phi, double lo, double hi, int steps) {
        if (!(lo < hi) || steps < 1) {
            throw new IllegalArgumentException("scan needs lo < hi and steps >= 1, got lo=" + lo + ", hi=" + hi
                    + ", steps=" + steps);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double argMin = lo;
        double argMax = lo;
        for (int i = 0; i <= steps; i++) {
            double x = lo + (hi - lo) * i / steps;
            double d = Phi.derivative(phi, x);
            if (d < min) {
                min = d;
                argMin = x;
            }
            if (d > max) {
                max = d;
                argMax = x;
            }
        }
        return new DerivativeRange(phi, min, argMin, max, argMax);
    }

    /** {@link #scan} over {@code [-10, 10]} in steps of {@code 1e-4} (0 is a grid point). */
    public static DerivativeRange scan(Activation phi) {
        return scan(phi, -10, 10, 200_000);
    }

    public Risk risk() {
        return max > 1 + 1e-9 ? Risk.EXPLODING : max >= 1 - 1e-3 ? Risk.NEUTRAL : Risk.VANISHING;
    }
}
