package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** SGD pinned on hand-computed steps from all-ones weights (torch.optim.SGD algorithm box). */
class SgdTest {
    private static final float TOL = 1e-6f;

    /** Runs {@code steps} steps of {@code config} on a weight [1, 1] with constant gradient [0.5, -1]. */
    private static float[] run(SgdConfig config, int steps) {
        Toy toy = new Toy(2, 1);
        Optimizer opt = config.build(java.util.List.of(toy.weight));
        Toy.setGrad(toy.weight, 0.5f, -1f);
        for (int i = 0; i < steps; i++) {
            opt.step();
        }
        return Toy.w(toy.weight);
    }

    @Test
    void plainStepIsLrTimesGradient() {
        // w = 1 - 0.1 * 0.5 = 0.95 ; 1 - 0.1 * (-1) = 1.1 ; second step: 0.9 and 1.2
        assertThat(run(SgdConfig.of(0.1), 1)).containsExactly(new float[] {0.95f, 1.1f}, within(TOL));
        assertThat(run(SgdConfig.of(0.1), 2)).containsExactly(new float[] {0.9f, 1.2f}, within(TOL));
    }

    @Test
    void momentumBufferStartsAtTheGradient() {
        // momentum 0.9, lr 0.1, g = 0.5:
        // t=1: buf = g = 0.5                      w = 1 - 0.05 = 0.95
        // t=2: buf = 0.9*0.5 + 0.5 = 0.95         w = 0.95 - 0.095 = 0.855
        // t=3: buf = 0.9*0.95 + 0.5 = 1.355       w = 0.855 - 0.1355 = 0.7195
        SgdConfig c = SgdConfig.withMomentum(0.1, 0.9);
        assertThat(run(c, 1)[0]).isCloseTo(0.95f, within(TOL));
        assertThat(run(c, 2)[0]).isCloseTo(0.855f, within(TOL));
        assertThat(run(c, 3)[0]).isCloseTo(0.7195f, within(TOL));
        // the other coordinate, g = -1: buf = -1, -1.9, -2.71 -> w = 1.1, 1.29, 1.561
        assertThat(run(c, 3)[1]).isCloseTo(1.561f, within(TOL));
    }

    @Test
    void dampeningIsNotAppliedOnTheFirstStep() {
        // momentum 0.9, dampening 0.5, lr 0.1, g = 0.5:
        // t=1: buf = g = 0.5 (PyTorch sets the buffer to g itself)   w = 0.95
        // t=2: buf = 0.9*0.5 + (1-0.5)*0.5 = 0.7                     w = 0.95 - 0.07 = 0.88
        SgdConfig c = new SgdConfig(0.1, 0.9, 0.5, 0, false);
        assertThat(run(c, 1)[0]).isCloseTo(0.95f, within(TOL));
        assertThat(run(c, 2)[0]).isCloseTo(0.88f, within(TOL));
    }

    @Test
    void nesterovLooksAhead() {
        // momentum 0.9, nesterov, lr 0.1, g = 0.5:
        // t=1: buf = 0.5; g' = 0.5 + 0.9*0.5 = 0.95        w = 1 - 0.095 = 0.905
        // t=2: buf = 0.9*0.5 + 0.5 = 0.95; g' = 0.5 + 0.9*0.95 = 1.355   w = 0.905 - 0.1355 = 0.7695
        SgdConfig c = new SgdConfig(0.1, 0.9, 0, 0, true);
        assertThat(run(c, 1)[0]).isCloseTo(0.905f, within(TOL));
        assertThat(run(c, 2)[0]).isCloseTo(0.7695f, within(TOL));
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        // weight_decay 0.1, lr 0.1, g = 0.5:
        // t=1: g' = 0.5 + 0.1*1 = 0.6          w = 1 - 0.06 = 0.94
        // t=2: g' = 0.5 + 0.1*0.94 = 0.594     w = 0.94 - 0.0594 = 0.8806
        SgdConfig c = new SgdConfig(0.1, 0, 0, 0.1, false);
        assertThat(run(c, 1)[0]).isCloseTo(0.94f, within(TOL));
        assertThat(run(c, 2)[0]).isCloseTo(0.8806f, within(TOL));
    }

    @Test
    void gradientIsNotModified() {
        Toy toy = new Toy(2, 1);
        Optimizer opt = new SgdConfig(0.1, 0.9, 0, 0.5, true).build(toy.params());
        Toy.setGrad(toy.weight, 0.5f, -1f);
        opt.step();
        assertThat(toy.weight.grad().data()).containsExactly(0.5f, -1f);
    }

    @Test
    void plainSgdKeepsNoBuffers() {
        Toy toy = Toy.inNetwork(2, 1);
        Optimizer opt = SgdConfig.of(0.1).build(toy.params());
        Toy.setGrad(toy.weight, 1f, 1f);
        opt.step();
        assertThat(opt.state().buffers().get("layers.0.weight")).isEmpty();
        assertThat(opt.name()).isEqualTo("sgd");
    }
}
