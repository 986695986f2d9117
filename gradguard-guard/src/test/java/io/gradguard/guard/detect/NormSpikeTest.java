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

    private static final double E = Math.E;

    /** Warm-up of four norms 1, e, 1, e: ln values 0, 1, 0, 1, so mean 0.5, population variance 0.25, std 0.5. */
    private static NormSpike warmed(NormSpikeConfig config) {
        NormSpike d = new NormSpike(config);
        double[] norms = {1, E, 1, E};
        for (int i = 0; i < norms.length; i++) {
            assertThat(d.inspect(Steps.norm(i, 1, norms[i]), Steps.view(i))).isEmpty();
        }
        assertThat((Double) d.state().get("mean")).isCloseTo(0.5, within(1e-15));
        assertThat((Double) d.state().get("var")).isCloseTo(0.25, within(1e-15));
        return d;
    }

    @Test
    void firesOnASpikeWithZOfTheLogNorm() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 4, 1e300, INF, 20));
        Incident inc = d.inspect(Steps.norm(4, 1, Math.exp(5)), Steps.view(4)).orElseThrow();
        // z = (ln e^5 - 0.5) / 0.5 = 9; ratio = e^5 / e^0.5 = e^4.5 = 90.0171
        assertThat(inc.kind()).isEqualTo(IncidentKind.GRAD_NORM_SPIKE);
        assertThat((Double) inc.evidence().get("z")).isCloseTo(9.0, within(1e-12));
        assertThat((Double) inc.evidence().get("ratio")).isCloseTo(Math.exp(4.5), within(1e-9));
        assertThat((Double) inc.evidence().get("mean")).isCloseTo(Math.exp(0.5), within(1e-12));
        assertThat(inc.evidence()).containsEntry("log_std", 0.5).containsEntry("rule", "z").doesNotContainKey("ceiling");
        assertThat(inc.message()).isEqualTo("gradient norm 148 is 90x its running mean 1.65 (z 9 in log space)");
        // The spike enters capped at mu + 4 sigma = 2.5: mean = 0.97 * 0.5 + 0.03 * 2.5 = 0.56,
        // var = 0.97 * 0.25 + 0.03 * (2.5 - 0.56)^2 = 0.355408.
        assertThat((Double) d.state().get("mean")).isCloseTo(0.56, within(1e-12));
        assertThat((Double) d.state().get("var")).isCloseTo(0.355408, within(1e-12));
    }

    @Test
    void ordinaryNormsUpdateTheStatisticsUncapped() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 4, 1e300, INF, 20));
        assertThat(d.inspect(Steps.norm(4, 1, Math.exp(2)), Steps.view(4))).isEmpty(); // z = 3
        // mean = 0.97 * 0.5 + 0.03 * 2 = 0.545; var = 0.97 * 0.25 + 0.03 * (2 - 0.545)^2 = 0.30601075
        assertThat((Double) d.state().get("mean")).isCloseTo(0.545, within(1e-12));
        assertThat((Double) d.state().get("var")).isCloseTo(0.30601075, within(1e-12));
    }

    @Test
    void nonFiniteAndZeroNormsAreNeitherReportedNorCounted() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 4, 1e300, INF, 20));
        var before = d.state();
        assertThat(d.inspect(Steps.norm(4, 1, Double.NaN), Steps.view(4))).isEmpty();
        assertThat(d.inspect(Steps.norm(5, 1, INF), Steps.view(5))).isEmpty();
        assertThat(d.inspect(Steps.norm(6, 1, 0), Steps.view(6))).isEmpty();
        assertThat(d.state()).isEqualTo(before);
    }

    @Test
    void theCeilingFiresEvenDuringWarmUp() {
        NormSpike d = new NormSpike(new NormSpikeConfig(0.97, 25, 4, 1e300, 5, 20));
        Incident inc = d.inspect(Steps.norm(0, 1, 6), Steps.view(0)).orElseThrow();
        assertThat(inc.evidence()).containsEntry("norm", 6.0).containsEntry("ceiling", 5.0)
                .containsEntry("rule", "ceiling").doesNotContainKeys("mean", "log_std", "z");
        assertThat(inc.message()).isEqualTo("gradient norm 6 exceeds the ceiling 5");
    }

    @Test
    void sigmaIsFlooredAtAFivePercentSpread() {
        // Constant norms give std 0; the floor 0.05 makes 1.2 (ln 1.2 / 0.05 = 3.6) quiet and 1.4 (6.7) a spike.
        NormSpike d = new NormSpike(new NormSpikeConfig(0.97, 4, 4, 1e300, INF, 0));
        for (int i = 0; i < 4; i++) {
            d.inspect(Steps.norm(i, 1, 1.0), Steps.view(i));
        }
        assertThat(d.inspect(Steps.norm(4, 1, 1.2), Steps.view(4))).isEmpty();
        double mu = (Double) d.state().get("mean");
        Incident inc = d.inspect(Steps.norm(5, 1, 1.4), Steps.view(5)).orElseThrow();
        assertThat((Double) inc.evidence().get("log_std")).isEqualTo(0.05);
        assertThat((Double) inc.evidence().get("z")).isCloseTo((Math.log(1.4) - mu) / 0.05, within(1e-9));
    }

    @Test
    void heavyTailedHealthyNormsStayQuietWhileAFaultFires() {
        // Log-normal norms with a 0.8 spread (heavier than the spirals run's): the linear z-score of such noise
        // routinely passes 6; in log space none reaches 4 in 2000 steps. A x1e4 fault then fires at once.
        NormSpike d = new NormSpike(NormSpikeConfig.defaults());
        SplittableRandom rng = new SplittableRandom(11);
        List<Long> fired = new ArrayList<>();
        for (int step = 0; step < 2000; step++) {
            double g = 0.1 * Math.exp(0.8 * rng.nextGaussian());
            d.inspect(Steps.norm(step, 1, g), Steps.view(step)).ifPresent(i -> fired.add(i.step()));
        }
        assertThat(fired).isEmpty();
        assertThat(d.inspect(Steps.norm(2000, 1, 1e3), Steps.view(2000))).isPresent();
    }

    @Test
    void respectsTheCooldown() {
        NormSpike d = warmed(new NormSpikeConfig(0.97, 4, 4, 1e300, INF, 20));
        List<Long> fired = new ArrayList<>();
        for (long step = 4; step < 60; step++) {
            boolean spike = step == 4 || step == 10 || step == 24 || step == 25 || step == 46;
            StepStats s = Steps.norm(step, 1, spike ? 1e4 : 1.5 + 0.3 * (step % 2));
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

    @Test
    void theRatioRuleCatchesFaultsWhenTheLogSpreadIsWide() {
        // Late-training norms with a log spread of 2.5: a x1e4 fault is only z = ln(1e4) / 2.5 = 3.7, under 4,
        // but 1e4 > 1000x the running geometric mean.
        NormSpike d = new NormSpike(new NormSpikeConfig(0.97, 4, 4, 1000, INF, 0));
        double[] warm = {Math.exp(-2.5), Math.exp(2.5), Math.exp(-2.5), Math.exp(2.5)};
        for (int i = 0; i < 4; i++) {
            d.inspect(Steps.norm(i, 1, warm[i]), Steps.view(i));
        }
        Incident inc = d.inspect(Steps.norm(4, 1, 1e4), Steps.view(4)).orElseThrow();
        assertThat(inc.evidence()).containsEntry("rule", "ratio");
        assertThat((Double) inc.evidence().get("z")).isLessThan(4.0);
        // 500x is ordinary for such a run: quiet.
        assertThat(d.inspect(Steps.norm(5, 1, 500), Steps.view(5))).isEmpty();
    }
}
