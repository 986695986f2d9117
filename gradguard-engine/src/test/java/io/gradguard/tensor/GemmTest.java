package io.gradguard.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both GEMM backends against the double-accumulating triple loop in {@link GemmReference}. */
class GemmTest {
    private static final int[] EDGE = {1, 3, 7, 16, 17, 33, 65, 129, 257};
    private static final float SENTINEL = -12345f;

    static Stream<String> backends() {
        return Stream.of("vector", "scalar");
    }

    /** One random problem with padded strides and offsets; C's padding holds a sentinel. */
    record Problem(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, float[] a, int aOff,
                   int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        static Problem random(Rng rng, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                              boolean padded) {
            int aRows = ta ? k : m;
            int aCols = ta ? m : k;
            int bRows = tb ? n : k;
            int bCols = tb ? k : n;
            int lda = aCols + (padded ? 1 + rng.nextInt(5) : 0);
            int ldb = bCols + (padded ? 1 + rng.nextInt(5) : 0);
            int ldc = n + (padded ? 1 + rng.nextInt(5) : 0);
            int aOff = padded ? rng.nextInt(9) : 0;
            int bOff = padded ? rng.nextInt(9) : 0;
            int cOff = padded ? rng.nextInt(9) : 0;
            float[] a = fill(rng, aOff + aRows * lda);
            float[] b = fill(rng, bOff + bRows * ldb);
            float[] c = new float[cOff + m * ldc + 3];
            Arrays.fill(c, SENTINEL);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] = (float) rng.uniform(-1, 1);
                }
            }
            return new Problem(ta, tb, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }

        float[] run(GemmBackend backend, int threads) {
            float[] out = c.clone();
            Gemm.sgemm(backend, threads, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        float[] reference() {
            float[] out = c.clone();
            GemmReference.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        /**
         * Checks every element of C within the float32 accumulation bound {@code (k + 3) * 2^-23 * s}, where
         * {@code s = |alpha| sum_p |a_ip b_pj| + |beta c_ij|} (Higham, Accuracy and Stability, section 3.1),
         * and that the padding of C is untouched.
         */
        void check(float[] got) {
            float[] want = reference();
            double eps = (k + 3) * Math.ulp(1f);
            for (int x = 0; x < got.length; x++) {
                int i = (x - cOff) / Math.max(1, ldc);
                int j = (x - cOff) - i * ldc;
                boolean inside = x >= cOff && i < m && j < n;
                if (!inside) {
                    assertThat(got[x]).as("padding of C at %d", x).isEqualTo(SENTINEL);
                    continue;
                }
                double s = Math.abs(beta) * Math.abs(c[x]);
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += Math.abs(alpha) * Math.abs((double) av * bv);
                }
                assertThat((double) got[x]).as("C[%d,%d] of %s", i, j, this)
                        .isCloseTo(want[x], org.assertj.core.data.Offset.offset(eps * s + 1e-30));
            }
        }

        @Override
        public String toString() {
            return "sgemm(ta=" + ta + ", tb=" + tb + ", m=" + m + ", n=" + n + ", k=" + k + ", alpha=" + alpha
                    + ", beta=" + beta + ", lda=" + lda + ", ldb=" + ldb + ", ldc=" + ldc + ")";
        }
    }

    private static float[] fill(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.uniform(-1, 1);
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void randomEdgeShapesAllTransposesMatchReference(String name) {
        GemmBackend backend = Gemm.select(name);
        Rng rng = new Rng(42).fork("edge-shapes-" + name);
        float[] alphas = {1f, -0.5f, 2f};
        float[] betas = {0f, 1f, 0.25f};
        for (int trial = 0; trial < 48; trial++) {
            int m = EDGE[rng.nextInt(EDGE.length)];
            int n = EDGE[rng.nextInt(EDGE.length)];
            int k = EDGE[rng.nextInt(EDGE.length)];
            if ((long) m * n * k > 257L * 129 * 65) { // keep the reference loop fast
                k = 7;
            }
            boolean ta = (trial & 1) != 0;
            boolean tb = (trial & 2) != 0;
            Problem pr = Problem.random(rng, ta, tb, m, n, k, alphas[trial % 3], betas[(trial / 3) % 3],
                    trial % 2 == 0);
            pr.check(pr.run(backend, 1));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everySmallShapeAndTransposeMatchesReference(String name) {
        GemmBackend backend = Gemm.select(name);
        Rng rng = new Rng(7).fork("small-" + name);
        for (int m = 1; m <= 8; m++) {
            for (int n : new int[] {1, 2, 15, 16, 17, 33}) {
                for (int k : new int[] {1, 2, 5}) {
                    for (int t = 0; t < 4; t++) {
                        Problem pr = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, m, n, k, 1.5f, 0.5f, true);
                        pr.check(pr.run(backend, 1));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void deepKAndWideNCrossEveryCacheBlock(String name) {
        // k > KC (256) and n > the scalar NC (512) exercise the beta handling of later k blocks.
        GemmBackend backend = Gemm.select(name);
        Rng rng = new Rng(3).fork("blocks-" + name);
        for (int t = 0; t < 4; t++) {
            Problem pr = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, 13, 530, 600, 0.75f, -1f, true);
            pr.check(pr.run(backend, 1));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void multithreadedPathMatchesReferenceAndIsBitwiseIndependentOfThreadCount(String name) {
        GemmBackend backend = Gemm.select(name);
        Rng rng = new Rng(11).fork("threads-" + name);
        for (int t = 0; t < 4; t++) {
            Problem pr = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, 157, 211, 300, 1f, t < 2 ? 0f : 0.5f, true);
            assertThat((long) pr.m() * pr.n() * pr.k()).isGreaterThan(Gemm.PARALLEL_MIN_WORK);
            float[] one = pr.run(backend, 1);
            pr.check(one);
            for (int threads : new int[] {2, 3, 4, 7}) {
                assertThat(pr.run(backend, threads)).as("%s on %d threads", pr, threads).isEqualTo(one);
            }
            assertThat(pr.run(backend, 2)).as("second run").isEqualTo(one);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void multithreadedPathCrossesTheSharedPackingChunks(String name) {
        // m > GemmVector.M_CHUNK (2304) and n > GemmVector.NC (4096), each above the parallel threshold.
        GemmBackend backend = Gemm.select(name);
        Rng rng = new Rng(13).fork("chunks-" + name);
        for (int[] s : new int[][] {{2400, 40, 12}, {8, 4200, 20}}) {
            for (int t = 0; t < 4; t++) {
                Problem pr = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0.5f, true);
                assertThat((long) pr.m() * pr.n() * pr.k()).isGreaterThan(Gemm.PARALLEL_MIN_WORK);
                float[] one = pr.run(backend, 1);
                pr.check(one);
                assertThat(pr.run(backend, 3)).as("%s on 3 threads", pr).isEqualTo(one);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void betaZeroOverwritesNaNInC(String name) {
        GemmBackend backend = Gemm.select(name);
        Rng rng = new Rng(5).fork("nan-" + name);
        for (int[] s : new int[][] {{3, 5, 4}, {40, 70, 90}, {100, 100, 100}}) {
            Problem pr = Problem.random(rng, false, true, s[0], s[1], s[2], 1f, 0f, false);
            float[] c = pr.c().clone();
            Arrays.fill(c, Float.NaN);
            Gemm.sgemm(backend, 2, false, true, pr.m(), pr.n(), pr.k(), 1f, pr.a(), 0, pr.lda(), pr.b(), 0,
                    pr.ldb(), 0f, c, 0, pr.ldc());
            for (int x = 0; x < c.length; x++) {
                if (x < pr.m() * pr.ldc()) {
                    assertThat(c[x]).as("C element %d of %s", x, pr).isFinite();
                } else {
                    assertThat(c[x]).as("past the end of C").isNaN();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void degenerateSizesAndAlphaZeroOnlyScaleC(String name) {
        GemmBackend backend = Gemm.select(name);
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        // k = 0: C = beta * C (BLAS), so 2 * [1, 2; 3, 4].
        float[] c = {1, 2, 3, 4};
        Gemm.sgemm(backend, 1, false, false, 2, 2, 0, 1f, a, 0, 0, b, 0, 2, 2f, c, 0, 2);
        assertThat(c).containsExactly(2, 4, 6, 8);
        // alpha = 0 and beta = 0: zeros, even over NaN, without reading A or B.
        float[] d = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.sgemm(backend, 1, false, false, 2, 2, 2, 0f, new float[] {Float.NaN, 0, 0, 0}, 0, 2, b, 0, 2, 0f, d,
                0, 2);
        assertThat(d).containsExactly(0, 0, 0, 0);
        // m = 0 and n = 0: nothing touched.
        float[] e = {9};
        Gemm.sgemm(backend, 1, false, false, 0, 1, 2, 1f, a, 0, 2, b, 0, 1, 0f, e, 0, 1);
        Gemm.sgemm(backend, 1, false, false, 1, 0, 2, 1f, a, 0, 2, b, 0, 0, 0f, e, 0, 0);
        assertThat(e).containsExactly(9);
        // 1x1x1: 2 * (3 * 4) + 0.5 * 10 = 29.
        float[] f = {10};
        Gemm.sgemm(backend, 1, true, true, 1, 1, 1, 2f, new float[] {3}, 0, 1, new float[] {4}, 0, 1, 0.5f, f, 0, 1);
        assertThat(f).containsExactly(29);
    }

    @Test
    void publicEntryUsesTheVectorBackendWhenTheModuleIsPresent() {
        // Surefire runs with --add-modules=jdk.incubator.vector (parent pom vector.flag).
        assertThat(Gemm.vectorModulePresent()).isTrue();
        String forced = System.getProperty(Gemm.IMPL_PROPERTY);
        assertThat(Gemm.implementation()).isEqualTo(forced == null ? "vector" : forced);
        // [1 2; 3 4] [5 6; 7 8] = [19 22; 43 50]
        Tensor c = Gemm.matmul(Tensor.matrix(new float[][] {{1, 2}, {3, 4}}), false,
                Tensor.matrix(new float[][] {{5, 6}, {7, 8}}), false);
        assertThat(c.data()).containsExactly(19, 22, 43, 50);
    }

    @Test
    void unknownImplementationNameIsRejected() {
        assertThatThrownBy(() -> Gemm.select("cuda"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradguard.gemm").hasMessageContaining("'cuda'");
    }

    @Test
    void badArgumentsNameTheOffendingField() {
        float[] x = new float[6];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 3, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lda=2").hasMessageContaining("stored A [2, 3]");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stored C [2, 2]").hasMessageContaining("offset 3")
                .hasMessageContaining("needs 7").hasMessageContaining("has 6");
        assertThatThrownBy(() -> Gemm.matmul(Tensor.zeros(2, 3), false, Tensor.zeros(2, 3), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3] x [2, 3]");
    }
}
