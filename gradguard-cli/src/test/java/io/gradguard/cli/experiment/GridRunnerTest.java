package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Parallel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridRunnerTest {
    @TempDir
    Path tmp;
    private final StringWriter progress = new StringWriter();
    private final AtomicInteger calls = new AtomicInteger();

    private Point compute(String id, double value) {
        return new Point(id, id, new Task.Compute("x = " + value, (seed, out) -> {
            calls.incrementAndGet();
            out.put("x", value * seed).put("serial", Parallel.serialOnThisThread() ? 1 : 0);
        }), 1);
    }

    private GridRunner.Run run(Experiment e, int workers) throws Exception {
        return new GridRunner(workers, new PrintWriter(progress, true)).run(e, true, List.of(1L, 2L), tmp.resolve(e.name()));
    }

    @Test
    void runsEveryPointForEverySeedInParallelEachSingleThreaded() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        Point a = new Point("a", "a", new Task.Compute("meet", (seed, out) -> {
            both.countDown();
            // Two workers: the two seeds of this point run at the same time and meet here.
            out.put("x", meet(both) ? 1 : -1).put("serial", Parallel.serialOnThisThread() ? 1 : 0);
        }), 1);
        GridRunner.Run run = run(new FakeExperiment("par", 1, List.of(a)), 2);
        assertThat(run.ran()).isEqualTo(2);
        assertThat(run.results().values("a", "x")).containsExactly(1, 1);
        assertThat(run.results().values("a", "serial")).containsExactly(1, 1);
        assertThat(progress.toString()).contains("par [1/2] a seed", "par [2/2] a seed");
    }

    private static boolean meet(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aSecondRunReusesEveryFinishedPointAndRerunsOnlyWhatChanged() throws Exception {
        FakeExperiment e = new FakeExperiment("resume", 1, List.of(compute("a", 1), compute("b", 2)));
        GridRunner.Run first = run(e, 2);
        assertThat(first.ran()).isEqualTo(4);
        assertThat(calls.get()).isEqualTo(4);
        GridRunner.Run second = run(e, 2);
        assertThat(second.ran()).isZero();
        assertThat(second.resumed()).isEqualTo(4);
        assertThat(calls.get()).as("nothing re-ran").isEqualTo(4);
        assertThat(second.results().values("b", "x")).containsExactly(2, 4);
        // A changed point (its task) and a new version run again; unchanged points of the same version do not.
        run(new FakeExperiment("resume", 1, List.of(compute("a", 1), compute("b", 3))), 2);
        assertThat(calls.get()).isEqualTo(6);
        run(new FakeExperiment("resume", 2, List.of(compute("a", 1), compute("b", 3))), 2);
        assertThat(calls.get()).isEqualTo(10);
    }

    @Test
    void anInterruptedPointIsDeletedAndRunAgain() throws Exception {
        Path stale = tmp.resolve("stale/runs/a-s1");
        Files.createDirectories(stale.resolve("checkpoints"));
        Files.writeString(stale.resolve("metrics.jsonl"), "{\"kind\":\"step\"}\n");
        GridRunner.Run run = run(new FakeExperiment("stale", 1, List.of(compute("a", 1))), 1);
        assertThat(run.ran()).isEqualTo(2);
        assertThat(stale.resolve("metrics.jsonl")).doesNotExist();
        assertThat(stale.resolve("done.json")).exists();
        assertThat(run.results().values("a", "serial")).as("one worker leaves the kernels parallel").containsExactly(0, 0);
    }

    @Test
    void aFailingPointNamesTheExperimentThePointAndTheSeed() {
        Point bad = new Point("bad", "bad", new Task.Compute("boom", (seed, out) -> {
            throw new IllegalStateException("no data");
        }), 1);
        assertThatThrownBy(() -> run(new FakeExperiment("fails", 1, List.of(bad)), 2))
                .hasMessageContaining("experiment fails: point bad seed").hasMessageContaining("failed: no data");
    }

    @Test
    void aTrainingPointIsAnOrdinaryRunDirectoryWithItsMeasurements() throws Exception {
        String yaml = "model:\n  input: 2\n  init: he_normal\n  layers:\n" + Specs.stack(3, 8, "relu")
                + "    - dense: 3\n" + Specs.spirals(200) + "loss: cross_entropy\noptimizer: {name: sgd, lr: 0.1}\n"
                + Specs.training(2, 32, 0.2) + "guard:\n  recovery: " + Specs.OBSERVE_ONLY + "\n";
        GridRunner.Run run = run(new FakeExperiment("train", 1, List.of(Point.inspectedTrain("mlp", "mlp", yaml, 3,
                1))), 2);
        Path dir = tmp.resolve("train/runs/mlp-s1");
        assertThat(dir.resolve("spec.yaml")).content().contains("name: mlp-s1", "seed: 1");
        assertThat(dir.resolve("manifest.json")).content().contains("\"command\" : \"experiment train\"");
        assertThat(dir.resolve("metrics.jsonl")).exists();
        assertThat(dir.resolve("incidents.jsonl")).exists();
        assertThat(dir.resolve("inspection.json")).exists();
        assertThat(dir.resolve("checkpoints")).isDirectory();
        Outcome o = run.results().get("mlp", 1);
        // 160 training examples in batches of 32: 5 steps per epoch, 2 epochs
        assertThat(o.value("steps")).isEqualTo(10);
        assertThat(o.series("loss")).hasSize(10);
        assertThat(o.series("grad_b0")).as("four weight layers, input side first").hasSize(4);
        assertThat(java.util.Arrays.stream(o.series("grad_w")).boxed().toList()).hasSize(4).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(o.value("final_val_accuracy")).isBetween(0.0, 1.0);
        assertThat(o.value("incidents")).isGreaterThanOrEqualTo(0);
        assertThat(o.value("inspect_gain")).isPositive();
        assertThat(o.value("first_nonfinite_step")).isNaN();
        assertThat(o.value("final_weight_norm")).isPositive();
    }
}
