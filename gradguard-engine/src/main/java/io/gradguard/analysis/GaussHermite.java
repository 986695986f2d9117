package io.gradguard.analysis;

import java.util.function.DoubleUnaryOperator;

/**
 * Gauss-Hermite quadrature for Gaussian expectations: {@code E[f(z)], z ~ N(0, 1)}
 * {@code = (1/sqrt(pi)) sum_i w_i f(sqrt(2) x_i)}, where {@code x_i, w_i} are the nodes and weights of the
 * physicists' rule {@code int e^(-x^2) f(x) dx ~ sum_i w_i f(x_i)}. Nodes come from Newton's method on the
 * orthonormal Hermite recurrence with the asymptotic first guesses of Numerical Recipes ({@code gauher},
 * Press et al. 2007, 4.6); exact for polynomials of degree below {@code 2n}. Accurate for smooth {@code f}
 * varying on the scale of {@code z}; see {@link CompositeGauss} for kinks and narrow features.
 */
public final class GaussHermite implements GaussianExpectation {
    private static final double PIM4 = Math.pow(Math.PI, -0.25);

    private final double[] z;
    private final double[] p;

    /** An {@code n}-point rule, {@code 2 <= n <= 150} (the recurrence underflows near 200). */
    public GaussHermite(int n) {
        if (n < 2 || n > 150) {
            throw new IllegalArgumentException("GaussHermite points must be in [2, 150], got " + n);
        }
        double[] x = new double[n];
        double[] w = new double[n];
        nodes(n, x, w);
        z = new double[n];
        p = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.sqrt(2) * x[i];
            p[i] = w[i] / Math.sqrt(Math.PI);
        }
    }

    public int points() {
        return z.length;
    }

    /** {@code E[f(z)]} for {@code z ~ N(0, 1)}. */
    public double expect(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += p[i] * f.applyAsDouble(z[i]);
        }
        return s;
    }

    @Override
    public double expect(DoubleUnaryOperator f, double scale) {
        return expect(z -> f.applyAsDouble(scale * z));
    }

    private static void nodes(int n, double[] x, double[] w) {
        int m = (n + 1) / 2;
        double r = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0) {
                r = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -0.16667);
            } else if (i == 1) {
                r -= 1.14 * Math.pow(n, 0.426) / r;
            } else if (i == 2) {
                r = 1.86 * r - 0.86 * x[0];
            } else if (i == 3) {
                r = 1.91 * r - 0.91 * x[1];
            } else {
                r = 2.0 * r - x[i - 2];
            }
            double pp = 0;
            for (int its = 0; its < 100; its++) {
                double p1 = PIM4;
                double p2 = 0;
                for (int j = 0; j < n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = r * Math.sqrt(2.0 / (j + 1)) * p2 - Math.sqrt((double) j / (j + 1)) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double r1 = r;
                r = r1 - p1 / pp;
                if (Math.abs(r - r1) <= 1e-14 * Math.max(1, Math.abs(r))) {
                    break;
                }
            }
            x[i] = r;
            x[n - 1 - i] = -r;
            w[i] = 2.0 / (pp * pp);
            w[n - 1 - i] = w[i];
        }
    }
}
