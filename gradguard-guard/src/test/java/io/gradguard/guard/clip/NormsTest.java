package io.gradguard.guard.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormsTest {

    @Test
    void l2OfThreeFourIsFive() {
        float[] a = {3f, -4f};
        assertThat(Norms.sumOfSquares(a)).isEqualTo(25.0); // 9 + 16
        assertThat(Norms.l2(a)).isEqualTo(5.0);
        assertThat(Norms.sumOfSquares(new float[] {1f, 2f, 3f, 4f}, 1, 3)).isEqualTo(13.0); // 4 + 9
    }

    @Test
    void hugeValuesGiveAFiniteNorm() {
        float[] a = {1e30f, 1e30f, 1e30f, 1e30f};
        double x = 1e30f; // the float nearest 1e30 is 1.0000000150474662e30
        // sqrt(4 x^2) = 2x; in float32 x^2 = 1e60 would overflow (max 3.4e38)
        assertThat(Norms.l2(a)).isEqualTo(2 * x);
        assertThat(Norms.total(List.of(a, a), 2.0)).isCloseTo(2 * Math.sqrt(2) * x, within(1e16));
        assertThat(Norms.l2(new float[] {Float.MAX_VALUE, Float.MAX_VALUE})).isFinite();
    }

    @Test
    void tinyValuesDoNotUnderflow() {
        float[] a = {1e-30f, 1e-30f, 1e-30f, 1e-30f};
        double x = 1e-30f;
        // x^2 = 1e-60 underflows float32 (min subnormal 1.4e-45) but not double; sqrt(4 x^2) = 2x
        assertThat(Norms.l2(a)).isEqualTo(2 * x).isGreaterThan(0);
        assertThat(Norms.l2(new float[] {Float.MIN_VALUE})).isEqualTo((double) Float.MIN_VALUE);
    }

    @Test
    void maxAbsAndL1() {
        float[] a = {1f, -3f, 2f};
        assertThat(Norms.maxAbs(a)).isEqualTo(3.0);
        assertThat(Norms.sumAbs(a)).isEqualTo(6.0);
        assertThat(Norms.maxAbs(new float[0])).isEqualTo(0.0);
    }

    @Test
    void nanPropagatesAndInfinityDominates() {
        float[] nan = {1f, Float.NaN, 5f};
        float[] inf = {1f, Float.POSITIVE_INFINITY};
        assertThat(Norms.l2(nan)).isNaN();
        assertThat(Norms.maxAbs(nan)).isNaN();
        assertThat(Norms.pNorm(nan, 3)).isNaN();
        assertThat(Norms.l2(inf)).isInfinite();
        assertThat(Norms.maxAbs(inf)).isInfinite();
        assertThat(Norms.pNorm(inf, 3)).isInfinite();
        assertThat(Norms.total(List.of(inf, nan), Double.POSITIVE_INFINITY)).isNaN();
    }

    @Test
    void generalPNorm() {
        // (1^3 + 2^3 + 2^3)^(1/3) = 17^(1/3)
        assertThat(Norms.pNorm(new float[] {1f, -2f, 2f}, 3)).isCloseTo(Math.cbrt(17), within(1e-15));
        // p = 10 over 1e30: (2 * x^10)^(1/10) = x * 2^(1/10); x^10 = 1e300 would be near overflow unscaled
        double x = 1e30f;
        assertThat(Norms.pNorm(new float[] {1e30f, 1e30f}, 10)).isCloseTo(x * Math.pow(2, 0.1), within(1e16));
        assertThat(Norms.pNorm(new float[] {0f, 0f}, 3)).isEqualTo(0.0);
        assertThat(Norms.total(List.of(), 3)).isEqualTo(0.0); // PyTorch: empty -> 0
    }

    @Test
    void rowNormsOfATwoByThree() {
        float[] m = {1f, 2f, 2f, 0f, 3f, 4f};
        // row 0: sqrt(1 + 4 + 4) = 3; row 1: sqrt(0 + 9 + 16) = 5
        assertThat(Norms.rowNorms(m, 2, 3)).containsExactly(3.0, 5.0);
        assertThatThrownBy(() -> Norms.rowNorms(m, 4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 x 2 = 8").hasMessageContaining("got 6");
    }

    @Test
    void unitsFollowTimmsUnitwiseNorm() {
        assertThat(Norms.units(new int[] {})).isEqualTo(1);
        assertThat(Norms.units(new int[] {7})).isEqualTo(1);
        assertThat(Norms.units(new int[] {4, 3})).isEqualTo(4);
        assertThat(Norms.units(new int[] {8, 3, 5, 5})).isEqualTo(8);
    }
}
