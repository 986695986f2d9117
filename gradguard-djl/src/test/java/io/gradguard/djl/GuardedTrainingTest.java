package io.gradguard.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.Verdict;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.guard.recover.Recovery;
import io.gradguard.guard.recover.RecoveryRules;
import org.junit.jupiter.api.Test;

class GuardedTrainingTest {
    private static GuardConfig onNonFinite(Recovery r) {
        GuardConfig d = GuardConfig.defaults();
        return new GuardConfig(d.monitor(), d.detectors(), d.clip(), d.recovery().with(IncidentKind.NON_FINITE, r), 1,
                d.traceLimit());
    }

    @Test
    void clippedGradientsAreWhatTheOptimiserApplies() {
        ScalableTracker lr = ScalableTracker.fixed(1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr)
                .guard(GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(0.01))).build();
        try (Fixture f = new Fixture(training, lr, false, false)) {
            float[] before = f.values();
            BatchOutcome.Trained t = (BatchOutcome.Trained) f.train(training, 0);
            float[] after = f.values();
            double sq = 0;
            for (int i = 0; i < before.length; i++) {
                double d = after[i] - before[i];
                sq += d * d;
            }
            // SGD with lr 1 moves the weights by exactly the clipped gradient: norm 0.01 * N / (N + 1e-6).
            assertThat(t.guard().clip().clipped()).isTrue();
            assertThat(t.gradNorm()).isGreaterThan(0.1);
            assertThat(Math.sqrt(sq)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(t.applied()).isTrue();
            assertThat(training.updates()).isEqualTo(1);
        }
    }

    @Test
    void elementwiseClippedGradientsAreCopiedBack() {
        ScalableTracker lr = ScalableTracker.fixed(1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr)
                .guard(GuardConfig.defaults().withClip(new ClipPolicy.ByValue(1e-3))).build();
        try (Fixture f = new Fixture(training, lr, false, false)) {
            float[] before = f.values();
            BatchOutcome.Trained t = (BatchOutcome.Trained) f.train(training, 0);
            float[] after = f.values();
            double largest = 0;
            for (int i = 0; i < before.length; i++) {
                largest = Math.max(largest, Math.abs(after[i] - before[i]));
            }
            // Each gradient element clamped to [-1e-3, 1e-3] (no common scale): SGD with lr 1 moves no weight further.
            assertThat(t.guard().clip().clipped()).isTrue();
            assertThat(t.guard().clip().coefficient()).isNaN();
            assertThat(largest).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aSkippedStepChangesNoWeightNorRunningStatisticAndLeavesNoGradient() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).guard(GuardConfig.defaults())
                .faults(FaultPlan.parse("nan@1")).build();
        try (Fixture f = new Fixture(training, lr, true, false)) {
            f.train(training, 0);
            float[] before = f.values();
            BatchOutcome.Trained t = (BatchOutcome.Trained) f.train(training, 1);
            assertThat(t.verdict()).isEqualTo(Verdict.SKIP);
            assertThat(t.guard().incidents()).extracting(r -> r.incident().kind()).contains(IncidentKind.NON_FINITE);
            // DJL's optimisers zero gradients only when they update: the host zeroes a skipped step's itself.
            assertThat(f.largestGradient()).isZero();
            assertThat(f.values()).containsExactly(before);
            BatchOutcome.Trained next = (BatchOutcome.Trained) f.train(training, 2);
            assertThat(next.applied()).isTrue();
            assertThat(training.updates()).isEqualTo(2);
            for (float v : f.values()) {
                assertThat(v).isFinite();
            }
        }
    }

    @Test
    void withoutAGuardTheInjectedFaultReachesTheWeights() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).noGuard()
                .faults(FaultPlan.parse("nan@1")).build();
        try (Fixture f = new Fixture(training, lr, false, false)) {
            f.train(training, 0);
            BatchOutcome.Trained t = (BatchOutcome.Trained) f.train(training, 1);
            assertThat(t.applied()).isTrue();
            assertThat(t.guard()).isNull();
            assertThat(t.gradNorm()).isNaN();
            assertThat(f.values()).contains(Float.NaN);
        }
    }

    @Test
    void aRollbackRestoresTheLastGoodWeightsSkipsBatchesAndScalesTheLearningRate() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr)
                .guard(onNonFinite(new Recovery.Rollback(2, false, 0.5))).faults(FaultPlan.parse("nan@3")).build();
        try (Fixture f = new Fixture(training, lr, true, false)) {
            f.train(training, 0);
            f.train(training, 1);
            float[] afterStep1 = f.values();
            f.train(training, 2);
            assertThat(f.values()).isNotEqualTo(afterStep1);
            BatchOutcome.Trained t = (BatchOutcome.Trained) f.train(training, 3);
            // The snapshot of step 2 was taken before its update: the weights after step 1.
            assertThat(t.verdict()).isEqualTo(Verdict.SKIP);
            assertThat(t.guard().incidents().get(0).outcome()).contains("rolled back to the snapshot of step 2",
                    "skipping the next 2 batches", "learning rate x0.5");
            assertThat(f.values()).containsExactly(afterStep1);
            assertThat(lr.scale()).isEqualTo(0.5);
            assertThat(f.train(training, 4)).isEqualTo(new BatchOutcome.Skipped(1));
            assertThat(f.train(training, 5)).isEqualTo(new BatchOutcome.Skipped(0));
            BatchOutcome.Trained resumed = (BatchOutcome.Trained) f.train(training, 6);
            assertThat(resumed.step()).isEqualTo(4);
            assertThat(resumed.lr()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aHaltStopsTraining() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).guard(onNonFinite(new Recovery.Halt()))
                .faults(FaultPlan.parse("inf@0")).build();
        try (Fixture f = new Fixture(training, lr, false, false)) {
            float[] before = f.values();
            BatchOutcome.Trained t = (BatchOutcome.Trained) f.train(training, 0);
            assertThat(t.verdict()).isEqualTo(Verdict.HALT);
            assertThat(training.halted()).isTrue();
            assertThat(f.values()).containsExactly(before);
            assertThatThrownBy(() -> f.train(training, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("halted training at step 0");
        }
    }

    @Test
    void theModelMustBeInitialisedAndOnOneDevice() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).guard(GuardConfig.defaults()).build();
        try (Fixture f = new Fixture(training, lr, false, false);
             Fixture other = new Fixture(training, lr, false, false)) {
            f.train(training, 0);
            assertThatThrownBy(() -> other.train(training, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bound to another trainer");
        }
    }

    @Test
    void theBuilderSaysWhatIsMissing() {
        assertThatThrownBy(() -> GuardedTraining.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("guard(config), or noGuard()");
        assertThatThrownBy(() -> GuardedTraining.builder().guard(GuardConfig.defaults()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ScalableTracker")
                .hasMessageContaining("learningRate(...)");
        assertThatThrownBy(() -> GuardedTraining.builder().guard(GuardConfig.defaults()).noGuard()
                .learningRate(ScalableTracker.fixed(1f)).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both a guard and noGuard()");
        assertThatThrownBy(() -> GuardedTraining.builder().logEvery(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log_every must be >= 1, got 0");
        assertThatThrownBy(() -> GuardedTraining.builder().noGuard().build().listener())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("runDirectory(...)");
    }
}
