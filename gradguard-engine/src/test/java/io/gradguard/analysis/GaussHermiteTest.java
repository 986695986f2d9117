package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussHermiteTest {
    private final GaussHermite gh = new GaussHermite(80);

    @Test
    void gaussianMomentsAreExact() {
        assertThat(gh.expect(z -> 1)).isCloseTo(1, within(1e-13));
        assertThat(gh.expect(z -> z)).isCloseTo(0, within(1e-13));
        assertThat(gh.expect(z -> z * z)).isCloseTo(1, within(1e-13));
        assertThat(gh.expect(z -> z * z * z * z)).isCloseTo(3, within(1e-12));
        assertThat(gh.expect(z -> Math.pow(z, 8))).isCloseTo(105, within(1e-9)); // 7!! = 105
    }

    @Test
    void smoothExpectationsMatchClosedFormsAndBruteForce() {
        // E[e^z] = e^(1/2); E[cos z] = e^(-1/2).
        assertThat(gh.expect(Math::exp)).isCloseTo(Math.exp(0.5), within(1e-12));
        assertThat(gh.expect(Math::cos)).isCloseTo(Math.exp(-0.5), within(1e-12));
        // E[tanh(z)^2] by the trapezoid rule on [-12, 12], step 1e-4, against the density.
        double brute = 0;
        double h = 1e-4;
        for (int i = -120_000; i <= 120_000; i++) {
            double z = i * h;
            double t = Math.tanh(z);
            brute += t * t * Normal.pdf(z) * h;
        }
        assertThat(gh.expect(z -> Math.tanh(z) * Math.tanh(z))).isCloseTo(brute, within(1e-8));
        assertThat(brute).isCloseTo(0.3942, within(1e-4));
    }

    @Test
    void evenRuleSplitsTheStepFunctionExactlyInHalf() {
        assertThat(gh.expect(z -> z > 0 ? 1 : 0)).isCloseTo(0.5, within(1e-14));
    }

    @Test
    void rejectsPointCountsOutOfRange() {
        assertThatThrownBy(() -> new GaussHermite(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GaussHermite points must be in [2, 150], got 1");
    }
}
