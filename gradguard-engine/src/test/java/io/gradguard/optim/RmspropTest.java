package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RMSprop pinned on hand-computed steps from all-ones weights (torch.optim.RMSprop algorithm box). */
class RmspropTest {
    private static final float TOL = 1e-6f;

    /** {@code steps} steps with constant gradient 0.5 on one weight. */
    private static float run(RmspropConfig c, int steps) {
        Toy toy = new Toy(1, 1);
        Optimizer opt = c.build(List.of(toy.weight));
        Toy.setGrad(toy.weight, 0.5f);
        for (int i = 0; i < steps; i++) {
            opt.step();
        }
        return Toy.w(toy.weight)[0];
    }

    @Test
    void plain() {
        // lr 0.01, alpha 0.99, g = 0.5:
        // t=1: v = 0.01*0.25 = 0.0025, sqrt(v) = 0.05, g/d = 10   w = 1 - 0.1 = 0.9
        //      (the first RMSprop step is lr / sqrt(1 - alpha) = 10 lr)
        // t=2: v = 0.99*0.0025 + 0.0025 = 0.004975, sqrt = 0.0705337, g/d = 7.088811   w = 0.8291119
        assertThat(run(RmspropConfig.defaults(), 1)).isCloseTo(0.9f, within(TOL));
        assertThat(run(RmspropConfig.defaults(), 2)).isCloseTo(0.8291119f, within(TOL));
    }

    @Test
    void centeredSubtractsTheSquaredMeanGradient() {
        // t=1: v = 0.0025, grad_avg = 0.01*0.5 = 0.005, v - 0.005^2 = 0.002475, sqrt = 0.04974938
        //      g/d = 10.050376   w = 1 - 0.10050376 = 0.8994962
        // t=2: v = 0.004975, grad_avg = 0.00995, v - grad_avg^2 = 0.0048759975, sqrt = 0.06982835
        //      g/d = 7.160415    w = 0.8278921
        RmspropConfig c = new RmspropConfig(0.01, 0.99, 1e-8, 0, 0, true);
        assertThat(run(c, 1)).isCloseTo(0.8994962f, within(TOL));
        assertThat(run(c, 2)).isCloseTo(0.8278921f, within(TOL));
    }

    @Test
    void momentumAccumulatesNormalisedGradients() {
        // momentum 0.9, buffer starts at 0:
        // t=1: buf = 0 + 10 = 10                   w = 1 - 0.01*10 = 0.9
        // t=2: buf = 0.9*10 + 7.088811 = 16.088811 w = 0.9 - 0.16088811 = 0.7391119
        RmspropConfig c = new RmspropConfig(0.01, 0.99, 1e-8, 0, 0.9, false);
        assertThat(run(c, 1)).isCloseTo(0.9f, within(TOL));
        assertThat(run(c, 2)).isCloseTo(0.7391119f, within(TOL));
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        // weight_decay 1: g' = 0.5 + 1 = 1.5, v = 0.01*2.25 = 0.0225, sqrt = 0.15, g'/d = 10   w = 0.9
        // (the first step is 10 lr whatever g' is; the decay shows in the state)
        Toy toy = Toy.inNetwork(1, 1);
        Optimizer opt = new RmspropConfig(0.01, 0.99, 1e-8, 1, 0, false).build(List.of(toy.weight));
        Toy.setGrad(toy.weight, 0.5f);
        opt.step();
        assertThat(Toy.w(toy.weight)[0]).isCloseTo(0.9f, within(TOL));
        assertThat(opt.state().buffers().get("layers.0.weight").get("square_avg")[0]).isCloseTo(0.0225f, within(1e-9f));
    }

    @Test
    void stateKeysFollowTheSettings() {
        Toy toy = Toy.inNetwork(1, 1);
        Optimizer opt = new RmspropConfig(0.01, 0.99, 1e-8, 0, 0.9, true).build(List.of(toy.weight));
        Toy.setGrad(toy.weight, 0.5f);
        opt.step();
        assertThat(opt.state().buffers().get("layers.0.weight"))
                .containsOnlyKeys("square_avg", "momentum_buffer", "grad_avg");
    }
}
