package io.gradguard.nn.init;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/**
 * {@code torch.nn.init.orthogonal_}: QR of a standard normal matrix by Householder reflections, in double.
 * The sign correction {@code Q *= sign(diag(R))} makes the result independent of the QR algorithm's sign
 * convention: it is the Q of the unique QR whose R has a positive diagonal.
 */
final class OrthogonalFill {
    private OrthogonalFill() {
    }

    static void fill(Tensor t, double gain, Rng rng) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("Orthogonal init needs a tensor with 2 or more dimensions, got shape "
                    + Shapes.str(t.shape()));
        }
        if (t.numel() == 0) {
            return;
        }
        int rows = t.dim(0);
        int cols = t.numel() / rows;
        boolean transpose = rows < cols;
        int n = Math.max(rows, cols);
        int m = Math.min(rows, cols);
        // a[i][j] is the n x m matrix to factorise: the normal draws in row-major [rows, cols] order,
        // transposed when rows < cols (as torch does with flattened.t_()).
        double[][] a = new double[n][m];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double z = rng.nextGaussian();
                if (transpose) {
                    a[c][r] = z;
                } else {
                    a[r][c] = z;
                }
            }
        }
        double[][] q = thinQ(a, n, m);
        float[] out = t.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int idx = transpose ? j * cols + i : i * cols + j;
                out[idx] = (float) (gain * q[i][j]);
            }
        }
    }

    /**
     * Householder QR of {@code a} (n x m, n >= m, overwritten); returns the thin Q (n x m) with each column
     * multiplied by the sign of the matching diagonal entry of R (a zero diagonal counts as +1).
     */
    static double[][] thinQ(double[][] a, int n, int m) {
        double[][] vs = new double[m][];
        double[] vnorm2 = new double[m];
        double[] rdiag = new double[m];
        for (int k = 0; k < m; k++) {
            double norm2 = 0;
            for (int i = k; i < n; i++) {
                norm2 += a[i][k] * a[i][k];
            }
            double x0 = a[k][k];
            double alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
            double[] v = new double[n - k];
            for (int i = k; i < n; i++) {
                v[i - k] = a[i][k];
            }
            v[0] -= alpha;
            double vn = 0;
            for (double vi : v) {
                vn += vi * vi;
            }
            vs[k] = v;
            vnorm2[k] = vn;
            if (vn == 0) { // column already zero below and on the diagonal: H = I
                rdiag[k] = x0;
                continue;
            }
            for (int j = k; j < m; j++) {
                double s = 0;
                for (int i = k; i < n; i++) {
                    s += v[i - k] * a[i][j];
                }
                double f = 2 * s / vn;
                for (int i = k; i < n; i++) {
                    a[i][j] -= f * v[i - k];
                }
            }
            rdiag[k] = a[k][k];
        }
        double[][] q = new double[n][m];
        for (int j = 0; j < m; j++) {
            q[j][j] = 1;
        }
        for (int k = m - 1; k >= 0; k--) {
            if (vnorm2[k] == 0) {
                continue;
            }
            double[] v = vs[k];
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = k; i < n; i++) {
                    s += v[i - k] * q[i][j];
                }
                double f = 2 * s / vnorm2[k];
                for (int i = k; i < n; i++) {
                    q[i][j] -= f * v[i - k];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            if (rdiag[j] < 0) {
                for (int i = 0; i < n; i++) {
                    q[i][j] = -q[i][j];
                }
            }
        }
        return q;
    }
}
