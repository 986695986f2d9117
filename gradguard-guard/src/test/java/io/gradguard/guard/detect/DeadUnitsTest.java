package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadUnitsTest {
    /** Layer a 70% dead from step 0, b 90% dead from step 10, c 20% dead. */
    private static List<StepStats> run(int steps) {
        List<StepStats> out = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            out.add(Steps.of(step, 1.0, List.of(Steps.dead("a", 0.7), Steps.dead("b", step >= 10 ? 0.9 : 0.1),
                    Steps.dead("c", 0.2))));
        }
        return out;
    }

    @Test
    void reportsTheWorstLayerOverTheLimitForPatienceSteps() {
        List<Incident> found = Resume.run(DeadUnitsConfig.defaults().create(), run(80));
        // a reaches 50 steps at step 49; b at 59 but the cool-down holds until 70, when b is the worst.
        assertThat(found).extracting(Incident::step).containsExactly(49L, 70L);
        Incident first = found.get(0);
        assertThat(first.layer()).isEqualTo("a");
        assertThat(first.evidence()).containsEntry("layer", "a").containsEntry("fraction", 0.7)
                .containsEntry("steps", 50L).containsEntry("layers", List.of("a"));
        assertThat(first.message()).isEqualTo("70% of the units of layer 'a' have had an all-zero gradient for 50 "
                + "steps (limit 50%)");
        assertThat(found.get(1).evidence()).containsEntry("layer", "b").containsEntry("fraction", 0.9)
                .containsEntry("steps", 61L).containsEntry("layers", List.of("a", "b"));
    }

    @Test
    void aStepAtOrBelowTheLimitOrWithoutAFractionResetsTheLayer() {
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 100; step++) {
            double f = step == 40 ? 0.5 : step == 80 ? Double.NaN : 0.7;
            stats.add(Steps.of(step, 1.0, List.of(Steps.dead("a", f))));
        }
        // Runs 0..39, 41..79, 81..99: the longest has 39 steps.
        assertThat(Resume.run(DeadUnitsConfig.defaults().create(), stats)).isEmpty();
    }

    @Test
    void nonFiniteStepsAreSkipped() {
        List<StepStats> stats = new ArrayList<>(run(49));
        stats.add(Steps.of(49, Double.NaN, List.of(Steps.dead("a", 0.7))));
        assertThat(Resume.run(DeadUnitsConfig.defaults().create(), stats)).isEmpty();
        stats.add(Steps.of(50, 1.0, List.of(Steps.dead("a", 0.7))));
        assertThat(Resume.run(DeadUnitsConfig.defaults().create(), stats)).extracting(Incident::step)
                .containsExactly(50L);
    }

    @Test
    void aPersistentConditionIsReportedOnceNotEveryCooldown() {
        // a stays 70% dead for 1000 steps: one incident at step 49, none at 70, 91, ... as the cool-down expires
        assertThat(Resume.run(DeadUnitsConfig.defaults().create(), run(1000))).extracting(Incident::step)
                .containsExactly(49L, 70L); // a, then b when it joins
    }

    /**
     * Layer a: 0.6 until 99; 0.65 (+5 points: not again) until 149; 0.72 (+12 points: again) until 249;
     * 0.4 at step 250 (the run resets); 0.6 again from 251: a new run, reported at its 50th step (300).
     */
    private static List<StepStats> risingThenReset() {
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            double f = step < 100 ? 0.6 : step < 150 ? 0.65 : step < 250 ? 0.72 : step == 250 ? 0.4 : 0.6;
            stats.add(Steps.of(step, 1.0, List.of(Steps.dead("a", f))));
        }
        return stats;
    }

    @Test
    void aRiseOfTenPointsOrANewRunReportsTheLayerAgain() {
        List<Incident> found = Resume.run(DeadUnitsConfig.defaults().create(), risingThenReset());
        assertThat(found).extracting(Incident::step).containsExactly(49L, 150L, 300L);
        assertThat(found).extracting(i -> i.evidence().get("fraction")).containsExactly(0.6, 0.72, 0.6);
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        List<StepStats> stats = run(100);
        assertThat(Resume.assertResumes(DeadUnitsConfig.defaults(), stats, 30)).hasSize(2);
        assertThat(Resume.assertResumes(DeadUnitsConfig.defaults(), stats, 55)).hasSize(1);
        // resumed at 120, after a was reported at 49: without the saved "reported" fractions it would report
        // a again at once
        assertThat(Resume.assertResumes(DeadUnitsConfig.defaults(), risingThenReset(), 120)).hasSize(2);
    }
}
