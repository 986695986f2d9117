package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VanishingTest {
    private static StepStats twoLayers(long step, double first) {
        return Steps.of(step, 1.0, List.of(Steps.layer("in", first), Steps.layer("out", 1.0)));
    }

    /** Five layers whose norms shrink by {@code decay} per layer toward the input. */
    private static StepStats decaying(long step, double decay) {
        List<LayerStats> layers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            layers.add(Steps.layer("layers." + i, Math.pow(decay, 4 - i)));
        }
        return Steps.of(step, 1.0, layers);
    }

    private static List<Incident> run(VanishingConfig config, List<StepStats> stats) {
        return Resume.run(config.create(), stats);
    }

    @Test
    void firesAfterPatienceStepsOfATinyRatio() {
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            stats.add(twoLayers(step, 1e-5));
        }
        List<Incident> found = run(VanishingConfig.defaults(), stats);
        assertThat(found).hasSize(1);
        Incident inc = found.get(0);
        assertThat(inc.step()).isEqualTo(19);
        assertThat(inc.layer()).isEqualTo("in");
        assertThat(inc.evidence()).containsEntry("ratio", 1e-5).containsEntry("steps", 20L);
        assertThat(inc.message()).isEqualTo("first layer's gradient norm is 1e-5 of the last layer's, below 0.001 "
                + "for 20 steps");
    }

    @Test
    void aHealthyStepResetsTheRunAndANonFiniteOneDoesNot() {
        List<StepStats> stats = new ArrayList<>();
        int step = 0;
        for (int i = 0; i < 15; i++) {
            stats.add(twoLayers(step++, 1e-5));
        }
        stats.add(twoLayers(step++, 0.5)); // resets
        for (int i = 0; i < 19; i++) {
            stats.add(twoLayers(step++, 1e-5));
        }
        stats.add(Steps.loss(step++, Double.NaN)); // neither counts nor resets
        assertThat(run(VanishingConfig.defaults(), stats)).isEmpty();
        stats.add(twoLayers(step, 1e-5));
        assertThat(run(VanishingConfig.defaults(), stats)).extracting(Incident::step).containsExactly((long) step);
    }

    @Test
    void aGeometricDecayAboveTheRatioAlsoCounts() {
        // Norms 0.3^4 .. 1: first/last 0.0081 > 1e-3, but growth 0.3 < 1/2 with R^2 1.
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            stats.add(decaying(step, 0.3));
        }
        Incident inc = run(VanishingConfig.defaults(), stats).get(0);
        assertThat((Double) inc.evidence().get("decay")).isCloseTo(0.3, within(1e-12));
        assertThat((Double) inc.evidence().get("ratio")).isCloseTo(0.0081, within(1e-12));
        assertThat(inc.message()).startsWith("gradient norms shrink to 0.3x per layer toward the input over 5 layers");
        // 0.6 per layer is above 1/2: quiet.
        List<StepStats> mild = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            mild.add(decaying(step, 0.6));
        }
        assertThat(run(VanishingConfig.defaults(), mild)).isEmpty();
    }

    @Test
    void respectsTheCooldownAndRoundTrips() throws Exception {
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 70; step++) {
            stats.add(twoLayers(step, 1e-5));
        }
        assertThat(run(VanishingConfig.defaults(), stats)).extracting(Incident::step).containsExactly(19L, 40L, 61L);
        assertThat(Resume.assertResumes(VanishingConfig.defaults(), stats, 10)).hasSize(3);
        assertThat(Resume.assertResumes(VanishingConfig.defaults(), stats, 30)).hasSize(2);
    }
}
