package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SigmoidWindowTest {
    @Test
    void emptyUpToFourBecauseSigmaPrimeIsAtMostAQuarter() {
        assertThat(SigmoidWindow.width(4)).isZero();
        assertThat(SigmoidWindow.width(-3)).isZero();
        assertThat(SigmoidWindow.numerical(4, 0)).isNull();
        assertThat(SigmoidWindow.interval(2, 1)).isNull();
    }

    @Test
    void closedFormMatchesTheNumericalBoundariesForManyWeightsAndBiases() {
        for (double w : new double[] {4.01, 4.5, 5, 6.9, 10, 20, -7, -15}) {
            for (double b : new double[] {0, 1.3, -4}) {
                SigmoidWindow.Interval exact = SigmoidWindow.interval(w, b);
                SigmoidWindow.Interval num = SigmoidWindow.numerical(w, b);
                assertThat(num.lo()).as("w=%s b=%s", w, b).isCloseTo(exact.lo(), within(1e-9));
                assertThat(num.hi()).as("w=%s b=%s", w, b).isCloseTo(exact.hi(), within(1e-9));
                assertThat(exact.width()).isCloseTo(SigmoidWindow.width(w), within(1e-12));
            }
        }
    }

    @Test
    void handComputedWidthAtWeightEight() {
        // r = sqrt(1 - 4/8) = 0.70710678; c = ln(1.70710678 / 0.29289322) = ln(5.82842712) = 1.76274717;
        // width = 2c/8 = 0.44068679.
        assertThat(SigmoidWindow.width(8)).isCloseTo(0.44068679, within(1e-8));
    }

    @Test
    void widestWindowIsAbout045NearWeight69() {
        // Nielsen ch. 5 quotes "about 0.45" at |w| about 6.9; golden section on the closed form gives
        // 0.447743 at |w| = 6.894 (not 0.4502).
        SigmoidWindow.Peak p = SigmoidWindow.peak();
        assertThat(p.absW()).isCloseTo(6.894, within(1e-3));
        assertThat(p.width()).isCloseTo(0.44774, within(1e-5));
        for (double w = 4; w <= 40; w += 0.01) {
            assertThat(SigmoidWindow.width(w)).isLessThanOrEqualTo(p.width() + 1e-15);
        }
    }
}
