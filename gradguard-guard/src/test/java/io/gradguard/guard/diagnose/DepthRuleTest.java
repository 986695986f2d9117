package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthRuleTest {
    private static final DepthRule RULE = new DepthRule();

    @Test
    void twentyOneLayersWithoutNormalisationAmplifyTheMeasuredFactor() {
        Diagnosis d = Cases.run(RULE, Cases.badInitFacts(), Cases.badInitExplosion()).orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.DEPTH_WITHOUT_NORMALIZATION);
        // 0.5 + 0.1 * min(1, (21 - 10) / 10).
        assertThat(d.confidence()).isCloseTo(0.6, within(1e-12));
        // 5.3918^20 = exp(20 * 1.68487) = 4.31e14.
        assertThat(d.explanation()).contains("21 weight layers", "multiplies 20 per-layer factors",
                "5.39^20 = 4.31e14");
        assertThat(d.recommendations()).hasSize(2);
        assertThat(d.recommendations().get(0)).startsWith("add batchnorm after each dense layer");
        assertThat(d.recommendations().get(1)).startsWith("add residual connections");
    }

    @Test
    void elevenSigmoidLayersVanish() {
        Diagnosis d = Cases.run(RULE, Cases.sigmoidFacts(), Cases.sigmoidVanishing(19)).orElseThrow();
        assertThat(d.confidence()).isCloseTo(0.51, within(1e-12));
        assertThat(d.explanation()).contains("0.238^10 = 5.8e-7");
    }

    @Test
    void quietWithNormalisationResidualsShallowNetsOrNoDepthIncident() {
        List<LayerFacts> withNorm = new ArrayList<>(Cases.badInitFacts().layers());
        withNorm.add(LayerFacts.plain("layers.41", "layernorm", 3, null, 0));
        List<LayerFacts> withRes = new ArrayList<>(Cases.badInitFacts().layers());
        withRes.add(LayerFacts.plain("layers.41", "residual", 3, null, 0));
        assertThat(Cases.run(RULE, new ModelFacts(withNorm, "sgd", 0.01, 0, 0, false), Cases.badInitExplosion()))
                .isEmpty();
        assertThat(Cases.run(RULE, new ModelFacts(withRes, "sgd", 0.01, 0, 0, false), Cases.badInitExplosion()))
                .isEmpty();
        // 8 hidden + output = 9 weight layers.
        assertThat(Cases.run(RULE, Cases.heFacts(8), Cases.badInitExplosion())).isEmpty();
        assertThat(Cases.run(RULE, Cases.badInitFacts(), Cases.deadUnits(5, 0.9))).isEmpty();
    }
}
