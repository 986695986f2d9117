package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import org.junit.jupiter.api.Test;

class DerivativeRangeTest {
    @Test
    void sigmoidPeaksAtAQuarterAtZero() {
        DerivativeRange r = DerivativeRange.scan(new Activation.Sigmoid());
        assertThat(r.max()).isEqualTo(0.25);
        assertThat(r.argMax()).isZero();
        assertThat(r.risk()).isEqualTo(DerivativeRange.Risk.VANISHING);
    }

    @Test
    void tanhReluLeakyEluAndSoftplusTopOutAtOne() {
        assertThat(DerivativeRange.scan(new Activation.Tanh()).max()).isEqualTo(1.0);
        DerivativeRange relu = DerivativeRange.scan(new Activation.ReLU());
        assertThat(relu.min()).isZero();
        assertThat(relu.max()).isEqualTo(1.0);
        DerivativeRange leaky = DerivativeRange.scan(new Activation.LeakyReLU());
        assertThat(leaky.min()).isCloseTo(0.01, within(1e-8));
        DerivativeRange elu = DerivativeRange.scan(new Activation.ELU());
        assertThat(elu.min()).isCloseTo(Math.exp(-10), within(1e-15)).isPositive();
        assertThat(elu.max()).isEqualTo(1.0);
        DerivativeRange softplus = DerivativeRange.scan(new Activation.Softplus());
        assertThat(softplus.max()).isLessThan(1).isCloseTo(1, within(1e-4)); // sigmoid(10)
        for (Activation a : new Activation[] {new Activation.Tanh(), new Activation.ReLU(), new Activation.ELU(),
            new Activation.Softplus()}) {
            assertThat(DerivativeRange.scan(a).risk()).as(a.name()).isEqualTo(DerivativeRange.Risk.NEUTRAL);
        }
    }

    @Test
    void seluAndGeluExceedOne() {
        DerivativeRange selu = DerivativeRange.scan(new Activation.SELU());
        // scale * alpha * e^0, PyTorch's value at 0 (the x <= 0 branch).
        assertThat(selu.max()).isCloseTo(1.0507009873554805 * 1.6732632423543772, within(1e-6));
        assertThat(selu.risk()).isEqualTo(DerivativeRange.Risk.EXPLODING);
        // gelu'' = phi(x)(2 - x^2) vanishes at +-sqrt 2: max Phi(sqrt2) + sqrt2 phi(sqrt2) = 1.1289,
        // min 1 - 1.1289 = -0.1289 (-0.17 is the minimum of GELU itself, not of its derivative).
        DerivativeRange gelu = DerivativeRange.scan(new Activation.GELU());
        assertThat(gelu.max()).isCloseTo(1.128904, within(1e-6));
        assertThat(gelu.argMax()).isCloseTo(Math.sqrt(2), within(1e-4));
        assertThat(gelu.min()).isCloseTo(-0.128904, within(1e-6));
        assertThat(gelu.argMin()).isCloseTo(-Math.sqrt(2), within(1e-4));
        assertThat(gelu.risk()).isEqualTo(DerivativeRange.Risk.EXPLODING);
    }
}
