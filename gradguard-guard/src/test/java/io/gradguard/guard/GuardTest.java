package io.gradguard.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.DetectorConfig;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.detect.NonFiniteConfig;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.recover.GuardHost;
import io.gradguard.guard.recover.Recovery;
import io.gradguard.guard.recover.RecoveryRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardTest {
    /** A host over one parameter that records what the guard asked of it. */
    static final class FakeHost implements GuardHost {
        final float[] w = {1, 2, 3, 4};
        final List<String> calls = new ArrayList<>();
        double lrScale = 1;

        public void scaleLr(double f) {
            lrScale *= f;
            calls.add("scaleLr " + f);
        }

        public void skipBatches(int n) {
            calls.add("skipBatches " + n);
        }

        public Object snapshot() {
            calls.add("snapshot");
            return w.clone();
        }

        public void restore(Object s) {
            calls.add("restore");
            System.arraycopy((float[]) s, 0, w, 0, w.length);
        }

        @Override
        public String traceNonFinite() {
            return "forward: op 'linear' in layer 'fc'";
        }
    }

    static StepView step(FakeHost h, long step, float[] grad) {
        return new StepView(step, 1.0, 0.1, List.of(ParamView.of("fc.weight", new int[] {2, 2}, h.w, grad)));
    }

    static GuardConfig config(RecoveryRules rules, ClipPolicy clip) {
        return new GuardConfig(new MonitorConfig(1), List.<DetectorConfig>of(new NonFiniteConfig()), clip, rules, 1, 1);
    }

    static float[] nan() {
        return new float[] {Float.NaN, 0, 0, 0};
    }

    @Test
    void healthyStepsProceedClippedAndSnapshotted() {
        FakeHost h = new FakeHost();
        Guard g = new Guard(config(RecoveryRules.defaults(), new ClipPolicy.GlobalNorm(1.0)));
        float[] grad = {3, 4, 0, 0};
        GuardStep s = g.onStep(step(h, 0, grad), h);
        assertThat(s.verdict()).isEqualTo(Verdict.PROCEED);
        assertThat(s.incidents()).isEmpty();
        assertThat(s.clip().totalNorm()).isEqualTo(5.0);
        assertThat(grad[0]).isCloseTo(0.6f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(h.calls).containsExactly("snapshot");
    }

    @Test
    void skipStepLeavesEverythingAndTracesTheOrigin() {
        FakeHost h = new FakeHost();
        Guard g = new Guard(config(RecoveryRules.defaults(), new ClipPolicy.None()));
        GuardStep s = g.onStep(step(h, 0, nan()), h);
        assertThat(s.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(s.clip()).isNull();
        IncidentRecord r = s.incidents().get(0);
        assertThat(r.incident().kind()).isEqualTo(IncidentKind.NON_FINITE);
        assertThat(r.incident().evidence()).containsEntry("origin", "forward: op 'linear' in layer 'fc'");
        assertThat(r.action()).isEqualTo(new Recovery.SkipStep());
        assertThat(r.outcome()).isEqualTo("step skipped: weights unchanged");
        assertThat(h.calls).isEmpty(); // no snapshot of a bad step
    }

    @Test
    void rollbackRestoresTheLastGoodSnapshotSkipsBatchesAndScalesTheLr() {
        FakeHost h = new FakeHost();
        RecoveryRules rules = RecoveryRules.defaults().with(IncidentKind.NON_FINITE, new Recovery.Rollback(4, false, 0.5));
        Guard g = new Guard(config(rules, new ClipPolicy.None()));
        g.onStep(step(h, 0, new float[] {1, 1, 1, 1}), h); // snapshot of w = 1, 2, 3, 4
        Arrays.fill(h.w, 9f); // the optimiser moved the weights, then a bad step comes
        GuardStep s = g.onStep(step(h, 1, nan()), h);
        assertThat(s.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(h.w).containsExactly(1, 2, 3, 4);
        assertThat(h.calls).containsExactly("snapshot", "restore", "skipBatches 4", "scaleLr 0.5");
        assertThat(s.incidents().get(0).outcome())
                .isEqualTo("rolled back to the snapshot of step 0, skipping the next 4 batches, learning rate x0.5");
    }

    @Test
    void reduceLrAppliesTheStepWithAScaledLearningRate() {
        FakeHost h = new FakeHost();
        RecoveryRules rules = RecoveryRules.defaults().with(IncidentKind.NON_FINITE, new Recovery.ReduceLr(0.25));
        GuardStep s = new Guard(config(rules, new ClipPolicy.None())).onStep(step(h, 0, nan()), h);
        assertThat(s.verdict()).isEqualTo(Verdict.PROCEED);
        assertThat(h.lrScale).isEqualTo(0.25);
        assertThat(s.incidents().get(0).outcome()).startsWith("learning rate x0.25 (was 0.1); step applied");
    }

    @Test
    void haltStopsTraining() {
        FakeHost h = new FakeHost();
        RecoveryRules rules = RecoveryRules.defaults().with(IncidentKind.NON_FINITE, new Recovery.Halt());
        GuardStep s = new Guard(config(rules, new ClipPolicy.None())).onStep(step(h, 0, nan()), h);
        assertThat(s.verdict()).isEqualTo(Verdict.HALT);
        assertThat(s.incidents().get(0).outcome()).isEqualTo("training halted");
    }

    @Test
    void repeatedTroubleEscalatesFromSkipToRollbackToHalt() {
        FakeHost h = new FakeHost();
        RecoveryRules rules = new RecoveryRules(Map.of(IncidentKind.NON_FINITE, new Recovery.SkipStep()), 2, 10, 2);
        Guard g = new Guard(config(rules, new ClipPolicy.None()));
        g.onStep(step(h, 0, new float[] {1, 1, 1, 1}), h);
        List<String> actions = new ArrayList<>();
        for (long s = 1; s <= 9; s++) {
            actions.add(g.onStep(step(h, s, nan()), h).incidents().get(0).action().id());
        }
        // Two skips, then the third in the window rolls back; twice more; then the rollback budget (2) is spent.
        assertThat(actions).containsExactly("skip_step", "skip_step", "rollback", "skip_step", "skip_step",
                "rollback", "skip_step", "skip_step", "halt");
        assertThat(h.lrScale).isEqualTo(0.5); // the second rollback halves the learning rate
        assertThat(g.summary().byAction()).containsEntry("rollback", 2).containsEntry("halt", 1);
        assertThat(g.summary().byKind()).containsEntry(IncidentKind.NON_FINITE, 9);
    }

    @Test
    void stateRoundTripRestoresEscalationAndClipperHistory() {
        FakeHost h = new FakeHost();
        RecoveryRules rules = new RecoveryRules(Map.of(IncidentKind.NON_FINITE, new Recovery.SkipStep()), 2, 10, 2);
        GuardConfig c = config(rules, new ClipPolicy.AutoClip(50, 0));
        Guard a = new Guard(c);
        a.onStep(step(h, 0, new float[] {1, 1, 1, 1}), h);
        a.onStep(step(h, 1, nan()), h);
        a.onStep(step(h, 2, nan()), h);
        Guard b = new Guard(c);
        b.restore(a.state());
        // Both are at the edge of escalation: the next bad step rolls back in each.
        assertThat(a.onStep(step(h, 3, nan()), h).incidents().get(0).action().id()).isEqualTo("rollback");
        assertThat(b.onStep(step(h, 3, nan()), h).incidents().get(0).action().id()).isEqualTo("rollback");
        assertThat(b.clipper().historySize()).isEqualTo(a.clipper().historySize());
    }
}
