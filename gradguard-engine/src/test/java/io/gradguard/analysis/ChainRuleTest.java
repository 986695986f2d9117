package io.gradguard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChainRuleTest {
    private static ChainRule.Chain chain(Activation phi, int depth, float w, float b, float x) {
        float[] ws = new float[depth];
        float[] bs = new float[depth];
        Arrays.fill(ws, w);
        Arrays.fill(bs, b);
        return new ChainRule.Chain(phi, ws, bs, x, 1f);
    }

    @Test
    void depthOneIsSigmoidPrimeOfTheInputTimesTheLossGradient() {
        // z1 = 2 * 0.5 + 0 = 1, sigma(1) = 0.7310586, sigma'(1) = 0.7310586 * 0.2689414 = 0.1966119.
        ChainRule.Result r = ChainRule.analyze(chain(new Activation.Sigmoid(), 1, 2f, 0f, 0.5f));
        assertThat(r.layers().get(0).z()).isEqualTo(1.0);
        assertThat(r.closedForm()).isCloseTo(0.19661193324148185, within(1e-15));
        assertThat(r.autograd()).isCloseTo(0.1966119, within(1e-7));
    }

    @Test
    void factorsAreSigmaPrimeFirstThenWeightTimesSigmaPrimeAndMultiplyToTheResult() {
        ChainRule.Result r = ChainRule.analyze(chain(new Activation.Sigmoid(), 4, 2f, 0f, 0.5f));
        double product = 1;
        for (ChainRule.Layer l : r.layers()) {
            double expected = l.j() == 1 ? l.derivative() : 2 * l.derivative();
            assertThat(l.factor()).isEqualTo(expected);
            assertThat(l.derivative()).isLessThanOrEqualTo(0.25);
            product *= l.factor();
            assertThat(l.runningProduct()).isCloseTo(product, within(1e-18));
        }
        assertThat(r.closedForm()).isEqualTo(product);
        // Each factor 2 sigma'(z) <= 0.5, so four layers shrink the gradient below 0.25 * 0.5^3.
        assertThat(r.closedForm()).isLessThan(0.25 * 0.125);
    }

    @Test
    void float32AutogradMatchesTheDoubleClosedFormToOneInAMillionForEveryActivationAtDepthFour() {
        for (Activation phi : Phi.ALL) {
            ChainRule.Result r = ChainRule.analyze(chain(phi, 4, 1.5f, 0.1f, 0.5f));
            assertThat(r.relativeDifference()).as(phi.name()).isLessThan(1e-6);
        }
    }

    @Test
    void sigmoidChainStaysWithinOneInAMillionUpToDepthSixteen() {
        // Measured: 1.6e-7 at depth 16, 9.7e-7 at 30, 2.4e-6 at 50 (float32 rounding of y(1 - y) per layer).
        for (int depth : new int[] {2, 8, 16}) {
            ChainRule.Result r = ChainRule.analyze(chain(new Activation.Sigmoid(), depth, 2f, 0f, 0.5f));
            assertThat(r.relativeDifference()).as("depth " + depth).isLessThan(1e-6);
        }
        ChainRule.Result deep = ChainRule.analyze(chain(new Activation.Sigmoid(), 50, 2f, 0f, 0.5f));
        assertThat(deep.relativeDifference()).isLessThan(1e-5);
    }

    @Test
    void lossGradientScalesTheResult() {
        ChainRule.Chain c = new ChainRule.Chain(new Activation.Tanh(), new float[] {1f, 3f}, new float[] {0f, 0f},
                0.2f, -2f);
        ChainRule.Result r = ChainRule.analyze(c);
        assertThat(r.closedForm()).isEqualTo(-2 * r.layers().get(1).runningProduct());
        assertThat(r.relativeDifference()).isLessThan(1e-6);
    }

    @Test
    void rejectsEmptyOrMismatchedChains() {
        assertThatThrownBy(() -> new ChainRule.Chain(new Activation.Sigmoid(), new float[0], new float[0], 0f, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chain depth must be >= 1, got 0");
        assertThatThrownBy(() -> new ChainRule.Chain(new Activation.Sigmoid(), new float[2], new float[3], 0f, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chain has 2 weights but 3 biases");
    }
}
