package io.gradguard.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OrthogonalTest {
    /** {@code W W^T} (rows <= cols) or {@code W^T W} (rows > cols) of the flattened weight, in double. */
    private static double[][] gram(Tensor w) {
        int rows = w.dim(0);
        int cols = w.numel() / rows;
        float[] d = w.data();
        boolean byRows = rows <= cols;
        int k = byRows ? rows : cols;
        double[][] g = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                int len = byRows ? cols : rows;
                for (int p = 0; p < len; p++) {
                    s += byRows ? (double) d[i * cols + p] * d[j * cols + p]
                            : (double) d[p * cols + i] * d[p * cols + j];
                }
                g[i][j] = s;
            }
        }
        return g;
    }

    private static void assertScaledIdentity(double[][] g, double gain) {
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                assertThat(g[i][j]).as("gram[%d][%d]", i, j).isCloseTo(i == j ? gain * gain : 0, within(1e-4));
            }
        }
    }

    @Test
    void wideWeightHasOrthonormalRowsTimesGain() {
        Tensor w = Tensor.zeros(24, 40);
        new Init.Orthogonal(1.5).fill(w, new Rng(5));
        assertScaledIdentity(gram(w), 1.5);
    }

    @Test
    void tallWeightHasOrthonormalColumnsTimesGain() {
        Tensor w = Tensor.zeros(40, 24);
        new Init.Orthogonal(0.5).fill(w, new Rng(5));
        assertScaledIdentity(gram(w), 0.5);
    }

    @Test
    void squareWeightIsOrthogonal() {
        Tensor w = Tensor.zeros(32, 32);
        new Init.Orthogonal().fill(w, new Rng(11));
        assertScaledIdentity(gram(w), 1);
    }

    @Test
    void convWeightIsFlattenedOverTrailingDimensions() {
        // [6, 2, 3, 3] flattens to [6, 18]: rows <= cols, so W W^T = gain^2 I
        Tensor w = Tensor.zeros(6, 2, 3, 3);
        new Init.Orthogonal(2).fill(w, new Rng(9));
        assertScaledIdentity(gram(w), 2);
    }

    /**
     * The sign correction makes the result the Q of the QR with a positive R diagonal: rebuild the normal
     * matrix A from the same seed (row-major draws, as the initialiser does) and check that
     * {@code R = Q^T A} is upper triangular with a positive diagonal.
     */
    @Test
    void resultIsTheQOfThePositiveDiagonalQrOfTheNormalDraws() {
        int rows = 12;
        int cols = 5;
        Tensor w = Tensor.zeros(rows, cols);
        new Init.Orthogonal().fill(w, new Rng(21));
        Rng same = new Rng(21);
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = same.nextGaussian();
            }
        }
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double r = 0;
                for (int p = 0; p < rows; p++) {
                    r += w.get(p, i) * a[p][j];
                }
                if (i == j) {
                    assertThat(r).as("R[%d][%d]", i, j).isGreaterThan(0.1);
                } else if (i > j) {
                    assertThat(r).as("R[%d][%d]", i, j).isCloseTo(0, within(1e-5));
                }
            }
        }
    }

    @Test
    void zeroElementTensorIsANoOp() {
        Tensor w = Tensor.zeros(0, 4);
        new Init.Orthogonal().fill(w, new Rng(1));
        assertThat(w.numel()).isZero();
    }
}
