package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectralEstimateTest {
    /** A random n x n orthogonal matrix (Gram-Schmidt on Gaussian columns), row-major, in double. */
    static double[] orthogonal(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] cols = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = rng.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += cols[j][i] * cols[k][i];
                }
                for (int i = 0; i < n; i++) {
                    cols[j][i] -= dot * cols[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += cols[j][i] * cols[j][i];
            }
            for (int i = 0; i < n; i++) {
                cols[j][i] /= Math.sqrt(norm);
            }
        }
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] = cols[j][i];
            }
        }
        return q;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    @Test
    void diagonalGivesItsLargestEntry() {
        assertThat(SpectralEstimate.spectralRadius(new float[] {0.5f, 0, 0, 2}, 0, 2)).isCloseTo(2.0, within(1e-9));
        assertThat(SpectralEstimate.spectralRadius(new float[] {-3f, 0, 0, 1}, 0, 2)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aScaledRotationGivesItsScaleThoughNoVectorIsAnEigenvector() {
        // 1.1 * [[cos 30, -sin 30], [sin 30, cos 30]]: eigenvalues 1.1 e^(+-i pi/6), |lambda| = 1.1. Each step
        // multiplies every vector's norm by 1.1 exactly (up to the float rounding of the entries).
        double c = 1.1 * Math.cos(Math.PI / 6);
        double s = 1.1 * Math.sin(Math.PI / 6);
        float[] a = {(float) c, (float) -s, (float) s, (float) c};
        assertThat(SpectralEstimate.spectralRadius(a, 0, 2)).isCloseTo(1.1, within(1e-6));
        assertThat(SpectralEstimate.largestSingularValue(a, 0, 2)).isCloseTo(1.1, within(1e-6));
    }

    @Test
    void anOrthogonalMatrixHasRadiusAndNormOne() {
        float[] q = toFloat(orthogonal(64, 11));
        assertThat(SpectralEstimate.spectralRadius(q, 0, 64)).isCloseTo(1.0, within(1e-5));
        assertThat(SpectralEstimate.largestSingularValue(q, 0, 64)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void nilpotentMatricesHaveRadiusZero() {
        // The 8 x 8 shift: A^8 = 0 exactly, even in floating point.
        float[] shift = new float[64];
        for (int i = 0; i < 7; i++) {
            shift[i * 8 + i + 1] = 1f;
        }
        assertThat(SpectralEstimate.spectralRadius(shift, 0, 8)).isZero();
        // [[2, -4], [1, -2]] squares to zero: its norm is 5 but its radius 0.
        assertThat(SpectralEstimate.spectralRadius(new float[] {2, -4, 1, -2}, 0, 2)).isZero();
        // Q J Q^T with the 4 x 4 shift J and a random orthogonal Q: rounding the entries to float perturbs them by
        // ~1e-7, which moves a 4-fold zero eigenvalue to about (1e-7)^(1/4) = 0.018; hence the tolerance.
        int n = 4;
        double[] q = orthogonal(n, 3);
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k + 1 < n; k++) {
                    sum += q[i * n + k] * q[j * n + k + 1]; // (Q J Q^T)_ij = sum_k Q_ik Q_j(k+1)
                }
                m[i * n + j] = sum;
            }
        }
        assertThat(SpectralEstimate.spectralRadius(toFloat(m), 0, n)).isLessThan(0.05);
    }

    @Test
    void largestSingularValueOfAKnownMatrix() {
        // A = [[3, 0], [4, 5]]: A^T A = [[25, 20], [20, 25]] has eigenvalues 45 and 5, so sigma_max = sqrt(45);
        // A is triangular, so its eigenvalues are 3 and 5 and its radius 5 < sigma_max (A is not normal).
        float[] a = {3, 0, 4, 5};
        assertThat(SpectralEstimate.largestSingularValue(a, 0, 2)).isCloseTo(Math.sqrt(45), within(1e-9));
        assertThat(SpectralEstimate.spectralRadius(a, 0, 2)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void readsABlockAtAnOffset() {
        // Two stacked 2 x 2 blocks: diag(0.5, 0.25) then diag(3, 1).
        float[] stacked = {0.5f, 0, 0, 0.25f, 3, 0, 0, 1};
        assertThat(SpectralEstimate.spectralRadius(stacked, 0, 2)).isCloseTo(0.5, within(1e-9));
        assertThat(SpectralEstimate.spectralRadius(stacked, 4, 2)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void rejectsBlocksOutsideTheArray() {
        assertThatThrownBy(() -> SpectralEstimate.spectralRadius(new float[8], 5, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a 2x2 block at offset 5 does not fit in an array of 8");
        assertThatThrownBy(() -> SpectralEstimate.largestSingularValue(new float[4], 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("power iteration needs iterations >= 2, got 1");
    }
}
