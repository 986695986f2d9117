package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import org.junit.jupiter.api.Test;

class MeanFieldTest {
    private final MeanField tanh = new MeanField(new Activation.Tanh());
    private final MeanField relu = new MeanField(new Activation.ReLU());

    @Test
    void reluChiIsHalfTheWeightVariance() {
        // phi'(x)^2 = 1 for x > 0 and 0 otherwise, so E[phi'^2] = 1/2 at every q: chi_1 = sigma_w^2 / 2.
        for (double sw2 : new double[] {0.5, 1, 1.5, 2}) {
            assertThat(relu.at(sw2, 0.05).chi1()).as("sigma_w^2=" + sw2).isCloseTo(sw2 / 2, within(1e-13));
        }
        // Length map E[relu(sqrt(q) z)^2] = q/2, so q* = sigma_b^2 / (1 - sigma_w^2/2) = 0.05 / 0.25 = 0.2.
        assertThat(relu.at(1.5, 0.05).qStar()).isCloseTo(0.2, within(1e-12));
        assertThat(relu.criticalSigmaW2(0.05, 0.5, 4)).isCloseTo(2, within(1e-8));
        // Without biases q* = 0 below the line; chi_1 is the small-q limit, not PyTorch's relu'(0) = 0.
        assertThat(relu.at(1.5, 0).qStar()).isZero();
        assertThat(relu.at(1.5, 0).chi1()).isCloseTo(0.75, within(1e-13));
    }

    @Test
    void reluAboveCriticalHasNoFiniteLengthButKeepsItsChi() {
        MeanField.Point p = relu.at(4, 0);
        assertThat(p.qStar()).isInfinite();
        assertThat(p.chi1()).isCloseTo(2, within(1e-12));
    }

    @Test
    void tanhWithoutBiasesIsCriticalAtUnitWeightVariance() {
        // Schoenholz et al. 2017, fig. 1: the critical line starts at (sigma_w^2, sigma_b^2) = (1, 0), where
        // q* = 0 and chi_1 = sigma_w^2 tanh'(0)^2 = 1.
        assertThat(tanh.criticalSigmaW2(0, 0.5, 4)).isCloseTo(1, within(1e-5));
        assertThat(tanh.at(0.8, 0).qStar()).isZero();
        assertThat(tanh.at(0.8, 0).chi1()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void tanhFixedPointSatisfiesTheLengthMapAndCriticalLineRisesWithBiasVariance() {
        MeanField.Point p = tanh.at(1.5, 0.05);
        assertThat(tanh.lengthMap(p.qStar(), 1.5, 0.05)).isCloseTo(p.qStar(), within(1e-12));
        double c05 = tanh.criticalSigmaW2(0.05, 0.5, 4);
        assertThat(tanh.at(c05, 0.05).chi1()).isCloseTo(1, within(1e-8));
        // Measured here: 1.76095 (Schoenholz et al. fig. 1 shows the line near 1.75 at sigma_b^2 = 0.05).
        assertThat(c05).isBetween(1.7, 1.8);
        assertThat(tanh.criticalSigmaW2(0.2, 0.5, 4)).isGreaterThan(c05);
    }

    @Test
    void phaseFollowsChi() {
        assertThat(MeanField.Phase.of(0.7, 1e-3)).isEqualTo(MeanField.Phase.ORDERED);
        assertThat(MeanField.Phase.of(1.0005, 1e-3)).isEqualTo(MeanField.Phase.CRITICAL);
        assertThat(MeanField.Phase.of(1.3, 1e-3)).isEqualTo(MeanField.Phase.CHAOTIC);
    }

    @Test
    void rejectsBadVariancesAndEmptyBrackets() {
        assertThatThrownBy(() -> tanh.at(0, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma_w^2 must be > 0 and finite, got 0.0");
        assertThatThrownBy(() -> tanh.at(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma_b^2 must be >= 0 and finite, got -1.0");
        assertThatThrownBy(() -> tanh.criticalSigmaW2(0.05, 2, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no critical sigma_w^2 for tanh at sigma_b^2=0.05 in [2.0, 4.0]");
    }
}
