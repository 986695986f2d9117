package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadReluRuleTest {
    private static final DeadReluRule RULE = new DeadReluRule();

    @Test
    void adamAtFiveHundredTimesItsDefaultKillsTheRelus() {
        Diagnosis d = Cases.run(RULE, Cases.spiralsFacts(0.5), Cases.deadUnits(51, 0.921875),
                Cases.deadUnits(93, 0.9375)).orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.RELU_DEAD);
        // Worst fraction 0.9375: 0.5 + 0.4 * 0.9375 = 0.875, + 0.05 for lr 0.5 = 500x Adam's default 1e-3.
        assertThat(d.confidence()).isCloseTo(0.925, within(1e-12));
        assertThat(d.explanation()).contains("93.8% of the units of layers.2 (relu)", "(step 93)",
                "layers over the limit: layers.0, layers.2", "sigma'(z) = 0",
                "optimizer adam lr 0.5 is 500x PyTorch's default 0.001");
        // Already He-initialised: no init advice.
        assertThat(d.recommendations()).containsExactly(
                "replace relu with leaky_relu: {negative_slope: 0.01} (sigma'(z) = 0.01 instead of 0 for z < 0)",
                "lower optimizer.lr from 0.5 to 0.05");
        assertThat(d.evidence()).containsExactly("dead_units at steps 51, 93");
    }

    @Test
    void ordinaryLrAndNormalInitGetInitAdvice() {
        ModelFacts f = Cases.mlp(2, 64, 2, "relu", 0, "normal", (i, o) -> 0.1, 3, "adam", 1e-3);
        Diagnosis d = Cases.run(RULE, f, Cases.deadUnits(60, 0.6)).orElseThrow();
        // 0.5 + 0.4 * 0.6, no lr bonus.
        assertThat(d.confidence()).isCloseTo(0.74, within(1e-12));
        assertThat(d.explanation()).doesNotContain("PyTorch's default");
        assertThat(d.recommendations()).contains("set model.init: he_normal");
    }

    @Test
    void anotherActivationOrUnknownFactsLowerTheConfidence() {
        List<LayerFacts> layers = new ArrayList<>();
        for (LayerFacts l : Cases.spiralsFacts(1e-3).layers()) {
            layers.add(l.activation() == null ? l : l.withActivation("tanh", 0));
        }
        Diagnosis tanh = Cases.run(RULE, new ModelFacts(layers, "adam", 1e-3, 0, 0, false), Cases.deadUnits(60, 0.6))
                .orElseThrow();
        assertThat(tanh.confidence()).isEqualTo(0.3);
        Diagnosis unknown = Cases.run(RULE, ModelFacts.UNKNOWN, Cases.deadUnits(60, 0.6)).orElseThrow();
        // 0.45 + 0.3 * 0.6; the lr is unknown, so no lr advice.
        assertThat(unknown.confidence()).isCloseTo(0.63, within(1e-12));
        assertThat(unknown.recommendations()).noneMatch(r -> r.contains("optimizer.lr"));
    }

    @Test
    void quietWithoutDeadUnits() {
        assertThat(Cases.run(RULE, Cases.spiralsFacts(0.5), Cases.lossSpike(10, 8))).isEmpty();
    }
}
