package io.gradguard.analysis;

/** The standard normal density and distribution function in double precision. */
public final class Normal {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private Normal() {
    }

    /** {@code phi(x) = e^(-x^2/2) / sqrt(2 pi)}. */
    public static double pdf(double x) {
        return Math.exp(-0.5 * x * x) / SQRT_2PI;
    }

    /** {@code Phi(x) = erfc(-x / sqrt 2) / 2}. */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * {@code erfc(x)}: the Maclaurin series of erf for |x| < 2.5 and the continued fraction
     * {@code erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))} beyond
     * (Abramowitz and Stegun 7.1.5 and 7.1.14), both to about 1e-15 relative.
     */
    public static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // Continued fraction evaluated backwards from a fixed depth (converges fast for x >= 2.5).
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
