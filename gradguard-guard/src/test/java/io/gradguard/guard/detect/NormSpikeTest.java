package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormSpikeTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Warm-up of four norms 1, 2, 1, 2: mean 1.5, population variance 0.25, std 0.5. */
    private static NormSpike warmed(NormSpikeConfig config) {
        NormSpike d = new NormSpike(config);
        double[] norms = {1, 2, 1, 2};
        for (int i = 0; i < norms.length; i++) {
            assertThat(d.inspect(Steps.norm(i, 1, norms[i]), Steps.view(i))).isEmpty();
        }
        assertThat(d.state()).containsEntry("mean", 1.5).containsEntry("var", 0.25);
        return d;
    }

    @Test
    void firesOnASpikeWithZAgainstTheWarmUpStatistics() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 6, INF, 20));
        Incident inc = d.inspect(Steps.norm(4, 1, 10), Steps.view(4)).orElseThrow();
        // z = (10 - 1.5) / 0.5 = 17
        assertThat(inc.kind()).isEqualTo(IncidentKind.GRAD_NORM_SPIKE);
        assertThat(inc.evidence()).containsEntry("norm", 10.0).containsEntry("mean", 1.5).containsEntry("std", 0.5)
                .containsEntry("z", 17.0).containsEntry("rule", "z").doesNotContainKey("ceiling");
        assertThat(inc.message()).isEqualTo("gradient norm 10 is 17 sigma above its mean 1.5 (std 0.5)");
        // The spike enters capped at mu + 6 sigma = 4.5: mean = 0.97 * 1.5 + 0.03 * 4.5 = 1.59,
        // var = 0.97 * 0.25 + 0.03 * (4.5 - 1.59)^2 = 0.496543.
        assertThat((Double) d.state().get("mean")).isCloseTo(1.59, within(1e-12));
        assertThat((Double) d.state().get("var")).isCloseTo(0.496543, within(1e-12));
    }

    @Test
    void ordinaryNormsUpdateTheStatisticsUncapped() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 6, INF, 20));
        assertThat(d.inspect(Steps.norm(4, 1, 2), Steps.view(4))).isEmpty();
        // mean = 0.97 * 1.5 + 0.03 * 2 = 1.515; var = 0.97 * 0.25 + 0.03 * (2 - 1.515)^2 = 0.24955675
        assertThat((Double) d.state().get("mean")).isCloseTo(1.515, within(1e-12));
        assertThat((Double) d.state().get("var")).isCloseTo(0.24955675, within(1e-12));
    }

    @Test
    void nonFiniteNormsAreNeitherReportedNorCounted() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 6, INF, 20));
        var before = d.state();
        assertThat(d.inspect(Steps.norm(4, 1, Double.NaN), Steps.view(4))).isEmpty();
        assertThat(d.inspect(Steps.norm(5, 1, INF), Steps.view(5))).isEmpty();
        assertThat(d.state()).isEqualTo(before);
    }

    @Test
    void theCeilingFiresEvenDuringWarmUp() {
        NormSpike d = new NormSpike(new NormSpikeConfig(0.97, 25, 6, 5, 20));
        Incident inc = d.inspect(Steps.norm(0, 1, 6), Steps.view(0)).orElseThrow();
        assertThat(inc.evidence()).containsEntry("norm", 6.0).containsEntry("ceiling", 5.0)
                .containsEntry("rule", "ceiling").doesNotContainKeys("mean", "std", "z");
        assertThat(inc.message()).isEqualTo("gradient norm 6 exceeds the ceiling 5");
    }

    @Test
    void sigmaIsFlooredAtFivePercentOfTheMean() {
        // Constant norms give std 0; the floor 0.05 * 1 makes 1.2 a 4-sigma step (quiet) and 1.4 about 8.
        NormSpike d = new NormSpike(new NormSpikeConfig(0.97, 4, 6, INF, 0));
        for (int i = 0; i < 4; i++) {
            d.inspect(Steps.norm(i, 1, 1.0), Steps.view(i));
        }
        assertThat(d.inspect(Steps.norm(4, 1, 1.2), Steps.view(4))).isEmpty();
        double mean = (Double) d.state().get("mean");
        Incident inc = d.inspect(Steps.norm(5, 1, 1.4), Steps.view(5)).orElseThrow();
        assertThat((Double) inc.evidence().get("std")).isCloseTo(0.05 * mean, within(1e-12));
        assertThat((Double) inc.evidence().get("z")).isCloseTo((1.4 - mean) / (0.05 * mean), within(1e-9));
    }

    @Test
    void respectsTheCooldown() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 6, INF, 20));
        List<Long> fired = new ArrayList<>();
        for (long step = 4; step < 60; step++) {
            boolean spike = step == 4 || step == 10 || step == 24 || step == 25 || step == 46;
            StepStats s = Steps.norm(step, 1, spike ? 100 : 1.5);
            d.inspect(s, Steps.view(step)).ifPresent(i -> fired.add(i.step()));
        }
        // Quiet through 4 + 20 = 24; 25 may report; then quiet through 45.
        assertThat(fired).containsExactly(4L, 25L, 46L);
    }

    @Test
    void stateRoundTripsThroughJsonMidWarmUpAndLater() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        List<StepStats> stats = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            double norm = (1 + 0.2 * rng.nextGaussian()) * (step % 37 == 36 ? 50 : 1);
            stats.add(Steps.norm(step, 1, norm));
        }
        NormSpikeConfig config = NormSpikeConfig.defaults();
        assertThat(Resume.assertResumes(config, stats, 10)).hasSizeGreaterThan(3);
        assertThat(Resume.assertResumes(config, stats, 110)).isNotEmpty();
        // Spikes at 36, 73, 110, 147, 184; resuming at 112 restores a cool-down begun at 110.
        assertThat(Resume.assertResumes(config, stats, 112)).isNotEmpty();
    }
}
