package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import org.junit.jupiter.api.Test;

class CompositeGaussTest {
    private final CompositeGauss rule = new CompositeGauss();

    private static double riemann(Activation f, double s) {
        double sum = 0;
        double h = 1e-4;
        for (int i = -120_000; i <= 120_000; i++) {
            double z = i * h;
            double d = Phi.derivative(f, s * z);
            sum += d * d * Normal.pdf(z) * h;
        }
        return sum;
    }

    @Test
    void resolvesTheNarrowTanhBumpWhereEightyPointGaussHermiteDoesNot() {
        // E[tanh'(sqrt(8) z)^2]: the composite rule matches a 1e-4-step Riemann sum; Gauss-Hermite is 2% off.
        Activation tanh = new Activation.Tanh();
        double s = Math.sqrt(8);
        double brute = riemann(tanh, s);
        java.util.function.DoubleUnaryOperator f = u -> Math.pow(Phi.derivative(tanh, u), 2);
        assertThat(rule.expect(f, s)).isCloseTo(brute, within(1e-10));
        assertThat(Math.abs(new GaussHermite(80).expect(f, s) - brute) / brute).isGreaterThan(1e-2);
    }

    @Test
    void kinksAtZeroAreExact() {
        // E[elu'(z)^2] = P(z > 0) + E[e^(2z); z <= 0] = 1/2 + e^2 Phi(-2).
        Activation elu = new Activation.ELU();
        double exact = 0.5 + Math.exp(2) * Normal.cdf(-2);
        assertThat(rule.expect(u -> Math.pow(Phi.derivative(elu, u), 2), 1)).isCloseTo(exact, within(1e-13));
        assertThat(rule.expect(u -> u * u, 3)).isCloseTo(9, within(1e-12));
    }
}
