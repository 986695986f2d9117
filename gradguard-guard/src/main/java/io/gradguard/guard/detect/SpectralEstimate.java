package io.gradguard.guard.detect;

import java.util.SplittableRandom;

/**
 * Framework-neutral estimates of a square matrix's spectral radius and largest singular value by power
 * iteration, O(iterations * n^2) each, for the guard, which cannot use the engine's eigen solver.
 *
 * <p><b>Spectral radius</b> by Gelfand's formula {@code rho(A) = lim_k ||A^k||^(1/k)}: from a random unit
 * start {@code x_0} it iterates {@code y = A x_{t-1}, x_t = y / ||y||}, so that {@code ||A^t x_0||} is the
 * product of the step norms {@code ||y||}, and returns the geometric mean of the step norms over the last
 * half of the iterations, {@code (||A^k x_0|| / ||A^(k/2) x_0||)^(2/k)}. Skipping the first half discards the
 * transient of the smaller eigenvalues; averaging over many steps makes the estimate exact for a dominant
 * complex pair (a rotation), where single-step growth oscillates. The maximum over a few random starts is
 * returned (one start could lie in an invariant subspace of smaller eigenvalues). If an iterate becomes
 * exactly zero (a nilpotent matrix), that start gives 0. For non-normal matrices with a Jordan block of size
 * m the estimate is high by a factor of about {@code 2^((m-1)/(k/2))}, 1.4% for m = 2, k = 100.
 *
 * <p><b>Largest singular value</b> by power iteration on {@code A^T A}: {@code x_t = A^T A x_{t-1} / ||.||},
 * then {@code sigma_max = ||A x_k||}.
 *
 * <p>Matrices are {@code n x n} blocks of a row-major float array starting at {@code offset}, so a gate's
 * block of a stacked recurrent weight is read in place. Arithmetic is in double; the random starts come
 * from a fixed seed, so results are deterministic.
 */
public final class SpectralEstimate {
    /** Default power-iteration steps. */
    public static final int DEFAULT_ITERATIONS = 100;
    /** Default random starts for the radius. */
    public static final int DEFAULT_STARTS = 3;
    private static final long SEED = 0x5eed_5ec7L;

    private SpectralEstimate() {
    }

    /** {@link #spectralRadius(float[], int, int, int, int)} with the default iterations and starts. */
    public static double spectralRadius(float[] a, int offset, int n) {
        return spectralRadius(a, offset, n, DEFAULT_ITERATIONS, DEFAULT_STARTS);
    }

    /** The spectral radius of the {@code n x n} block of {@code a} at {@code offset}, by Gelfand's formula. */
    public static double spectralRadius(float[] a, int offset, int n, int iterations, int starts) {
        double[] m = block(a, offset, n, iterations);
        if (starts < 1) {
            throw new IllegalArgumentException("spectral radius needs starts >= 1, got " + starts);
        }
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] x = new double[n];
        double[] y = new double[n];
        int half = iterations / 2;
        double best = 0;
        for (int s = 0; s < starts; s++) {
            randomUnit(rng, x);
            double logSum = 0;
            boolean zero = false;
            for (int t = 1; t <= iterations; t++) {
                multiply(m, n, x, y);
                double norm = norm(y);
                if (norm == 0) {
                    zero = true;
                    break;
                }
                if (t > iterations - half) {
                    logSum += Math.log(norm);
                }
                for (int i = 0; i < n; i++) {
                    x[i] = y[i] / norm;
                }
            }
            if (!zero) {
                best = Math.max(best, Math.exp(logSum / half));
            }
        }
        return best;
    }

    /** {@link #largestSingularValue(float[], int, int, int)} with the default iterations. */
    public static double largestSingularValue(float[] a, int offset, int n) {
        return largestSingularValue(a, offset, n, DEFAULT_ITERATIONS);
    }

    /** The largest singular value of the {@code n x n} block of {@code a} at {@code offset}. */
    public static double largestSingularValue(float[] a, int offset, int n, int iterations) {
        double[] m = block(a, offset, n, iterations);
        double[] x = new double[n];
        double[] y = new double[n];
        randomUnit(new SplittableRandom(SEED), x);
        for (int t = 0; t < iterations; t++) {
            multiply(m, n, x, y);
            multiplyTransposed(m, n, y, x);
            double norm = norm(x);
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                x[i] /= norm;
            }
        }
        multiply(m, n, x, y);
        return norm(y);
    }

    private static double[] block(float[] a, int offset, int n, int iterations) {
        if (n < 1 || offset < 0 || (long) offset + (long) n * n > a.length) {
            throw new IllegalArgumentException("a " + n + "x" + n + " block at offset " + offset
                    + " does not fit in an array of " + a.length);
        }
        if (iterations < 2) {
            throw new IllegalArgumentException("power iteration needs iterations >= 2, got " + iterations);
        }
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = a[offset + i];
        }
        return m;
    }

    private static void randomUnit(SplittableRandom rng, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        double norm = norm(x);
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
    }

    private static void multiply(double[] m, int n, double[] x, double[] y) {
        for (int r = 0; r < n; r++) {
            double s = 0;
            int off = r * n;
            for (int c = 0; c < n; c++) {
                s += m[off + c] * x[c];
            }
            y[r] = s;
        }
    }

    private static void multiplyTransposed(double[] m, int n, double[] y, double[] x) {
        java.util.Arrays.fill(x, 0);
        for (int r = 0; r < n; r++) {
            double yr = y[r];
            int off = r * n;
            for (int c = 0; c < n; c++) {
                x[c] += m[off + c] * yr;
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
