package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import org.junit.jupiter.api.Test;

class MeanFieldCheckTest {
    @Test
    void measuredGradientGrowthAgreesWithSqrtChiInTheOrderedCriticalAndChaoticPhases() {
        // 50 tanh layers of width 256, batch 32 (about 0.2 s a point). Measured (seed 0): predicted 0.834 /
        // 1.000 / 1.132 per layer, measured 0.830 / 0.993 / 1.130.
        MeanField theory = new MeanField(new Activation.Tanh());
        MeanFieldCheck.Setup s = new MeanFieldCheck.Setup(new Activation.Tanh(), 50, 256, 32, 0);
        double critical = theory.criticalSigmaW2(0.05, 0.5, 4);
        for (double sw2 : new double[] {critical / 2, critical, critical * 2}) {
            MeanFieldCheck.Measurement m = MeanFieldCheck.measure(s, theory, sw2, 0.05);
            assertThat(m.gradNorms()).hasSize(50);
            assertThat(m.agrees()).as("sigma_w^2=" + sw2).isTrue();
            assertThat(m.measuredGrowth()).as("sigma_w^2=" + sw2)
                    .isCloseTo(m.predicted().growthPerLayer(), within(0.02));
        }
    }

    @Test
    void fittedSlopeOfAnExactGeometricSequence() {
        double[] y = {8, 4, 2, 1};
        assertThat(MeanFieldCheck.slope(y)).isCloseTo(-Math.log(2), within(1e-12));
    }

    @Test
    void rejectsTooShallowNetworks() {
        assertThatThrownBy(() -> new MeanFieldCheck.Setup(new Activation.Tanh(), 1, 256, 32, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean-field check depth must be >= 2, got 1");
    }
}
