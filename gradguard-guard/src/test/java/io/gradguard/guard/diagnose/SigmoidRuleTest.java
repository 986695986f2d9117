package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigmoidRuleTest {
    private static final SigmoidRule RULE = new SigmoidRule();

    @Test
    void deepSigmoidStackHitsTheQuarterBound() {
        Diagnosis d = Cases.run(RULE, Cases.sigmoidFacts(), Cases.sigmoidVanishing(19), Cases.sigmoidVanishing(40))
                .orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.SIGMOID_SATURATION);
        // 0.55 + 0.3 * (10 sigmoid of 10 activated weight layers) + 0.05 (measured decay 0.238 <= 0.5).
        assertThat(d.confidence()).isCloseTo(0.9, within(1e-12));
        // Weight gains std*sqrt(fan_in): layer 0 sqrt(2/34)*sqrt(2) = 0.343, layers 2..18 sqrt(2/64)*sqrt(32) = 1;
        // geometric mean 0.343^(1/10) = 0.899; bound 0.25^10 * 0.343 = 3.27e-7.
        assertThat(d.explanation()).contains("10 weight layers (layers.0-layers.18) feed a sigmoid",
                "0.25^10 * 0.90^10 = 3.27e-7", "xavier_normal, fan_in 32", "measured: 0.238x per layer",
                "first/last 3.23e-7 at step 19");
        assertThat(d.recommendations()).containsExactly(
                "replace sigmoid with relu and set model.init: he_normal (predicted gain 1.00 per layer)",
                "add batchnorm after each dense layer", "add residual connections around the dense+sigmoid blocks");
        assertThat(d.evidence()).containsExactly("vanishing at steps 19, 40");
    }

    @Test
    void quietOnReluNetworksAndWithoutVanishing() {
        assertThat(Cases.run(RULE, Cases.heFacts(10), Cases.sigmoidVanishing(19))).isEmpty();
        assertThat(Cases.run(RULE, Cases.sigmoidFacts(), Cases.badInitExplosion())).isEmpty();
        assertThat(Cases.run(RULE, Cases.sigmoidFacts())).isEmpty();
    }

    @Test
    void oneSigmoidLayerIsNotAChain() {
        List<LayerFacts> layers = new ArrayList<>(Cases.heFacts(3).layers());
        LayerFacts last = layers.remove(layers.size() - 1);
        layers.add(last.withActivation("sigmoid", 0));
        ModelFacts f = new ModelFacts(layers, "sgd", 0.1, 0, 0, false);
        assertThat(Cases.run(RULE, f, Cases.sigmoidVanishing(19))).isEmpty();
    }

    @Test
    void mixedActivationsLowerTheConfidenceAndPresentRemediesAreNotRepeated() {
        List<LayerFacts> layers = new ArrayList<>();
        for (LayerFacts l : Cases.sigmoidFacts().layers()) {
            boolean relu = l.hasWeight() && l.activation() != null && Integer.parseInt(l.name().substring(7)) >= 10;
            layers.add(relu ? l.withActivation("relu", 0) : l);
        }
        layers.add(LayerFacts.plain("norm", "batchnorm", 32, null, 0));
        Diagnosis d = Cases.run(RULE, new ModelFacts(layers, "sgd", 0.1, 0, 0, false), Cases.sigmoidVanishing(19))
                .orElseThrow();
        // Sigmoid after layers.0-layers.8 (5 of 10): 0.55 + 0.3 * 0.5 + 0.05.
        assertThat(d.confidence()).isCloseTo(0.75, within(1e-12));
        assertThat(d.recommendations()).noneMatch(r -> r.contains("batchnorm"));
    }
}
