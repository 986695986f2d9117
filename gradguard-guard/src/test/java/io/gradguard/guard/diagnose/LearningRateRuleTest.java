package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateRuleTest {
    private static final LearningRateRule RULE = new LearningRateRule();

    /** Costly steps whose every layer has update ratio {@code ratio}. */
    private static List<StepStats> recent(double ratio) {
        List<StepStats> out = new ArrayList<>();
        for (long s = 0; s < 5; s++) {
            List<LayerStats> layers = List.of(
                    new LayerStats("layers.0", 1, 1, 0, 0, 10, ratio, 0, 128),
                    new LayerStats("layers.2", 1, 1, 0, 0, 10, ratio, 0, 4096));
            out.add(new StepStats(s * 10, 1.0, 0.1, Math.sqrt(2), layers, 1, 0, null, true));
        }
        return out;
    }

    @Test
    void lossSpikesAtTwoThousandTimesAdamsDefault() {
        Diagnosis d = Cases.run(RULE, Cases.spiralsFacts(2.0), Cases.lossSpike(102, 17.7), Cases.lossSpike(107, 6.6))
                .orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.LEARNING_RATE_TOO_HIGH);
        // Two loss spikes: 0.5, + 0.1 for the second signal (lr 2 = 2000x Adam's default 1e-3).
        assertThat(d.confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(d.explanation()).contains(
                "the loss spiked 2 times (up to 17.7x its moving average, first at step 102)",
                "optimizer adam lr 2 is 2000x PyTorch's default 0.001");
        assertThat(d.recommendations()).containsExactly("lower optimizer.lr from 2 to 0.2",
                "add a linear warm-up: optimizer.schedule: {name: constant, warmup: 5} (the lr rises from lr/3 over 5"
                        + " epochs) (the first incident came at step 102, early, while the optimizer's statistics are"
                        + " still settling: the case warm-up is for)",
                "add guard.clip: {name: global_norm, max_norm: 1.0}");
        assertThat(d.evidence()).containsExactly("loss_spike at steps 102, 107");
    }

    @Test
    void warmUpAdviceFollowsTheRunsOwnWarmUp() {
        // No warm-up and a late first incident: add one, without the "early" remark.
        Diagnosis late = Cases.run(RULE, Cases.spiralsFacts(2.0), Cases.lossSpike(900, 17.7), Cases.lossSpike(950, 9))
                .orElseThrow();
        assertThat(late.recommendations()).anySatisfy(r -> assertThat(r).startsWith("add a linear warm-up")
                .doesNotContain("early"));
        // A 100-step warm-up and trouble at step 150 (< 2 x 100): lengthen it.
        Diagnosis inside = Cases.run(RULE, Cases.spiralsFacts(2.0).withWarmupSteps(100), Cases.lossSpike(150, 17.7),
                Cases.lossSpike(160, 9)).orElseThrow();
        assertThat(inside.recommendations()).contains("lengthen the warm-up: the first incident came at step 150,"
                + " within twice the 100 warm-up steps; double optimizer.schedule.warmup");
        assertThat(inside.recommendations()).noneMatch(r -> r.startsWith("add a linear warm-up"));
        // The same warm-up, trouble long after it: warm-up is not the remedy, so it is not advised.
        Diagnosis after = Cases.run(RULE, Cases.spiralsFacts(2.0).withWarmupSteps(100), Cases.lossSpike(900, 17.7),
                Cases.lossSpike(950, 9)).orElseThrow();
        assertThat(after.recommendations()).noneMatch(r -> r.contains("warm-up"));
    }

    @Test
    void divergenceWithSgdNeedsNoDefaultToCompareWith() {
        Diagnosis d = Cases.run(RULE, Cases.badInitFacts(), Cases.divergence(900, 0.5, 1.2, 300)).orElseThrow();
        assertThat(d.confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(d.explanation()).contains("the smoothed loss rose from 0.5 to 1.2 over 300 steps (step 900)");
        assertThat(d.recommendations().get(0)).isEqualTo("lower optimizer.lr from 0.01 to 0.001");
    }

    @Test
    void updateRatiosFarAboveMinusThreeFireOnTheirOwn() {
        Diagnosis d = new LearningRateRule().diagnose(new Findings(List.of(), recent(-0.5)), Cases.spiralsFacts(1e-3))
                .orElseThrow();
        assertThat(d.confidence()).isCloseTo(0.6, within(1e-12));
        // 10^-0.5 = 31.6% of the weights per step.
        assertThat(d.explanation()).contains("median update ratio log10(||dW||/||W||) over recent steps is -0.5",
                "31.6% instead of 0.1%");
        assertThat(new LearningRateRule().diagnose(new Findings(List.of(), recent(-3)), Cases.spiralsFacts(1e-3)))
                .isEmpty();
        // Above -2 it only supports another signal: two loss spikes 0.5 + 0.1.
        Diagnosis supported = new LearningRateRule().diagnose(new Findings(Cases.records(Cases.lossSpike(5, 4),
                Cases.lossSpike(9, 4)), recent(-1.5)), Cases.spiralsFacts(1e-3)).orElseThrow();
        assertThat(supported.confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(new LearningRateRule().diagnose(new Findings(List.of(), recent(-1.5)), Cases.spiralsFacts(1e-3)))
                .isEmpty();
    }

    @Test
    void overflowFromTheModelCountsOnlyWhenTheInitDoesNotExplainIt() {
        Diagnosis d = Cases.run(RULE, Cases.spiralsFacts(1e-3), Cases.modelNaN(40)).orElseThrow();
        assertThat(d.confidence()).isCloseTo(0.45, within(1e-12));
        assertThat(d.explanation()).contains("step 40 went non-finite (traced: forward: op 'linear'",
                "with an init of healthy scale");
        assertThat(Cases.run(RULE, Cases.badInitFacts(), Cases.modelNaN(40))).isEmpty();
        // Untraced: weaker.
        assertThat(Cases.run(RULE, Cases.spiralsFacts(1e-3), Cases.outsideNaN(40, false)).orElseThrow().confidence())
                .isCloseTo(0.35, within(1e-12));
    }

    @Test
    void repeatedNormSpikesCountUnlessFaultsFromOutsideExplainThem() {
        assertThat(Cases.run(RULE, Cases.spiralsFacts(1e-3), Cases.normSpike(10, 50), Cases.normSpike(20, 60)))
                .isEmpty();
        Diagnosis d = Cases.run(RULE, Cases.spiralsFacts(1e-3), Cases.normSpike(10, 50), Cases.normSpike(20, 60),
                Cases.normSpike(30, 70)).orElseThrow();
        assertThat(d.confidence()).isCloseTo(0.35, within(1e-12));
        assertThat(d.explanation()).contains("the gradient norm spiked 3 times (up to 70x");
        assertThat(Cases.run(RULE, Cases.spiralsFacts(1e-3), Cases.normSpike(10, 50), Cases.normSpike(20, 60),
                Cases.normSpike(30, 70), Cases.outsideNaN(40, true))).isEmpty();
    }

    @Test
    void quietOnAHealthyRun() {
        assertThat(Cases.run(RULE, Cases.spiralsFacts(0.01))).isEmpty();
        // The bad-init example fixed with he_normal trains to 97.7% with a single loss spike: not enough.
        assertThat(Cases.run(RULE, Cases.heFacts(20), Cases.lossSpike(40, 3.5))).isEmpty();
        assertThat(Cases.run(RULE, Cases.spiralsFacts(0.01), Cases.deadUnits(50, 0.6))).isEmpty();
    }
}
