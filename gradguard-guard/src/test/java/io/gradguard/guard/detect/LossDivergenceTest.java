package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossDivergenceTest {
    /** Loss 1 for steps 0..100, then 1.02^(t - 100): a loss growing 2% per step. */
    private static List<StepStats> exponentialRise(int steps) {
        List<StepStats> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            out.add(Steps.loss(t, t <= 100 ? 1.0 : Math.pow(1.02, t - 100)));
        }
        return out;
    }

    @Test
    void firesWhenTheSmoothedLossKeepsRising() {
        List<Incident> found = Resume.run(LossDivergenceConfig.defaults().create(), exponentialRise(151));
        assertThat(found).hasSize(1);
        Incident inc = found.get(0);
        // With ema_0 = 1 at step 100 and loss_k = 1.02^k, ema_k = 0.95^k + 0.05 * 1.02 * (1.02^k - 0.95^k) / 0.07;
        // at k = 50: 0.95^50 + 0.728571 * (2.691588 - 0.076945) = 1.981899 > 1.5, 50 steps after the low.
        assertThat(inc.step()).isEqualTo(150);
        assertThat(inc.kind()).isEqualTo(IncidentKind.LOSS_DIVERGENCE);
        assertThat(inc.evidence()).containsEntry("start", 1.0).containsEntry("start_step", 100L)
                .containsEntry("steps_rising", 50L);
        assertThat((Double) inc.evidence().get("current")).isCloseTo(1.981899, within(1e-6));
        assertThat((Double) inc.evidence().get("increase")).isCloseTo(0.981899, within(1e-6));
        assertThat(inc.message())
                .isEqualTo("smoothed loss rose from 1 to 1.98 (+98.2%) over 50 steps without a new low");
    }

    @Test
    void aSingleSpikeIsNotADivergence() {
        // The EMA jumps to 1 + 0.05 * 999 = 50.95 at the spike, then only decays: no new high after it.
        List<StepStats> stats = new ArrayList<>();
        for (int t = 0; t < 400; t++) {
            stats.add(Steps.loss(t, t == 100 ? 1000 : 1.0));
        }
        assertThat(Resume.run(LossDivergenceConfig.defaults().create(), stats)).isEmpty();
    }

    @Test
    void aNoisyButFallingLossIsQuiet() {
        SplittableRandom rng = new SplittableRandom(3);
        List<StepStats> stats = new ArrayList<>();
        for (int t = 0; t < 2000; t++) {
            stats.add(Steps.loss(t, (0.2 + 2 * Math.exp(-t / 500.0)) * Math.exp(0.3 * rng.nextGaussian())));
        }
        assertThat(Resume.run(LossDivergenceConfig.defaults().create(), stats)).isEmpty();
    }

    @Test
    void nonFiniteLossesAreSkipped() {
        LossDivergence d = new LossDivergence(LossDivergenceConfig.defaults());
        d.inspect(Steps.loss(0, 1.0), Steps.view(0));
        var before = d.state();
        assertThat(d.inspect(Steps.loss(1, Double.NaN), Steps.view(1))).isEmpty();
        assertThat(d.state()).isEqualTo(before);
    }

    @Test
    void respectsTheCooldown() {
        // The EMA makes a new high every step from 101 on; with cool-down 20 it reports at 150, 171, 192.
        List<Incident> found = Resume.run(LossDivergenceConfig.defaults().create(), exponentialRise(200));
        assertThat(found).extracting(Incident::step).containsExactly(150L, 171L, 192L);
        assertThat(found.get(2).evidence()).containsEntry("start", 1.0).containsEntry("steps_rising", 92L);
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        List<StepStats> stats = exponentialRise(200);
        assertThat(Resume.assertResumes(LossDivergenceConfig.defaults(), stats, 0)).hasSize(3);
        assertThat(Resume.assertResumes(LossDivergenceConfig.defaults(), stats, 120)).hasSize(3);
        assertThat(Resume.assertResumes(LossDivergenceConfig.defaults(), stats, 160)).hasSize(2);
    }

    @Test
    void lateNoiseAfterLargeProgressIsNotDivergence() {
        // A converged run: the loss fell from 1.1 to about 0.012, and late noise doubles the smoothed loss.
        // Relative to the low that is +100%, but it gives back only ~1% of the progress: no incident.
        Detector d = LossDivergenceConfig.defaults().create();
        java.util.List<Incident> found = new java.util.ArrayList<>();
        long step = 0;
        for (; step < 400; step++) {
            double loss = 0.012 + 1.088 * Math.exp(-step / 40.0);
            d.inspect(Steps.loss(step, loss), null).ifPresent(found::add);
        }
        for (; step < 600; step++) {
            d.inspect(Steps.loss(step, 0.012 + 0.00012 * (step - 400)), null).ifPresent(found::add);
        }
        assertThat(found).isEmpty();
        // Climbing back to 0.6, half of the progress given back, is divergence.
        for (; step < 800 && found.isEmpty(); step++) {
            d.inspect(Steps.loss(step, 0.036 + 0.005 * (step - 600)), null).ifPresent(found::add);
        }
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("of the progress from");
        assertThat((Double) found.get(0).evidence().get("reference")).isGreaterThan(1.0);
    }
}
