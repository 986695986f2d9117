package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.optim.LrSchedule.Constant;
import io.gradguard.optim.LrSchedule.CosineAnnealingLR;
import io.gradguard.optim.LrSchedule.ExponentialLR;
import io.gradguard.optim.LrSchedule.LinearWarmup;
import io.gradguard.optim.LrSchedule.StepLR;
import org.junit.jupiter.api.Test;

/** Schedules against the closed forms of torch.optim.lr_scheduler. */
class LrScheduleTest {
    private static final double TOL = 1e-12;

    private static double[] values(LrSchedule s, double base, int n) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = s.lr(base, t);
        }
        return out;
    }

    @Test
    void constant() {
        assertThat(values(new Constant(), 0.3, 3)).containsExactly(0.3, 0.3, 0.3);
    }

    @Test
    void stepLr() {
        // StepLR(step_size=2, gamma=0.1): lr * 0.1^floor(t/2) -> 1, 1, 0.1, 0.1, 0.01, 0.01 (times lr = 0.5)
        assertThat(values(new StepLR(2, 0.1), 0.5, 6))
                .containsExactly(new double[] {0.5, 0.5, 0.05, 0.05, 0.005, 0.005}, within(TOL));
    }

    @Test
    void exponentialLr() {
        // gamma 0.5: 1, 0.5, 0.25, 0.125 (times lr = 0.2)
        assertThat(values(new ExponentialLR(0.5), 0.2, 4)).containsExactly(0.2, 0.1, 0.05, 0.025);
    }

    @Test
    void cosineAnnealingIsPeriodic() {
        // T_max 4, eta_min 0.1, lr 1: 0.1 + 0.9 * (1 + cos(pi t / 4)) / 2
        //   t=0 -> 1; t=2 -> 0.55; t=4 -> 0.1 (minimum); t=6 -> 0.55; t=8 -> 1 (PyTorch's closed form climbs back)
        CosineAnnealingLR c = new CosineAnnealingLR(4, 0.1);
        assertThat(c.lr(1, 0)).isCloseTo(1.0, within(TOL));
        assertThat(c.lr(1, 1)).isCloseTo(0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2, within(TOL));
        assertThat(c.lr(1, 2)).isCloseTo(0.55, within(TOL));
        assertThat(c.lr(1, 4)).isCloseTo(0.1, within(TOL));
        assertThat(c.lr(1, 6)).isCloseTo(0.55, within(TOL));
        assertThat(c.lr(1, 8)).isCloseTo(1.0, within(TOL));
    }

    @Test
    void linearWarmupThenCosine() {
        // warmup 4 from start_factor 0.2, lr 1: 0.2, 0.4, 0.6, 0.8, then cosine(T_max 2, eta_min 0) at t-4:
        // t=4 -> 1 (continuous with the ramp's end), t=5 -> 0.5, t=6 -> 0
        LrSchedule s = new LinearWarmup(4, 0.2, new CosineAnnealingLR(2, 0));
        assertThat(values(s, 1, 7)).containsExactly(new double[] {0.2, 0.4, 0.6, 0.8, 1.0, 0.5, 0.0}, within(TOL));
        assertThat(s.name()).isEqualTo("linear_warmup");
    }

    @Test
    void warmupIsContinuousAtItsEnd() {
        // the ramp's limit at t -> warmup equals the after-schedule at 0, for every variant that starts at lr
        for (LrSchedule after : new LrSchedule[] {new Constant(), new StepLR(3, 0.5), new ExponentialLR(0.9),
                new CosineAnnealingLR(10, 0.01)}) {
            LinearWarmup w = new LinearWarmup(5, 0.1, after);
            double rampLimit = 0.3 * (0.1 + 0.9 * 5 / 5.0);
            assertThat(w.lr(0.3, 5)).as(after.name()).isCloseTo(rampLimit, within(TOL));
            assertThat(w.lr(0.3, 6)).as(after.name()).isEqualTo(after.lr(0.3, 1));
        }
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new StepLR(0, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StepLR step_size must be >= 1, got 0");
        assertThatThrownBy(() -> new ExponentialLR(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExponentialLR gamma must be > 0, got -0.5");
        assertThatThrownBy(() -> new CosineAnnealingLR(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CosineAnnealingLR T_max must be >= 1, got 0");
        assertThatThrownBy(() -> new CosineAnnealingLR(5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CosineAnnealingLR eta_min must be >= 0, got -1.0");
        assertThatThrownBy(() -> new LinearWarmup(3, 0, new Constant())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LinearWarmup start_factor must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new LinearWarmup(0, 0.5, new Constant())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LinearWarmup warmup must be >= 1, got 0");
        assertThatThrownBy(() -> new LinearWarmup(3, 0.5, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("LinearWarmup after must not be null");
        assertThatThrownBy(() -> new StepLR(2, 0.1).lr(0.1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StepLR t must be >= 0, got -1");
        assertThatThrownBy(() -> new Constant().lr(-0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constant base lr must be > 0, got -0.1");
    }

    @Test
    void names() {
        assertThat(LrSchedule.constant().name()).isEqualTo("constant");
        assertThat(new StepLR(1, 0.5).name()).isEqualTo("step_lr");
        assertThat(new ExponentialLR(0.5).name()).isEqualTo("exponential_lr");
        assertThat(new CosineAnnealingLR(3, 0).name()).isEqualTo("cosine_annealing_lr");
    }
}
