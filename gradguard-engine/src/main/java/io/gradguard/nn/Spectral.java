package io.gradguard.nn;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spectral quantities of a weight matrix, computed in double precision: the eigenvalues and the spectral
 * radius {@code rho(W) = max |lambda_i|}, and the singular values with the largest one
 * {@code sigma_max(W) = ||W||_2}.
 *
 * <p>For a recurrent weight these decide the fate of gradients through time: {@code ||dh_T / dh_t||} is
 * bounded by {@code (gamma sigma_max(W_hh))^(T-t)} where {@code gamma} bounds the activation's derivative,
 * so with tanh ({@code gamma = 1}) {@code sigma_max > 1} is necessary for exploding gradients and
 * {@code sigma_max < 1} makes them vanish (Pascanu, Mikolov and Bengio 2013, section 3.1). The spectral
 * radius is the long-run growth rate of {@code W^k} ({@code ||W^k||^(1/k) -> rho}, Gelfand's formula) and
 * never exceeds {@code sigma_max}; a non-normal matrix can have {@code rho < 1 < sigma_max}.
 *
 * <p>Methods: eigenvalues by Householder reduction to upper Hessenberg form and Francis' implicit
 * double-shift QR iteration (Golub and Van Loan, Matrix Computations, algorithms 7.4.2 and 7.5.1-7.5.2),
 * which finds complex conjugate pairs; a power iteration would not converge for them (a rotation has two
 * eigenvalues of equal modulus). Singular values by one-sided Jacobi rotations (Hestenes 1958; Demmel and
 * Veselic 1992), accurate to a few units of roundoff relative to {@code sigma_max}. The matrix is scaled by
 * its largest absolute entry first, so entries of any finite magnitude are fine.
 */
public final class Spectral {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_ITERATIONS_PER_EIGENVALUE = 60;

    private Spectral() {
    }

    /** An eigenvalue {@code re + i im}; complex ones come in conjugate pairs. */
    public record Eigenvalue(double re, double im) {
        /** {@code |lambda|}. */
        public double modulus() {
            return Math.hypot(re, im);
        }
    }

    /** The largest {@code |eigenvalue|} of a square matrix; {@code NaN} if an entry is not finite. */
    public static double spectralRadius(Tensor square) {
        requireSquare(square, "spectralRadius");
        if (!finite(square)) {
            return Double.NaN;
        }
        double r = 0;
        for (Eigenvalue e : eigenvalues(square)) {
            r = Math.max(r, e.modulus());
        }
        return r;
    }

    /** The largest singular value {@code ||m||_2} of a 2-D matrix; {@code NaN} if an entry is not finite. */
    public static double largestSingularValue(Tensor m) {
        requireMatrix(m, "largestSingularValue");
        if (!finite(m)) {
            return Double.NaN;
        }
        double[] s = singularValues(m);
        return s.length == 0 ? 0 : s[0];
    }

    /**
     * The eigenvalues of a square matrix, in the order the QR iteration deflates them (from the bottom of
     * the Hessenberg form up).
     *
     * @throws IllegalArgumentException if the matrix is not square or has a non-finite entry
     * @throws IllegalStateException if the QR iteration does not converge (not seen in practice)
     */
    public static List<Eigenvalue> eigenvalues(Tensor square) {
        requireSquare(square, "eigenvalues");
        requireFinite(square, "eigenvalues");
        int n = square.dim(0);
        double scale = maxAbs(square);
        List<Eigenvalue> out = new ArrayList<>(n);
        if (scale == 0) {
            for (int i = 0; i < n; i++) {
                out.add(new Eigenvalue(0, 0));
            }
            return out;
        }
        double[][] h = toDouble(square, scale);
        reduceToHessenberg(h);
        double[] re = new double[n];
        double[] im = new double[n];
        hessenbergEigenvalues(h, re, im);
        for (int i = n - 1; i >= 0; i--) {
            out.add(new Eigenvalue(re[i] * scale, im[i] * scale));
        }
        return out;
    }

    /**
     * All {@code min(rows, cols)} singular values of a 2-D matrix, largest first.
     *
     * @throws IllegalArgumentException if the tensor is not 2-D or has a non-finite entry
     */
    public static double[] singularValues(Tensor m) {
        requireMatrix(m, "singularValues");
        requireFinite(m, "singularValues");
        int rows = m.dim(0);
        int cols = m.dim(1);
        double scale = maxAbs(m);
        boolean wide = rows < cols;
        int len = wide ? cols : rows;
        int k = wide ? rows : cols;
        // Column vectors of the tall orientation: columns of m, or rows of m when m is wide.
        double[][] c = new double[k][len];
        float[] d = m.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = scale == 0 ? 0 : d[i * cols + j] / scale;
                if (wide) {
                    c[i][j] = v;
                } else {
                    c[j][i] = v;
                }
            }
        }
        orthogonalizeColumns(c);
        double[] s = new double[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (double v : c[j]) {
                sum += v * v;
            }
            s[j] = Math.sqrt(sum) * scale;
        }
        Arrays.sort(s);
        for (int i = 0; i < k / 2; i++) {
            double t = s[i];
            s[i] = s[k - 1 - i];
            s[k - 1 - i] = t;
        }
        return s;
    }

    /** One-sided Jacobi: rotates pairs of columns until all are mutually orthogonal; their norms are then sigma. */
    private static void orthogonalizeColumns(double[][] c) {
        int k = c.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < k - 1; p++) {
                for (int q = p + 1; q < k; q++) {
                    double[] a = c[p];
                    double[] b = c[q];
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int i = 0; i < a.length; i++) {
                        alpha += a[i] * a[i];
                        beta += b[i] * b[i];
                        gamma += a[i] * b[i];
                    }
                    if (gamma == 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha) * Math.sqrt(beta)) {
                        continue;
                    }
                    rotated = true;
                    // Choose t = tan(theta) (the smaller root) so the rotated columns are orthogonal.
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = zeta == 0 ? 1 : Math.signum(zeta) / (Math.abs(zeta) + Math.hypot(1, zeta));
                    double cs = 1 / Math.sqrt(1 + t * t);
                    double sn = cs * t;
                    for (int i = 0; i < a.length; i++) {
                        double ap = a[i];
                        double aq = b[i];
                        a[i] = cs * ap - sn * aq;
                        b[i] = sn * ap + cs * aq;
                    }
                }
            }
            if (!rotated) {
                return;
            }
        }
    }

    /** Householder similarity transforms to upper Hessenberg form, in place (Golub and Van Loan 7.4.2). */
    private static void reduceToHessenberg(double[][] a) {
        int n = a.length;
        double[] v = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double norm = 0;
            for (int i = k + 1; i < n; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            if (norm == 0) {
                continue;
            }
            double alpha = a[k + 1][k] > 0 ? -norm : norm;
            double vtv = 0;
            for (int i = k + 1; i < n; i++) {
                v[i] = a[i][k];
            }
            v[k + 1] -= alpha;
            for (int i = k + 1; i < n; i++) {
                vtv += v[i] * v[i];
            }
            for (int j = k; j < n; j++) {
                double s = 0;
                for (int i = k + 1; i < n; i++) {
                    s += v[i] * a[i][j];
                }
                double f = 2 * s / vtv;
                for (int i = k + 1; i < n; i++) {
                    a[i][j] -= f * v[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = k + 1; j < n; j++) {
                    s += a[i][j] * v[j];
                }
                double f = 2 * s / vtv;
                for (int j = k + 1; j < n; j++) {
                    a[i][j] -= f * v[j];
                }
            }
            a[k + 1][k] = alpha;
            for (int i = k + 2; i < n; i++) {
                a[i][k] = 0;
            }
        }
    }

    /**
     * Eigenvalues of an upper Hessenberg matrix by Francis double-shift QR steps on the active window
     * {@code [lo, hi]}, deflating a 1x1 or 2x2 block whenever a subdiagonal entry becomes negligible.
     * Entry {@code i} of {@code re, im} is filled when row {@code i} deflates.
     */
    private static void hessenbergEigenvalues(double[][] h, double[] re, double[] im) {
        int n = h.length;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - 1); j < n; j++) {
                norm += Math.abs(h[i][j]);
            }
        }
        int hi = n - 1;
        int iterations = 0;
        int budget = MAX_ITERATIONS_PER_EIGENVALUE * Math.max(1, n);
        while (hi >= 0) {
            int lo = hi;
            while (lo > 0) {
                double s = Math.abs(h[lo - 1][lo - 1]) + Math.abs(h[lo][lo]);
                if (Math.abs(h[lo][lo - 1]) <= EPS * (s == 0 ? norm : s)) {
                    h[lo][lo - 1] = 0;
                    break;
                }
                lo--;
            }
            if (lo == hi) {
                re[hi] = h[hi][hi];
                im[hi] = 0;
                hi--;
                iterations = 0;
            } else if (lo == hi - 1) {
                twoByTwo(h[hi - 1][hi - 1], h[hi - 1][hi], h[hi][hi - 1], h[hi][hi], hi, re, im);
                hi -= 2;
                iterations = 0;
            } else {
                if (--budget < 0) {
                    throw new IllegalStateException("Spectral.eigenvalues: QR iteration did not converge for a "
                            + n + "x" + n + " matrix");
                }
                iterations++;
                francisStep(h, lo, hi, iterations % 10 == 0);
            }
        }
    }

    /** The eigenvalues of {@code [[a, b], [c, d]]} into positions {@code hi - 1} and {@code hi}. */
    private static void twoByTwo(double a, double b, double c, double d, int hi, double[] re, double[] im) {
        double p = 0.5 * (a - d);
        double disc = p * p + b * c;
        if (disc >= 0) {
            // (a + d)/2 +- sqrt(disc) = d + z and d - bc / z, without cancellation.
            double z = p + Math.copySign(Math.sqrt(disc), p);
            re[hi - 1] = d + z;
            re[hi] = z == 0 ? d + z : d - b * c / z;
            im[hi - 1] = 0;
            im[hi] = 0;
        } else {
            double y = Math.sqrt(-disc);
            re[hi - 1] = d + p;
            re[hi] = d + p;
            im[hi - 1] = y;
            im[hi] = -y;
        }
    }

    /**
     * One implicit double-shift QR step on the unreduced window {@code [lo, hi]} (at least 3x3): the shifts
     * are the eigenvalues of the trailing 2x2 block (sum {@code s}, product {@code t}), or, every tenth
     * iteration without deflation, an exceptional pair to break cycles (as EISPACK's {@code hqr}). The first
     * column of {@code (H - s1)(H - s2)} gives the first reflector; the bulge is then chased down.
     */
    private static void francisStep(double[][] h, int lo, int hi, boolean exceptional) {
        double s;
        double t;
        if (exceptional) {
            double ex = Math.abs(h[hi][hi - 1]) + Math.abs(h[hi - 1][hi - 2]);
            double centre = h[hi][hi] + 0.75 * ex;
            s = 2 * centre;
            t = centre * centre + 0.4375 * ex * ex;
        } else {
            s = h[hi - 1][hi - 1] + h[hi][hi];
            t = h[hi - 1][hi - 1] * h[hi][hi] - h[hi - 1][hi] * h[hi][hi - 1];
        }
        double[] u = new double[3];
        u[0] = h[lo][lo] * h[lo][lo] + h[lo][lo + 1] * h[lo + 1][lo] - s * h[lo][lo] + t;
        u[1] = h[lo + 1][lo] * (h[lo][lo] + h[lo + 1][lo + 1] - s);
        u[2] = h[lo + 1][lo] * h[lo + 2][lo + 1];
        for (int k = lo; k <= hi - 2; k++) {
            reflect(h, k, 3, u, Math.max(lo, k - 1), hi, lo, Math.min(k + 3, hi));
            if (k > lo) {
                h[k + 1][k - 1] = 0;
                h[k + 2][k - 1] = 0;
            }
            u[0] = h[k + 1][k];
            u[1] = h[k + 2][k];
            u[2] = k < hi - 2 ? h[k + 3][k] : 0;
        }
        reflect(h, hi - 1, 2, u, hi - 2, hi, lo, hi);
        h[hi][hi - 2] = 0;
    }

    /**
     * Applies the Householder reflector {@code P} that maps {@code u[0..m)} to a multiple of {@code e1}, as
     * {@code H <- P H P} on rows/columns {@code k..k+m-1}: from the left on columns {@code [c0, c1]}, from
     * the right on rows {@code [r0, r1]}.
     */
    private static void reflect(double[][] h, int k, int m, double[] u, int c0, int c1, int r0, int r1) {
        double norm = 0;
        for (int i = 0; i < m; i++) {
            norm = Math.hypot(norm, u[i]);
        }
        if (norm == 0) {
            return;
        }
        double[] v = Arrays.copyOf(u, m);
        v[0] -= u[0] > 0 ? -norm : norm;
        double vtv = 0;
        for (int i = 0; i < m; i++) {
            vtv += v[i] * v[i];
        }
        for (int j = c0; j <= c1; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += v[i] * h[k + i][j];
            }
            double f = 2 * s / vtv;
            for (int i = 0; i < m; i++) {
                h[k + i][j] -= f * v[i];
            }
        }
        for (int i = r0; i <= r1; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += h[i][k + j] * v[j];
            }
            double f = 2 * s / vtv;
            for (int j = 0; j < m; j++) {
                h[i][k + j] -= f * v[j];
            }
        }
    }

    private static double[][] toDouble(Tensor t, double scale) {
        int n = t.dim(0);
        int m = t.dim(1);
        float[] d = t.data();
        double[][] a = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = d[i * m + j] / scale;
            }
        }
        return a;
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static boolean finite(Tensor t) {
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void requireMatrix(Tensor t, String op) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("Spectral." + op + " expects a 2-D matrix but got "
                    + Shapes.str(t.shape()));
        }
    }

    private static void requireSquare(Tensor t, String op) {
        if (t.rank() != 2 || t.dim(0) != t.dim(1)) {
            throw new IllegalArgumentException("Spectral." + op + " expects a square matrix [n, n] but got "
                    + Shapes.str(t.shape()));
        }
    }

    private static void requireFinite(Tensor t, String op) {
        float[] d = t.data();
        int cols = t.dim(1);
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException("Spectral." + op + ": entry [" + (i / cols) + ", " + (i % cols)
                        + "] is " + d[i] + "; the matrix must be finite");
            }
        }
    }
}
