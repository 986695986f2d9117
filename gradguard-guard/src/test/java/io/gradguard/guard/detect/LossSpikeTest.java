package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossSpikeTest {
    private static final LossSpikeConfig FOUR = new LossSpikeConfig(0.9, 4, 3, 6, 20);

    /** A detector warmed on {@code warm} and then shown {@code loss}. */
    private static Optional<Incident> after(double[] warm, double loss) {
        LossSpike d = new LossSpike(FOUR);
        for (int i = 0; i < warm.length; i++) {
            assertThat(d.inspect(Steps.loss(i, warm[i]), Steps.view(i))).isEmpty();
        }
        return d.inspect(Steps.loss(warm.length, loss), Steps.view(warm.length));
    }

    @Test
    void firesWhenTheLossIsBothFarAboveAndUnusual() {
        // Warm-up 1, 2, 1, 2: ema 1.5, std 0.5. Loss 6: ratio 4 > 3 and z = (6 - 1.5) / 0.5 = 9 > 6.
        Incident inc = after(new double[] {1, 2, 1, 2}, 6).orElseThrow();
        assertThat(inc.kind()).isEqualTo(IncidentKind.LOSS_SPIKE);
        assertThat(inc.evidence()).containsEntry("loss", 6.0).containsEntry("ema", 1.5).containsEntry("ratio", 4.0)
                .containsEntry("std", 0.5).containsEntry("z", 9.0);
        assertThat(inc.message()).isEqualTo("loss 6 is 4x its moving average 1.5 (9 sigma above)");
    }

    @Test
    void bothRulesMustHold() {
        // z = 5.8 with ratio 2.93 (4.4 / 1.5): neither passes; 5.0: ratio 3.33 and z = 7 both pass.
        assertThat(after(new double[] {1, 2, 1, 2}, 4.4)).isEmpty();
        assertThat(after(new double[] {1, 2, 1, 2}, 5.0)).isPresent();
        // A steady loss (std 0, z infinite) doubling is not 3x its average: quiet; 3.5x is a spike.
        assertThat(after(new double[] {1, 1, 1, 1}, 2.0)).isEmpty();
        assertThat(after(new double[] {1, 1, 1, 1}, 3.5).orElseThrow().evidence())
                .containsEntry("z", Double.POSITIVE_INFINITY);
        // A noisy loss (ema 1, std 0.9) reaching 4x is only 3.3 sigma: ordinary for this run.
        assertThat(after(new double[] {0.1, 1.9, 0.1, 1.9}, 4.0)).isEmpty();
    }

    @Test
    void aNonPositiveAverageUsesTheZRuleAlone() {
        // ema -1.5, std 0.5; loss 2 is z = 7.
        Incident inc = after(new double[] {-2, -1, -2, -1}, 2).orElseThrow();
        assertThat(inc.evidence()).containsEntry("ema", -1.5).containsEntry("z", 7.0).doesNotContainKey("ratio");
        assertThat(inc.message()).isEqualTo("loss 2 is far above its moving average -1.5 (7 sigma above)");
    }

    @Test
    void nonFiniteLossesAreLeftToNonFinite() {
        assertThat(after(new double[] {1, 2, 1, 2}, Double.NaN)).isEmpty();
        LossSpike d = new LossSpike(FOUR);
        d.inspect(Steps.loss(0, Double.POSITIVE_INFINITY), Steps.view(0));
        assertThat(d.state()).containsEntry("warmup_values", List.of());
    }

    @Test
    void respectsTheCooldown() {
        LossSpike d = new LossSpike(new LossSpikeConfig(0.9, 4, 3, 6, 10));
        List<Long> fired = new ArrayList<>();
        for (long step = 0; step < 40; step++) {
            boolean spike = step == 5 || step == 15 || step == 16 || step == 30;
            d.inspect(Steps.loss(step, spike ? 50 : 1 + 0.1 * (step % 2)), Steps.view(step))
                    .ifPresent(i -> fired.add(i.step()));
        }
        assertThat(fired).containsExactly(5L, 16L, 30L);
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        SplittableRandom rng = new SplittableRandom(9);
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 300; step++) {
            double loss = 2 * Math.exp(-step / 200.0) * (1 + 0.1 * rng.nextGaussian()) * (step % 45 == 44 ? 10 : 1);
            stats.add(Steps.loss(step, loss));
        }
        assertThat(Resume.assertResumes(LossSpikeConfig.defaults(), stats, 7)).hasSizeGreaterThan(4);
        assertThat(Resume.assertResumes(LossSpikeConfig.defaults(), stats, 150)).isNotEmpty();
    }
}
