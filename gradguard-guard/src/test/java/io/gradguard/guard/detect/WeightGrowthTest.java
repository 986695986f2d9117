package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class WeightGrowthTest {
    /**
     * Costly stats every 10 steps with two layers whose weight norms are 3/5 and 4/5 of {@code total(step)},
     * so the total is exactly sqrt(0.36 + 0.64) * total = total; other steps have no weight norms.
     */
    private static List<StepStats> run(int steps, LongToDoubleFunction total) {
        List<StepStats> out = new ArrayList<>();
        for (long step = 0; step < steps; step++) {
            double t = total.applyAsDouble(step);
            out.add(step % 10 == 0
                    ? Steps.of(step, 1.0, List.of(Steps.weights("a", 0.6 * t), Steps.weights("b", 0.8 * t)))
                    : Steps.loss(step, 1.0));
        }
        return out;
    }

    /** 5 until step 100, then 10% more at each measurement. */
    private static double growing(long step) {
        return step <= 100 ? 5 : 5 * Math.pow(1.1, (step - 100) / 10);
    }

    @Test
    void firesWhenTheNormPassesMaxGrowthTimesItsBaselineWhileRising() {
        List<Incident> found = Resume.run(WeightGrowthConfig.defaults().create(), run(351, WeightGrowthTest::growing));
        // 1.1^k > 10 first at k = 25 (ln 10 / ln 1.1 = 24.2): step 100 + 250 = 350, norm 5 * 1.1^25 = 54.17.
        assertThat(found).hasSize(1);
        Incident inc = found.get(0);
        assertThat(inc.step()).isEqualTo(350);
        assertThat(inc.kind()).isEqualTo(IncidentKind.WEIGHT_GROWTH);
        assertThat((Double) inc.evidence().get("initial")).isCloseTo(5.0, within(1e-12));
        assertThat(inc.evidence()).containsEntry("initial_step", 100L).containsEntry("window", 3);
        assertThat((Double) inc.evidence().get("current")).isCloseTo(54.173530, within(1e-5));
        assertThat((Double) inc.evidence().get("growth")).isCloseTo(10.834706, within(1e-5));
        assertThat(inc.message()).isEqualTo("total weight norm grew 10.8x, from 5 at step 100 to 54.2, and rose at "
                + "each of the last 3 measurements");
    }

    @Test
    void aNormThatJumpedAndSettledIsQuiet() {
        // Growth 12 after one jump, flat afterwards: never rising over the last 3 measurements.
        assertThat(Resume.run(WeightGrowthConfig.defaults().create(), run(600, s -> s < 200 ? 5 : 60))).isEmpty();
    }

    @Test
    void theBaselineIsTakenAfterWarmUp() {
        // From 0.5 at step 0 the norm grows 1.1x per measurement; baseline at step 100 is 0.5 * 1.1^10 = 1.297,
        // so at step 300 (0.5 * 1.1^30 = 8.72) growth is only 1.1^20 = 6.7: quiet, though 17x the initial value.
        assertThat(Resume.run(WeightGrowthConfig.defaults().create(), run(301, s -> 0.5 * Math.pow(1.1, s / 10))))
                .isEmpty();
    }

    @Test
    void nonFiniteWeightNormsAreSkipped() {
        List<StepStats> stats = run(350, WeightGrowthTest::growing);
        stats.add(Steps.of(350, 1.0, List.of(Steps.weights("a", Double.NaN), Steps.weights("b", 1))));
        assertThat(Resume.run(WeightGrowthConfig.defaults().create(), stats)).isEmpty();
    }

    @Test
    void respectsTheCooldownAndRoundTrips() throws Exception {
        List<StepStats> stats = run(500, WeightGrowthTest::growing);
        // Measurements every 10 steps from 350: cool-down 20 lets 350, 380, 410, 440, 470 report.
        assertThat(Resume.run(WeightGrowthConfig.defaults().create(), stats)).extracting(Incident::step)
                .containsExactly(350L, 380L, 410L, 440L, 470L);
        assertThat(Resume.assertResumes(WeightGrowthConfig.defaults(), stats, 50)).hasSize(5);
        assertThat(Resume.assertResumes(WeightGrowthConfig.defaults(), stats, 365)).hasSize(4);
    }
}
