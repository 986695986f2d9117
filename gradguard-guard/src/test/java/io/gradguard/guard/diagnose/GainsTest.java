package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GainsTest {
    @Test
    void reluWithUnitNormalWeightsPredictsSqrtOfHalfTheFanIn() {
        Gains.Chain c = Gains.chain(Cases.badInitFacts()).orElseThrow();
        // std 1, fan_in 64, ReLU: 1 * sqrt(64 / 2) = sqrt(32) = 5.657 (He et al. 2015, eq. 7).
        assertThat(c.gain()).isCloseTo(Math.sqrt(32), within(1e-12));
        // The chain skips the first dense layer (fan_in 2, the data width) and the linear output layer.
        assertThat(c.layers()).hasSize(19);
        assertThat(c.span()).isEqualTo("layers.2-layers.38 (19 layers)");
        assertThat(c.activation()).isEqualTo("relu");
        assertThat(c.init()).isEqualTo("normal");
        assertThat(c.std()).isEqualTo(1.0);
        assertThat(c.fanIn()).isEqualTo(64);
        Gains.Advice a = Gains.advice(c);
        // he_normal: std sqrt(2/64), so sqrt(2/64) * sqrt(64/2) = 1.
        assertThat(a.spec()).isEqualTo("he_normal");
        assertThat(a.gain()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void pytorchDefaultInitShrinksReluLayersToOneOverSqrtSix() {
        ModelFacts f = Cases.mlp(2, 64, 20, "relu", 0, "default", (i, o) -> 1 / Math.sqrt(3 * i), 3, "sgd", 0.1);
        // std 1/sqrt(3*64): gain sqrt(64/(3*64)) * sqrt(1/2) = 1/sqrt(6) = 0.408.
        assertThat(Gains.chain(f).orElseThrow().gain()).isCloseTo(1 / Math.sqrt(6), within(1e-12));
    }

    @Test
    void sigmoidCapsTheGainAtAQuarterEvenWithGlorot() {
        Gains.Chain c = Gains.chain(Cases.sigmoidFacts()).orElseThrow();
        // xavier_normal 32x32: std sqrt(2/64); 0.25 * sqrt(2/64) * sqrt(32) = 0.25.
        assertThat(c.gain()).isCloseTo(0.25, within(1e-12));
        assertThat(Gains.advice(c).spec()).isEqualTo("xavier_normal");
        assertThat(Gains.advice(c).gain()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void tanhWithGlorotKeepsSquareLayersAtOne() {
        ModelFacts f = Cases.mlp(2, 64, 5, "tanh", 0, "xavier_normal", (i, o) -> Math.sqrt(2 / (i + o)), 3, "sgd", 0.1);
        assertThat(Gains.chain(f).orElseThrow().gain()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void leakyReluCountsItsNegativeSlopeAndGetsHeWithThatSlope() {
        ModelFacts f = Cases.mlp(2, 64, 5, "leaky_relu", 0.2, "normal", (i, o) -> 1.0, 3, "sgd", 0.1);
        Gains.Chain c = Gains.chain(f).orElseThrow();
        // sqrt(64 * (1 + 0.04) / 2) = sqrt(33.28) = 5.769.
        assertThat(c.gain()).isCloseTo(Math.sqrt(33.28), within(1e-12));
        assertThat(Gains.advice(c).spec()).isEqualTo("{name: he_normal, a: 0.2}");
        assertThat(Gains.advice(c).gain()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void linearStackUsesEveryWeightLayerAndLecun() {
        List<LayerFacts> layers = List.of(new LayerFacts("layers.0", "dense", 16, 16, "normal", 0.5, null, 0),
                new LayerFacts("layers.1", "dense", 16, 16, "normal", 0.5, null, 0));
        Gains.Chain c = Gains.chain(new ModelFacts(layers, "sgd", 0.1, 0, 0, false)).orElseThrow();
        // 0.5 * sqrt(16) = 2 per layer.
        assertThat(c.gain()).isCloseTo(2.0, within(1e-12));
        assertThat(c.layers()).hasSize(2);
        assertThat(Gains.advice(c).spec()).isEqualTo("lecun_normal");
        assertThat(Gains.advice(c).gain()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void noChainWithoutAKnownInitStd() {
        List<LayerFacts> layers = List.of(new LayerFacts("layers.0", "dense", 16, 16, "custom", Double.NaN, "relu", 0));
        assertThat(Gains.chain(new ModelFacts(layers, "sgd", 0.1, 0, 0, false))).isEmpty();
        assertThat(Gains.chain(ModelFacts.UNKNOWN)).isEmpty();
    }

    @Test
    void zeroInitHasGainZeroWithoutFailing() {
        ModelFacts f = Cases.mlp(2, 8, 3, "relu", 0, "zeros", (i, o) -> 0.0, 3, "sgd", 0.1);
        assertThat(Gains.chain(f).orElseThrow().gain()).isZero();
    }
}
