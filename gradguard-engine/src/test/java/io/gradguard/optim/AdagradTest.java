package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Adagrad pinned on hand-computed steps from all-ones weights (torch.optim.Adagrad algorithm box). */
class AdagradTest {
    private static final float TOL = 1e-6f;

    private static float run(AdagradConfig c, int steps) {
        Toy toy = new Toy(1, 1);
        Optimizer opt = c.build(List.of(toy.weight));
        Toy.setGrad(toy.weight, 0.5f);
        for (int i = 0; i < steps; i++) {
            opt.step();
        }
        return Toy.w(toy.weight)[0];
    }

    @Test
    void plainFirstStepIsLr() {
        // lr 0.1, g = 0.5: sum = 0.25, w = 1 - 0.1 * 0.5/0.5 = 0.9
        // t=2: sum = 0.5, w = 0.9 - 0.1 * 0.5/0.7071068 = 0.8292893
        assertThat(run(AdagradConfig.of(0.1), 1)).isCloseTo(0.9f, within(TOL));
        assertThat(run(AdagradConfig.of(0.1), 2)).isCloseTo(0.8292893f, within(TOL));
    }

    @Test
    void lrDecayAndInitialAccumulator() {
        // lr 0.1, lr_decay 0.5, initial_accumulator_value 1, g = 0.5:
        // t=1: clr = 0.1/(1 + 0*0.5) = 0.1, sum = 1 + 0.25 = 1.25, sqrt = 1.118034
        //      w = 1 - 0.1*0.5/1.118034 = 0.9552786
        // t=2: clr = 0.1/(1 + 1*0.5) = 0.0666667, sum = 1.5, sqrt = 1.2247449
        //      w = 0.9552786 - 0.0666667*0.5/1.2247449 = 0.9280621
        AdagradConfig c = new AdagradConfig(0.1, 0.5, 0, 1, 1e-10);
        assertThat(run(c, 1)).isCloseTo(0.9552786f, within(TOL));
        assertThat(run(c, 2)).isCloseTo(0.9280621f, within(TOL));
    }

    @Test
    void accumulatorStartsAtInitialValue() {
        Toy toy = Toy.inNetwork(2, 1);
        Optimizer opt = new AdagradConfig(0.1, 0, 0, 1, 1e-10).build(toy.params());
        Toy.setGrad(toy.weight, 0.5f, 0f);
        opt.step();
        // sum = 1 + g^2: 1.25 and 1
        assertThat(opt.state().buffers().get("layers.0.weight").get("sum")).containsExactly(1.25f, 1f);
    }
}
