package io.gradguard.guard.clip;

/**
 * The total gradient norm is NaN or infinite and {@code error_if_nonfinite} was set; PyTorch raises a
 * RuntimeError with the same text from {@code clip_grad_norm_}. No gradient was changed.
 */
public final class NonFiniteNormException extends ArithmeticException {
    private final double totalNorm;
    private final double normType;

    public NonFiniteNormException(double totalNorm, double normType) {
        super("The total norm of order " + pythonFloat(normType) + " for gradients from `parameters` is non-finite,"
                + " so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm"
                + " anyway, set `error_if_nonfinite=False` (total norm " + pythonFloat(totalNorm) + ")");
        this.totalNorm = totalNorm;
        this.normType = normType;
    }

    /** The offending norm (NaN or +/-Infinity). */
    public double totalNorm() {
        return totalNorm;
    }

    public double normType() {
        return normType;
    }

    /** Python's str(float) for the values that occur here: 2.0, inf, nan. */
    private static String pythonFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }
}
