package io.gradguard.cli.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.spec.GuardSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.guard.recover.Recovery;
import io.gradguard.guard.recover.RecoveryRules;
import io.gradguard.nn.Parameter;
import io.gradguard.train.CheckpointPolicy;
import io.gradguard.train.StepMetrics;
import io.gradguard.train.TrainListener;
import io.gradguard.train.TrainResult;
import io.gradguard.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each recovery policy through the real trainer, driven by injected faults. */
class RecoveryEndToEndTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    record Run(Trainer trainer, RunPlan plan, Guard guard, List<StepMetrics> steps) {
    }

    static Run run(Recovery onNonFinite, String faults, Path checkpoints, int epochs) {
        RunSpec spec = SpecParser.parse(EXAMPLES.resolve("spirals.yaml"), List.of("training.epochs=" + epochs,
                "training.checkpoint_every=1", "data.samples=600"));
        RunPlan plan = RunFactory.build(spec, EXAMPLES);
        GuardConfig c = GuardSpec.defaults().config()
                .withRecovery(RecoveryRules.defaults().with(IncidentKind.NON_FINITE, onNonFinite));
        Guard guard = new Guard(c);
        Trainer t = plan.trainer();
        if (checkpoints != null) {
            t.checkpointTo(new CheckpointPolicy(checkpoints, 5));
        }
        t.addHook(new GuardHook(guard, FaultPlan.parse(faults), checkpoints));
        List<StepMetrics> steps = new ArrayList<>();
        t.addListener(new TrainListener() {
            @Override
            public void onStep(StepMetrics m) {
                steps.add(m);
            }
        });
        return new Run(t, plan, guard, steps);
    }

    static boolean finite(RunPlan p) {
        for (Parameter q : p.model().parameters()) {
            for (float v : q.value().data()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void rollbackFromMemoryRestoresTheSnapshotAndSkipsBatches() {
        Run r = run(new Recovery.Rollback(3, false, 1.0), "nan@30", null, 3);
        TrainResult res = r.trainer().fit();
        assertThat(finite(r.plan())).isTrue();
        assertThat(res.stopped()).isFalse();
        // 15 batches per epoch, 3 epochs = 45 minus the 3 skipped batches; the bad step is counted, not applied.
        assertThat(res.steps()).isEqualTo(45 - 3);
        var inc = r.guard().summary();
        assertThat(inc.byAction()).containsEntry("rollback", 1);
        assertThat(r.steps().stream().filter(m -> m.step() == 30).findFirst().orElseThrow().action().name())
                .isEqualTo("SKIP_STEP");
    }

    @Test
    void rollbackFromDiskRestoresTheLatestCheckpoint(@TempDir Path dir) {
        Run r = run(new Recovery.Rollback(0, true, 1.0), "inf@20", dir, 3);
        TrainResult res = r.trainer().fit();
        assertThat(finite(r.plan())).isTrue();
        assertThat(res.stopped()).isFalse();
        assertThat(r.guard().summary().byAction()).containsEntry("rollback", 1);
    }

    @Test
    void reduceLrScalesTheLearningRateForTheRestOfTheRun() {
        Run r = run(new Recovery.ReduceLr(0.5), "loss_nan@10", null, 2);
        r.trainer().fit();
        assertThat(r.steps().get(5).lr()).isEqualTo(0.01);
        assertThat(r.steps().get(20).lr()).isEqualTo(0.005);
    }

    @Test
    void haltStopsTheRunAtTheBadStepWithFiniteWeights() {
        Run r = run(new Recovery.Halt(), "nan@17", null, 3);
        TrainResult res = r.trainer().fit();
        assertThat(res.stopped()).isTrue();
        assertThat(res.steps()).isEqualTo(17);
        assertThat(finite(r.plan())).isTrue();
    }
}
