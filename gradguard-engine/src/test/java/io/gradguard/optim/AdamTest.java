package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam, AMSGrad and AdamW pinned on hand-computed steps from all-ones weights (torch.optim algorithm boxes). */
class AdamTest {
    private static final float TOL = 1e-6f;

    /** One-weight runs with the given gradient at each step. */
    private static float run(OptimizerConfig config, float... grads) {
        Toy toy = new Toy(1, 1);
        Optimizer opt = config.build(List.of(toy.weight));
        for (float g : grads) {
            Toy.setGrad(toy.weight, g);
            opt.step();
        }
        return Toy.w(toy.weight)[0];
    }

    @Test
    void twoStepsWithBiasCorrection() {
        // lr 0.1, betas (0.9, 0.999), eps 1e-8.
        // t=1, g=0.5: m = 0.1*0.5 = 0.05, v = 0.001*0.25 = 0.00025
        //   m_hat = 0.05/(1-0.9) = 0.5, v_hat = 0.00025/(1-0.999) = 0.25
        //   w = 1 - 0.1 * 0.5/(sqrt(0.25) + 1e-8) = 0.9 (PyTorch: the first Adam step is lr * sign(g))
        // t=2, g=-1: m = 0.9*0.05 - 0.1 = -0.055, v = 0.999*0.00025 + 0.001 = 0.00124975
        //   m_hat = -0.055/0.19 = -0.2894737, v_hat = 0.00124975/0.001999 = 0.6251876
        //   w = 0.9 + 0.1 * 0.2894737/0.7906881 = 0.9366104
        AdamConfig c = AdamConfig.of(0.1);
        assertThat(run(c, 0.5f)).isCloseTo(0.9f, within(TOL));
        assertThat(run(c, 0.5f, -1f)).isCloseTo(0.9366104f, within(TOL));
    }

    @Test
    void constantGradientMovesLrPerStep() {
        // With a constant g, m_hat = g and v_hat = g^2 at every t, so each step is lr * sign(g) (up to eps).
        assertThat(run(AdamConfig.of(0.1), 0.5f, 0.5f, 0.5f)).isCloseTo(0.7f, within(TOL));
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        // lr 0.1; t=1, g=1: m = 0.1, v = 0.001 -> w = 0.9
        // t=2, g=0.01: m = 0.091, v = 0.999*0.001 + 0.001*1e-4 = 0.0009991 (< 0.001)
        //   plain Adam:  v_hat = 0.0009991/0.001999 = 0.4997999  w = 0.9 - 0.1*0.4789474/0.7069653 = 0.8322531
        //   AMSGrad:     v_max = 0.001, v_hat = 0.5002501       w = 0.9 - 0.1*0.4789474/0.7072836 = 0.8322836
        float plain = run(AdamConfig.of(0.1), 1f, 0.01f);
        float ams = run(new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0, true), 1f, 0.01f);
        assertThat(plain).isCloseTo(0.8322531f, within(TOL));
        assertThat(ams).isCloseTo(0.8322836f, within(TOL));
    }

    @Test
    void amsgradStateHoldsTheMaximum() {
        Toy toy = Toy.inNetwork(1, 1);
        Optimizer opt = new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0, true).build(List.of(toy.weight));
        Toy.setGrad(toy.weight, 1f);
        opt.step();
        Toy.setGrad(toy.weight, 0.01f);
        opt.step();
        var b = opt.state().buffers().get("layers.0.weight");
        assertThat(b).containsOnlyKeys("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        assertThat(b.get("exp_avg_sq")[0]).isCloseTo(0.0009991f, within(1e-9f));
        assertThat(b.get("max_exp_avg_sq")[0]).isCloseTo(0.001f, within(1e-9f));
    }

    @Test
    void adamCouplesWeightDecayAdamWDecouplesIt() {
        // lr 0.1, weight_decay 0.1, g = 0.5.
        // Adam:  t=1 g' = 0.5 + 0.1*1 = 0.6; the first step is lr*sign(g') -> w = 0.9
        //        t=2 g' = 0.5 + 0.1*0.9 = 0.59, m = 0.113, v = 0.00070774 -> w = 0.8000473
        // AdamW: t=1 w = 1*(1 - 0.1*0.1) = 0.99, then - 0.1 -> 0.89
        //        t=2 w = 0.89*0.99 = 0.8811, then m_hat = 0.5, v_hat = 0.25 -> - 0.1 -> 0.7811
        AdamConfig adam = new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0.1, false);
        AdamWConfig adamw = new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.1, false);
        assertThat(run(adam, 0.5f)).isCloseTo(0.9f, within(TOL));
        assertThat(run(adamw, 0.5f)).isCloseTo(0.89f, within(TOL));
        assertThat(run(adam, 0.5f, 0.5f)).isCloseTo(0.8000473f, within(TOL));
        assertThat(run(adamw, 0.5f, 0.5f)).isCloseTo(0.7811f, within(TOL));
    }

    @Test
    void withZeroGradientAdamWOnlyShrinksTheWeights() {
        // g = 0: Adam's coupled decay makes g' = 0.1 and the step is a full lr (w = 0.9);
        // AdamW's m stays 0, so only the decay acts: w = 1 - 0.1*0.1 = 0.99.
        assertThat(run(new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0.1, false), 0f)).isCloseTo(0.9f, within(TOL));
        assertThat(run(new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.1, false), 0f)).isCloseTo(0.99f, within(TOL));
    }

    @Test
    void namesAndDefaults() {
        Toy toy = new Toy(1, 1);
        assertThat(AdamConfig.defaults().build(toy.params()).name()).isEqualTo("adam");
        assertThat(AdamWConfig.defaults().build(toy.params()).name()).isEqualTo("adamw");
        assertThat(AdamConfig.defaults()).isEqualTo(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, false));
        assertThat(AdamWConfig.defaults()).isEqualTo(new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 1e-2, false));
    }
}
