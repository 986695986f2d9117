package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegularizationRuleTest {
    private static final RegularizationRule RULE = new RegularizationRule();

    private static ModelFacts facts(String optimizer, double weightDecay, double l2) {
        return new ModelFacts(Cases.spiralsFacts(0.01).layers(), optimizer, 0.01, weightDecay, l2, false);
    }

    @Test
    void growingWeightsWithoutAnyDecay() {
        Diagnosis d = Cases.run(RULE, facts("adam", 0, 0), Cases.weightGrowth(2000, 8.1, 99.6)).orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.WEAK_REGULARIZATION);
        assertThat(d.confidence()).isEqualTo(0.7);
        // 99.6 / 8.1 = 12.3.
        assertThat(d.explanation()).contains("grew 12.3x, from 8.1 at step 100 to 99.6 at step 2000",
                "weight_decay 0 and regularization.l2 is 0", "w_j*sigma'(z_j) exceed 1");
        assertThat(d.recommendations()).containsExactly(
                "use optimizer.name: adamw with weight_decay: 0.01 (decoupled decay, Loshchilov and Hutter 2019)",
                "or set optimizer.regularization.l2: 1e-4");
        assertThat(Cases.run(RULE, facts("sgd", 0, 0), Cases.weightGrowth(2000, 8.1, 99.6)).orElseThrow()
                .recommendations().get(0)).isEqualTo("set optimizer.weight_decay: 1e-4");
    }

    @Test
    void weakOrPresentDecayIsRaisedTenfold() {
        Diagnosis weak = Cases.run(RULE, facts("sgd", 5e-5, 0), Cases.weightGrowth(2000, 8, 40)).orElseThrow();
        assertThat(weak.confidence()).isEqualTo(0.55);
        assertThat(weak.recommendations()).containsExactly("raise optimizer.weight_decay from 5e-5 to 5e-4");
        Diagnosis l2 = Cases.run(RULE, facts("sgd", 0, 1e-3), Cases.weightGrowth(2000, 8, 40)).orElseThrow();
        assertThat(l2.confidence()).isEqualTo(0.3);
        assertThat(l2.recommendations()).containsExactly("raise optimizer.regularization.l2 from 0.001 to 0.01");
    }

    @Test
    void quietWithoutWeightGrowth() {
        assertThat(Cases.run(RULE, facts("adam", 0, 0), Cases.lossSpike(4, 5))).isEmpty();
    }
}
