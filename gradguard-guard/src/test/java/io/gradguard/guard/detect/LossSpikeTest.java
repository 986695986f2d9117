package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.within;

class LossSpikeTest {
    private static final LossSpikeConfig FOUR = new LossSpikeConfig(0.9, 4, 3, 4, 20);
    private static final double E = Math.E;

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
        // Warm-up 1, e, 1, e: mean of ln 0.5, std 0.5. Loss e^3: ratio e^2.5 = 12.2 > 3, z = (3 - 0.5) / 0.5 = 5 > 4.
        Incident inc = after(new double[] {1, E, 1, E}, Math.exp(3)).orElseThrow();
        assertThat(inc.kind()).isEqualTo(IncidentKind.LOSS_SPIKE);
        assertThat((Double) inc.evidence().get("z")).isCloseTo(5.0, within(1e-12));
        assertThat((Double) inc.evidence().get("ratio")).isCloseTo(Math.exp(2.5), within(1e-9));
        assertThat(inc.evidence()).containsEntry("log_std", 0.5);
        assertThat(inc.message()).isEqualTo("loss 20.1 is 12.2x its moving average 1.65 (z 5 in log space)");
    }

    @Test
    void bothRulesMustHold() {
        // z = (ln(e^2.4) - 0.5) / 0.5 = 3.8 < 4 although the ratio is e^1.9 = 6.7: quiet.
        assertThat(after(new double[] {1, E, 1, E}, Math.exp(2.4))).isEmpty();
        // A steady loss (std floored at 0.05) rising to 2.5x: z = ln 2.5 / 0.05 = 18 but the ratio is < 3: quiet.
        assertThat(after(new double[] {1, 1, 1, 1}, 2.5)).isEmpty();
        assertThat(after(new double[] {1, 1, 1, 1}, 3.5)).isPresent();
        // A noisy loss (ln spread 1.5) reaching 20x its geometric mean is z = 3 / 1.5 = 2: ordinary for this run.
        assertThat(after(new double[] {Math.exp(-1.5), Math.exp(1.5), Math.exp(-1.5), Math.exp(1.5)}, 20)).isEmpty();
    }

    @Test
    void nonPositiveAndNonFiniteLossesAreIgnored() {
        assertThat(after(new double[] {1, E, 1, E}, Double.NaN)).isEmpty();
        assertThat(after(new double[] {1, E, 1, E}, 0)).isEmpty();
        assertThat(after(new double[] {1, E, 1, E}, -3)).isEmpty();
        LossSpike d = new LossSpike(FOUR);
        d.inspect(Steps.loss(0, Double.POSITIVE_INFINITY), Steps.view(0));
        assertThat(d.state()).containsEntry("warmup_values", List.of());
    }

    @Test
    void respectsTheCooldown() {
        LossSpike d = new LossSpike(new LossSpikeConfig(0.9, 4, 3, 4, 10));
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
