package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrentRuleTest {
    private static final RecurrentRule RULE = new RecurrentRule();

    private static ModelFacts rnn(String kind, boolean clipping) {
        return new ModelFacts(List.of(new LayerFacts("rnn", kind, 16, 32, "default", 0.1, "tanh", 0),
                new LayerFacts("head", "dense", 32, 1, "default", 0.1, null, 0)), "sgd", 0.1, 0, 0, clipping);
    }

    @Test
    void radiusAboveOneWithSpikesNamesTheFixesOfPascanuEtAl() {
        Diagnosis d = Cases.run(RULE, rnn("rnn", false), Cases.recurrent(100, 1.5, 1), Cases.normSpike(120, 50))
                .orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.RECURRENT_SPECTRAL_RADIUS);
        // 0.55 + 0.35 * ln 1.5 / ln 2 (= 0.58496) + 0.05 for the norm spike.
        assertThat(d.confidence()).isCloseTo(0.55 + 0.35 * 0.5849625 + 0.05, within(1e-6));
        // 1.5^10 = 57.67, 1.5^50 = 6.38e8.
        assertThat(d.explanation()).contains("rnn.weight_hh_l0 (H=32) has spectral radius 1.5",
                "largest singular value 1.65", "1.5^T (x57.7 after 10 steps, x6.38e8 after 50)");
        assertThat(d.recommendations()).containsExactly(
                "initialise weight_hh of rnn with orthogonal (gain 1): every singular value 1, so radius 1",
                "add guard.clip: {name: global_norm, max_norm: 1.0} (Pascanu et al. 2013)",
                "replace the rnn layer with lstm or gru (gated paths carry the gradient through time)");
        assertThat(d.evidence()).containsExactly("recurrent_explosion at step 100", "grad_norm_spike at step 120");
    }

    @Test
    void gatedLayerWithClippingOnlyGetsTheInitAdvice() {
        Diagnosis d = Cases.run(RULE, rnn("lstm", true), Cases.recurrent(100, 3.0, 4)).orElseThrow();
        // Radius 3 >= 2 saturates the radius term: 0.55 + 0.35; no explosion seen.
        assertThat(d.confidence()).isCloseTo(0.9, within(1e-12));
        assertThat(d.explanation()).contains("forget gate");
        assertThat(d.recommendations()).hasSize(1);
    }

    @Test
    void gatesTellTheKindWhenFactsDoNot() {
        Diagnosis d = Cases.run(RULE, ModelFacts.UNKNOWN, Cases.recurrent(100, 1.2, 1)).orElseThrow();
        assertThat(d.recommendations()).anyMatch(r -> r.startsWith("replace the rnn layer"));
        assertThat(Cases.run(RULE, ModelFacts.UNKNOWN, Cases.recurrent(100, 1.2, 3)).orElseThrow().recommendations())
                .noneMatch(r -> r.startsWith("replace"));
    }

    @Test
    void quietWithoutRecurrentIncidents() {
        assertThat(Cases.run(RULE, rnn("rnn", false), Cases.normSpike(120, 50), Cases.normSpike(130, 50))).isEmpty();
    }
}
