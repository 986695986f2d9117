package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.nn.Spectral.Eigenvalue;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpectralTest {
    private static Tensor matrix(double[][] rows) {
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                f[i][j] = (float) rows[i][j];
            }
        }
        return Tensor.matrix(f);
    }

    /** A random orthogonal matrix: Gram-Schmidt (twice, for orthogonality to roundoff) on Gaussian columns. */
    private static double[][] orthogonal(Rng rng, int n) {
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += q[i][k] * v[i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= d * q[i][k];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < m; j++) {
                    c[i][j] += a[i][p] * b[p][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static final Comparator<Eigenvalue> ORDER =
            Comparator.comparingDouble(Eigenvalue::re).thenComparingDouble(Eigenvalue::im);

    @Test
    void aScaledRotationHasAComplexPairOfModulusTheScale() {
        // [[c, -s], [s, c]] has eigenvalues c +- i s = e^{+-i theta}; times 0.9 both have modulus 0.9.
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        Tensor r = matrix(new double[][] {{0.9 * c, -0.9 * s}, {0.9 * s, 0.9 * c}});
        List<Eigenvalue> e = Spectral.eigenvalues(r);
        assertThat(e).hasSize(2);
        for (Eigenvalue v : e) {
            assertThat(v.re()).isCloseTo(0.9 * c, within(1e-6));
            assertThat(Math.abs(v.im())).isCloseTo(0.9 * s, within(1e-6));
        }
        assertThat(e.get(0).im()).isEqualTo(-e.get(1).im());
        assertThat(Spectral.spectralRadius(r)).isCloseTo(0.9, within(1e-6));
        assertThat(Spectral.largestSingularValue(r)).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void aRotationInsideALargerMatrixIsFoundByTheQrIteration() {
        // Rotation by 2.0 rad in the (0, 1) plane, 0.5 on axis 2, -0.25 on axis 3, conjugated by a random
        // orthogonal Q: eigenvalues e^{+-2i}, 0.5, -0.25 exactly, with no structure left for the algorithm.
        double c = Math.cos(2.0);
        double s = Math.sin(2.0);
        double[][] d = {{c, -s, 0, 0}, {s, c, 0, 0}, {0, 0, 0.5, 0}, {0, 0, 0, -0.25}};
        double[][] q = orthogonal(new Rng(3), 4);
        Tensor a = matrix(mul(mul(q, d), transpose(q)));
        List<Eigenvalue> e = Spectral.eigenvalues(a).stream().sorted(ORDER).toList();
        double[][] expected = {{c, -s}, {c, s}, {-0.25, 0}, {0.5, 0}};
        Arrays.sort(expected, Comparator.<double[]>comparingDouble(x -> x[0]).thenComparingDouble(x -> x[1]));
        for (int i = 0; i < 4; i++) {
            assertThat(e.get(i).re()).as("re " + i).isCloseTo(expected[i][0], within(1e-6));
            assertThat(e.get(i).im()).as("im " + i).isCloseTo(expected[i][1], within(1e-6));
        }
        assertThat(Spectral.spectralRadius(a)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void diagonalMatricesGiveTheirEntries() {
        Tensor d = matrix(new double[][] {{0.5, 0, 0, 0}, {0, -3, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0}});
        assertThat(Spectral.spectralRadius(d)).isEqualTo(3.0);
        assertThat(Spectral.eigenvalues(d).stream().mapToDouble(Eigenvalue::re).sorted().toArray())
                .containsExactly(-3, 0, 0.5, 2);
        assertThat(Spectral.singularValues(d)).containsExactly(3, 2, 0.5, 0);
        assertThat(Spectral.spectralRadius(Tensor.zeros(3, 3))).isEqualTo(0.0);
        assertThat(Spectral.largestSingularValue(Tensor.zeros(2, 5))).isEqualTo(0.0);
    }

    /**
     * A Jordan-like block J = 0.9 I + N (N the ones on the superdiagonal): every eigenvalue is 0.9, yet
     * ||J||_2 > 1, so ||J^k|| first grows before it decays (the non-normal case where rho < 1 < sigma_max).
     * A defective eigenvalue is only determined to about eps^(1/3) ~ 6e-6 relative by any backward-stable
     * method, hence the looser tolerance. sigma_max is checked against 2000 power iterations on J^T J.
     */
    @Test
    void aJordanBlockHasRadiusBelowItsLargestSingularValue() {
        double f = 0.9f; // the value the float32 tensor holds, so the reference sees the same matrix
        double[][] j = {{f, 1, 0}, {0, f, 1}, {0, 0, f}};
        Tensor t = matrix(j);
        for (Eigenvalue e : Spectral.eigenvalues(t)) {
            assertThat(e.modulus()).isCloseTo(0.9, within(1e-4));
        }
        assertThat(Spectral.spectralRadius(t)).isCloseTo(0.9, within(1e-4));
        double sigma = Spectral.largestSingularValue(t);
        assertThat(sigma).isCloseTo(powerIterationNorm(j), within(1e-9)).isGreaterThan(1.5);
    }

    /** ||A||_2 by power iteration on A^T A, the slow textbook way. */
    private static double powerIterationNorm(double[][] a) {
        double[][] ata = mul(transpose(a), a);
        int n = ata.length;
        double[] v = new double[n];
        Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < 2000; it++) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    w[i] += ata[i][k] * v[k];
                }
            }
            double norm = Math.sqrt(Arrays.stream(w).map(x -> x * x).sum());
            lambda = norm;
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        return Math.sqrt(lambda);
    }

    /**
     * A random Gaussian 40x40 matrix (entries N(0, 1/40), so rho is near 1 by the circular law), against
     * Gelfand's formula rho = lim ||A^k||^(1/k) evaluated at k = 2^12 by repeated squaring with
     * renormalisation; the constant in ||A^k|| ~ C rho^k contributes C^(1/4096), well inside 1%. Also the
     * trace equals the sum of the eigenvalues, and complex ones come in conjugate pairs.
     */
    @Test
    void randomMatrixRadiusAgreesWithGelfandsFormula() {
        int n = 40;
        Rng rng = new Rng(11);
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = (float) (rng.nextGaussian() / Math.sqrt(n));
            }
        }
        Tensor t = matrix(a);
        double rho = Spectral.spectralRadius(t);
        double logNorm = 0;
        double[][] p = a;
        for (int sq = 0; sq < 12; sq++) {
            p = mul(p, p);
            logNorm *= 2;
            double f = Math.sqrt(Arrays.stream(p).flatMapToDouble(Arrays::stream).map(x -> x * x).sum());
            for (double[] row : p) {
                for (int j = 0; j < n; j++) {
                    row[j] /= f;
                }
            }
            logNorm += Math.log(f);
        }
        double gelfand = Math.exp(logNorm / 4096);
        assertThat(rho).isCloseTo(gelfand, within(0.01 * gelfand));
        assertThat(rho).isBetween(0.7, 1.3);
        List<Eigenvalue> e = Spectral.eigenvalues(t);
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i][i];
        }
        assertThat(e.stream().mapToDouble(Eigenvalue::re).sum()).isCloseTo(trace, within(1e-9));
        assertThat(e.stream().mapToDouble(Eigenvalue::im).sum()).isCloseTo(0, within(1e-9));
        assertThat(e.stream().filter(v -> v.im() != 0).count()).isPositive().isEven();
    }

    /**
     * A cyclic permutation's eigenvalues are the n-th roots of unity, all of modulus 1: the classic case where
     * the standard Francis shifts stall (every eigenvalue of the trailing block has the same modulus) and
     * only the exceptional shifts make progress.
     */
    @Test
    void cyclicPermutationsNeedTheExceptionalShifts() {
        for (int n : new int[] {3, 4, 7, 8, 16}) {
            Tensor p = Tensor.zeros(n, n);
            for (int i = 0; i < n; i++) {
                p.set(1f, i, (i + 1) % n);
            }
            List<Eigenvalue> e = Spectral.eigenvalues(p);
            assertThat(e).hasSize(n);
            for (Eigenvalue v : e) {
                assertThat(v.modulus()).as("n=" + n).isCloseTo(1.0, within(1e-9));
            }
            assertThat(Spectral.spectralRadius(p)).isCloseTo(1.0, within(1e-9));
        }
    }

    /**
     * For sizes 1 to 30, the power sums of the eigenvalues equal the traces of the powers:
     * sum lambda_i^k = tr(A^k) for k = 1, 2, 3 (real and imaginary parts), which fails if any eigenvalue is
     * wrong or missing.
     */
    @Test
    void eigenvaluePowerSumsMatchTracesOfPowers() {
        Rng rng = new Rng(12);
        for (int n = 1; n <= 30; n++) {
            double[][] a = new double[n][n];
            for (double[] row : a) {
                for (int j = 0; j < n; j++) {
                    row[j] = (float) rng.nextGaussian();
                }
            }
            List<Eigenvalue> e = Spectral.eigenvalues(matrix(a));
            double[][] power = a;
            for (int k = 1; k <= 3; k++) {
                double trace = 0;
                for (int i = 0; i < n; i++) {
                    trace += power[i][i];
                }
                double re = 0;
                double im = 0;
                for (Eigenvalue v : e) {
                    double r = Math.pow(v.modulus(), k);
                    double phi = k * Math.atan2(v.im(), v.re());
                    re += r * Math.cos(phi);
                    im += r * Math.sin(phi);
                }
                double scale = Math.pow(Math.sqrt(n), k) * n;
                assertThat(re).as("n=%d k=%d", n, k).isCloseTo(trace, within(1e-10 * scale));
                assertThat(im).as("n=%d k=%d", n, k).isCloseTo(0, within(1e-10 * scale));
                power = mul(power, a);
            }
        }
    }

    @Test
    void singularValuesOfAConstructedMatrixAreRecovered() {
        // M = U diag(s) V^T with random orthogonal U (6x6, first 4 columns) and V (4x4).
        Rng rng = new Rng(5);
        double[][] u = orthogonal(rng, 6);
        double[][] v = orthogonal(rng, 4);
        double[] s = {3.0, 1.25, 0.5, 0.001};
        double[][] us = new double[6][4];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                us[i][j] = u[i][j] * s[j];
            }
        }
        Tensor m = matrix(mul(us, transpose(v)));
        double[] got = Spectral.singularValues(m);
        for (int i = 0; i < 4; i++) {
            assertThat(got[i]).isCloseTo(s[i], within(1e-6));
        }
        double[] wide = Spectral.singularValues(matrix(transpose(mul(us, transpose(v)))));
        for (int i = 0; i < 4; i++) {
            assertThat(wide[i]).isCloseTo(s[i], within(1e-6));
        }
        assertThat(Spectral.largestSingularValue(m)).isCloseTo(3.0, within(1e-6));
    }

    @Test
    void largestSingularValueOfARandomMatrixMatchesPowerIteration() {
        Rng rng = new Rng(6);
        double[][] a = new double[12][7];
        for (double[] row : a) {
            for (int j = 0; j < 7; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        Tensor t = matrix(a);
        assertThat(Spectral.largestSingularValue(t)).isCloseTo(powerIterationNorm(a), within(1e-9));
        // sum of sigma_i^2 = ||A||_F^2
        double fro = Arrays.stream(a).flatMapToDouble(Arrays::stream).map(x -> x * x).sum();
        assertThat(Arrays.stream(Spectral.singularValues(t)).map(x -> x * x).sum()).isCloseTo(fro, within(1e-9));
    }

    @Test
    void hugeAndTinyEntriesAreScaledNotOverflowed() {
        // eigenvalues +-2e30 i; compared with the float32 value the tensor holds, to 1e-12 relative
        double b = 2e30f;
        Tensor big = matrix(new double[][] {{0, -b}, {b, 0}});
        assertThat(Spectral.spectralRadius(big)).isCloseTo(b, within(1e-12 * b));
        assertThat(Spectral.largestSingularValue(big)).isCloseTo(b, within(1e-12 * b));
        double t = -3e-30f;
        Tensor tiny = matrix(new double[][] {{1e-30, 0}, {0, t}});
        assertThat(Spectral.spectralRadius(tiny)).isCloseTo(-t, within(1e-12 * -t));
    }

    @Test
    void badInputsAreReported() {
        assertThatThrownBy(() -> Spectral.spectralRadius(Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Spectral.spectralRadius expects a square matrix [n, n] but got [2, 3]");
        assertThatThrownBy(() -> Spectral.largestSingularValue(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Spectral.largestSingularValue expects a 2-D matrix but got [4]");
        Tensor nan = Tensor.zeros(2, 2);
        nan.set(Float.NaN, 1, 0);
        assertThat(Spectral.spectralRadius(nan)).isNaN();
        assertThat(Spectral.largestSingularValue(nan)).isNaN();
        assertThatThrownBy(() -> Spectral.eigenvalues(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Spectral.eigenvalues: entry [1, 0] is NaN; the matrix must be finite");
    }
}
