package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import org.junit.jupiter.api.Test;

class PhiTest {
    @Test
    void doubleFormsAgreeWithTheEngineFloatActivations() {
        for (Activation f : Phi.ALL) {
            for (double x = -6; x <= 6; x += 0.37) {
                float xf = (float) x;
                float y = f.apply(xf);
                assertThat(Phi.apply(f, xf)).as(f.name() + " at " + x).isCloseTo(y, within(1e-6 * (1 + Math.abs(y))));
                assertThat(Phi.derivative(f, xf)).as(f.name() + "' at " + x)
                        .isCloseTo(f.derivative(xf, y), within(2e-6));
            }
        }
    }

    @Test
    void derivativeMatchesCentralDifferences() {
        double h = 1e-6;
        for (Activation f : Phi.ALL) {
            for (double x = -3.05; x <= 3; x += 0.5) {
                double fd = (Phi.apply(f, x + h) - Phi.apply(f, x - h)) / (2 * h);
                assertThat(Phi.derivative(f, x)).as(f.name() + "' at " + x).isCloseTo(fd, within(1e-7));
            }
        }
    }

    @Test
    void normalCdfKnownValues() {
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
        assertThat(Normal.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-14));
        assertThat(Normal.cdf(-5)).isCloseTo(2.866515718791939e-7, within(1e-20)); // scipy.stats.norm.cdf(-5)
    }

    @Test
    void namesResolveAndUnknownNamesListTheChoices() {
        assertThat(Phi.byName("Leaky-ReLU")).isEqualTo(new Activation.LeakyReLU());
        assertThatThrownBy(() -> Phi.byName("swish")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown activation 'swish', expected one of [sigmoid, tanh, relu, leaky_relu, elu, gelu,"
                        + " selu, softplus]");
    }
}
