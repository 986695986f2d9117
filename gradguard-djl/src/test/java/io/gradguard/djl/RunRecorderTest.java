package io.gradguard.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.runs.RunDirectory;
import io.gradguard.runs.RunReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DJL run's directory, read back through {@link RunReader} as reports and the dashboard read it. */
class RunRecorderTest {
    @TempDir
    Path tmp;

    @Test
    void runReaderReadsADjlRun() throws Exception {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        RunDirectory dir = RunDirectory.createUnder(tmp, "djl-run");
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).optimizer("sgd")
                .guard(GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(1.0)))
                .faults(FaultPlan.parse("nan@2")).runDirectory(dir).build();
        try (Fixture f = new Fixture(training, lr, false, true)) {
            training.fit(f.trainer, 2, f.dataset(48, 1), f.dataset(16, 2));
        }
        RunReader run = RunReader.open(dir.root());
        assertThat(run.specYaml()).contains("framework: djl", "djl_block: |", "name: \"sgd\"", "lr: 0.1",
                "SoftmaxCrossEntropyLoss", "GlobalNorm");
        @SuppressWarnings("unchecked")
        Map<String, Object> framework = (Map<String, Object>) run.manifest().get("framework");
        assertThat(framework).containsEntry("name", "djl").containsEntry("engine", "PyTorch")
                .containsEntry("djl_version", "0.32.0").containsEntry("offline", true);

        List<Map<String, Object>> steps = run.steps();
        assertThat(steps).hasSize(12); // 48 examples in batches of 8, two epochs
        assertThat(steps.get(0)).containsKeys("kind", "step", "epoch", "loss", "grad_norm", "lr", "action", "verdict",
                "clip", "layers").containsEntry("action", "proceed").containsEntry("lr", 0.1f * 1.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) steps.get(0).get("layers");
        assertThat(layers).extracting(l -> l.get("name")).containsExactly("01Linear", "03Linear");
        assertThat(steps.get(2)).containsEntry("action", "skip_step").containsEntry("verdict", "skip");
        assertThat(steps.get(7)).containsEntry("epoch", 1).containsEntry("step", 7);

        List<Map<String, Object>> epochs = run.epochs();
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(1)).containsEntry("epoch", 1).containsEntry("step", 12).containsEntry("skipped_steps", 1);
        for (Map<String, Object> e : epochs) {
            assertThat((Double) e.get("train_accuracy")).isBetween(0.0, 1.0);
            assertThat((Double) e.get("val_accuracy")).isBetween(0.0, 1.0);
            assertThat((Double) e.get("val_loss")).isPositive().isLessThan(10.0);
        }

        assertThat(run.incidents()).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("step", 2).containsEntry("kind", "non_finite").containsEntry("action", "skip_step"));
    }

    @Test
    void anUnguardedRunRecordsItsStepsWithoutGuardFields() throws Exception {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        RunDirectory dir = RunDirectory.createUnder(tmp, "bare");
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).noGuard().runDirectory(dir)
                .logEvery(2).build();
        try (Fixture f = new Fixture(training, lr, false, true)) {
            training.fit(f.trainer, 1, f.dataset(48, 1), null);
        }
        RunReader run = RunReader.open(dir.root());
        assertThat(run.specYaml()).contains("guard: null");
        assertThat(run.steps()).extracting(s -> s.get("step")).containsExactly(0, 2, 4);
        assertThat(run.steps().get(0)).doesNotContainKeys("verdict", "layers").containsKey("grad_norm");
        assertThat(run.epochs()).singleElement().satisfies(e -> assertThat((Double) e.get("val_loss")).isNaN());
        assertThat(run.incidents()).isEmpty();
        assertThat(run.diagnosis()).isEmpty();
    }
}
