package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitScaleRuleTest {
    private static final InitScaleRule RULE = new InitScaleRule();

    private static Incident[] badInitRun() {
        List<Incident> all = new ArrayList<>();
        all.add(Cases.badInitExplosion());
        for (int s = 1; s <= 24; s++) {
            all.add(Cases.modelNaN(s));
        }
        return all.toArray(new Incident[0]);
    }

    @Test
    void measuredExplosionMatchesThePredictedReluGain() {
        Diagnosis d = Cases.run(RULE, Cases.badInitFacts(), badInitRun()).orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.BAD_INIT_SCALE);
        // Measured 5.3918 vs predicted sqrt(32) = 5.6569: agreement exp(-|ln 5.3918 - ln 5.6569| / ln 5.6569)
        // = exp(-0.04800 / 1.73287) = 0.97268; 0.4 + 0.5 * 0.97268 = 0.88634, + 0.05 for the traced overflow.
        assertThat(d.confidence()).isCloseTo(0.93634, within(1e-4));
        assertThat(d.explanation()).contains("grows 5.39x per layer toward the input over layers.0-layers.40",
                "first/last 5.06e14", "init normal (std 1) with relu and fan_in 64",
                "std*sqrt(fan_in/2) = 5.66 per layer over layers.2-layers.38 (19 layers)",
                "24 steps went non-finite from step 1 (traced: forward: op 'linear' in layer 'layers.6'");
        assertThat(d.recommendations()).containsExactly(
                "set model.init: he_normal (predicted gain 1.00 per layer)",
                "add guard.clip: {name: global_norm, max_norm: 1.0} to keep steps bounded meanwhile");
        assertThat(d.evidence()).containsExactly("depth_explosion at step 0",
                "non_finite at steps 1, 2, 3, 4, 5, ... (24 in all)");
    }

    @Test
    void quietWithHeInitOnTheSameEvidence() {
        assertThat(Cases.run(RULE, Cases.heFacts(20), badInitRun())).isEmpty();
    }

    @Test
    void quietWhenTheMeasurementGoesTheOtherWay() {
        // normal(std 1) predicts explosion; a vanishing profile is not its doing.
        Incident vanishing = Cases.incident(50, IncidentKind.VANISHING, "layers.0", "ratio", 1e-8, "decay", 0.4);
        assertThat(Cases.run(RULE, Cases.badInitFacts(), vanishing)).isEmpty();
    }

    @Test
    void pytorchDefaultInitExplainsVanishingInADeepReluNet() {
        ModelFacts f = Cases.mlp(2, 64, 20, "relu", 0, "default", (i, o) -> 1 / Math.sqrt(3 * i), 3, "sgd", 0.1);
        Incident vanishing = Cases.incident(30, IncidentKind.VANISHING, "layers.0", "ratio", 1e-7, "decay", 0.45,
                "r2", 0.99, "signal", "bias", "steps", 20L);
        Diagnosis d = Cases.run(RULE, f, vanishing).orElseThrow();
        // Predicted 1/sqrt(6) = 0.40825; agreement exp(-|ln 0.45 - ln 0.40825| / |ln 0.40825|) = exp(-0.10869)
        // = 0.89701; 0.4 + 0.5 * 0.89701 = 0.84850.
        assertThat(d.confidence()).isCloseTo(0.84850, within(1e-4));
        assertThat(d.explanation()).contains("shrinks to 0.45x per layer", "init default (std 0.0722)",
                "= 0.41 per layer");
        // Vanishing: no clipping advice.
        assertThat(d.recommendations()).containsExactly("set model.init: he_normal (predicted gain 1.00 per layer)");
    }

    @Test
    void quietOnSigmoidWithGlorotBecauseNoInitWouldHelp() {
        assertThat(Cases.run(RULE, Cases.sigmoidFacts(), Cases.sigmoidVanishing(19))).isEmpty();
    }

    @Test
    void overflowAloneWithAnExplosivePredictionFiresWeaker() {
        Diagnosis d = Cases.run(RULE, Cases.badInitFacts(), Cases.modelNaN(1)).orElseThrow();
        assertThat(d.confidence()).isEqualTo(0.55);
        // sqrt(32)^19 = 2^47.5 = 1.99e14.
        assertThat(d.explanation()).contains("a product of 1.99e14 over the chain", "step 1 went non-finite");
    }

    @Test
    void faultsFromOutsideTheModelDoNotBlameTheInit() {
        Optional<Diagnosis> d = Cases.run(RULE, Cases.badInitFacts(), Cases.outsideNaN(5, true),
                Cases.outsideNaN(6, false));
        assertThat(d).isEmpty();
    }

    @Test
    void noClippingAdviceWhenTheGuardAlreadyClips() {
        ModelFacts f = Cases.badInitFacts();
        ModelFacts clipped = new ModelFacts(f.layers(), f.optimizer(), f.lr(), 0, 0, true);
        assertThat(Cases.run(RULE, clipped, Cases.badInitExplosion()).orElseThrow().recommendations()).hasSize(1);
    }

    @Test
    void quietWithoutFactsOrIncidents() {
        assertThat(Cases.run(RULE, ModelFacts.UNKNOWN, badInitRun())).isEmpty();
        assertThat(Cases.run(RULE, Cases.badInitFacts())).isEmpty();
    }
}
