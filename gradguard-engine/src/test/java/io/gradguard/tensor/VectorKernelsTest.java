package io.gradguard.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Both forms of {@link VectorKernels} against plain loops, over lengths that cover every tail size. */
class VectorKernelsTest {
    private final VectorKernelsImpl simd = Gemm.load("io.gradguard.tensor.VectorKernelsSimd");
    private final VectorKernelsImpl plain = new VectorKernelsImpl.Plain();

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.normal(0, 3);
        }
        return x;
    }

    @Test
    void publicEntryUsesTheVectorFormWhenTheModuleIsPresent() {
        String forced = System.getProperty(Gemm.IMPL_PROPERTY);
        assertThat(VectorKernels.implementation()).isEqualTo(forced == null ? "vector" : forced);
    }

    @Test
    void axpyAndScaleAreBitwiseEqualInBothFormsAndTouchOnlyTheFirstN() {
        Rng rng = new Rng(1).fork("axpy");
        for (int len = 0; len <= 80; len++) {
            int n = Math.max(0, len - len % 5); // n <= len: the tail past n must stay untouched
            float a = (float) rng.normal(0, 1);
            float[] x = random(rng, len);
            float[] y = random(rng, len);
            float[] want = y.clone();
            for (int i = 0; i < n; i++) {
                want[i] = want[i] + a * x[i];
            }
            float[] y1 = y.clone();
            float[] y2 = y.clone();
            simd.axpy(a, x, y1, n);
            plain.axpy(a, x, y2, n);
            assertThat(y1).as("vector axpy, len %d n %d", len, n).isEqualTo(want);
            assertThat(y2).as("plain axpy, len %d n %d", len, n).isEqualTo(want);

            float[] s1 = x.clone();
            float[] s2 = x.clone();
            simd.scale(a, s1, n);
            plain.scale(a, s2, n);
            for (int i = 0; i < len; i++) {
                assertThat(s1[i]).isEqualTo(i < n ? x[i] * a : x[i]);
            }
            assertThat(s2).isEqualTo(s1);
        }
    }

    @Test
    void publicAxpyAndScaleOnAHandExample() {
        float[] x = {1, 2, 3};
        float[] y = {10, 20, 30};
        VectorKernels.axpy(2f, x, y, 3); // [10 + 2, 20 + 4, 30 + 6]
        assertThat(y).containsExactly(12, 24, 36);
        VectorKernels.scale(0.5f, y, 2); // only the first two halve
        assertThat(y).containsExactly(6, 12, 36);
    }

    @Test
    void reluBackwardIsBitwiseEqualInBothFormsWithSpecialValues() {
        Rng rng = new Rng(3).fork("relu");
        float[] special = {0f, -0f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY};
        for (int len = 0; len <= 80; len++) {
            int n = Math.max(0, len - len % 3);
            float[] x = random(rng, len);
            float[] g = random(rng, len);
            float[] gx = random(rng, len);
            for (int i = 0; i < len; i += 5) {
                x[i] = special[i % special.length];
                gx[i] = special[(i + 3) % special.length];
                g[i] = -0f;
            }
            float[] want = gx.clone();
            for (int i = 0; i < n; i++) {
                want[i] += x[i] > 0f ? g[i] : 0f;
            }
            float[] v = gx.clone();
            float[] p = gx.clone();
            simd.reluBackward(x, g, v, n);
            plain.reluBackward(x, g, p, n);
            for (int i = 0; i < len; i++) {
                assertThat(Float.floatToRawIntBits(v[i])).as("vector, len %d i %d", len, i)
                        .isEqualTo(Float.floatToRawIntBits(want[i]));
                assertThat(Float.floatToRawIntBits(p[i])).as("plain, len %d i %d", len, i)
                        .isEqualTo(Float.floatToRawIntBits(want[i]));
            }
        }
    }

    @Test
    void publicReluBackwardOnAHandExample() {
        float[] x = {2, -1, 0, 3};
        float[] g = {10, 20, 30, 40};
        float[] gx = {1, 1, 1, 1};
        VectorKernels.reluBackward(x, g, gx, 4); // only x > 0 passes g
        assertThat(gx).containsExactly(11, 1, 1, 41);
        assertThatThrownBy(() -> VectorKernels.reluBackward(x, g, new float[3], 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gx is outside its 3 elements");
    }

    @Test
    void sumSquaresMatchesAnExactSumOverOffsetsAndTails() {
        Rng rng = new Rng(2).fork("sumsq");
        for (int len = 0; len <= 150; len += 7) {
            float[] x = random(rng, len + 5);
            int off = len % 5;
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = off; i < off + len; i++) {
                exact = exact.add(new BigDecimal(x[i]).multiply(new BigDecimal(x[i])));
            }
            double e = exact.doubleValue();
            // Each of the <= len additions rounds once in double: |error| <= len * 2^-53 * sum.
            double tol = Math.max(len, 1) * Math.ulp(1.0) * e + Double.MIN_VALUE;
            assertThat(simd.sumSquares(x, off, len)).as("vector, len %d", len).isCloseTo(e, within(tol));
            assertThat(plain.sumSquares(x, off, len)).as("plain, len %d", len).isCloseTo(e, within(tol));
        }
    }

    @Test
    void sumSquaresOfHugeFloatsIsFinite() {
        // (3e30)^2 + (4e30)^2 = 2.5e61 overflows float32 (max 3.4e38) but not double.
        float[] x = new float[40];
        x[0] = 3e30f;
        x[37] = 4e30f;
        double want = (double) x[0] * x[0] + (double) x[37] * x[37];
        assertThat(VectorKernels.sumSquares(x, 0, 40)).isEqualTo(want)
                .isCloseTo(2.5e61, within(5e54)); // 3e30f, 4e30f are within 2^-24 relative of 3e30, 4e30
        assertThat(simd.sumSquares(x, 0, 40)).isEqualTo(want);
        assertThat(plain.sumSquares(x, 0, 40)).isEqualTo(want);
        float[] max = new float[33];
        java.util.Arrays.fill(max, Float.MAX_VALUE);
        assertThat(VectorKernels.sumSquares(max, 0, 33)).isFinite();
        assertThat(VectorKernels.sumSquares(new float[] {3, 4}, 0, 2)).isEqualTo(25.0);
    }

    @Test
    void rangesOutsideTheArrayAreRejected() {
        assertThatThrownBy(() -> VectorKernels.axpy(1f, new float[3], new float[2], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axpy").hasMessageContaining("[0, 3) of y").hasMessageContaining("2 elements");
        assertThatThrownBy(() -> VectorKernels.sumSquares(new float[4], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 5) of x");
        assertThatThrownBy(() -> VectorKernels.scale(1f, new float[4], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
    }
}
