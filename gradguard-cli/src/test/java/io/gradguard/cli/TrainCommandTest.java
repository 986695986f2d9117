package io.gradguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.io.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    private static List<Map<String, Object>> epochs(Path run) throws Exception {
        return JsonLines.read(run.resolve("metrics.jsonl")).stream().filter(m -> "epoch".equals(m.get("kind"))).toList();
    }

    @Test
    @Tag("slow")
    void spiralsExampleReachesNinetySevenPercentAndWritesTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", EXAMPLES.resolve("spirals.yaml").toString(), "--out", run.toString(), "-q");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("spirals: done after 60 epochs");
        for (String f : List.of("spec.yaml", "manifest.json", "inspection.json", "metrics.jsonl", "checkpoints/latest")) {
            assertThat(run.resolve(f)).exists();
        }
        List<Map<String, Object>> e = epochs(run);
        assertThat(e).hasSize(60);
        assertThat(((Number) e.get(59).get("val_accuracy")).doubleValue()).isGreaterThanOrEqualTo(0.97);
        List<Map<String, Object>> steps = JsonLines.read(run.resolve("metrics.jsonl")).stream()
                .filter(m -> "step".equals(m.get("kind"))).toList();
        assertThat(steps.get(0)).containsKeys("loss", "grad_norm", "lr", "action");
        String manifest = Files.readString(run.resolve("manifest.json"));
        assertThat(manifest).contains("\"seed\" : 42").contains("\"gemm\"").contains("\"cores\"");
    }

    @Test
    void deepReluWithNormalInitDivergesAndHeInitDoesNot(@TempDir Path tmp) throws Exception {
        CliRunner bad = CliRunner.run("train", EXAMPLES.resolve("deep-relu-bad-init.yaml").toString(),
                "--out", tmp.resolve("bad").toString(), "-q");
        assertThat(bad.exit).isZero();
        assertThat(bad.out).contains("DIVERGED");
        CliRunner he = CliRunner.run("train", EXAMPLES.resolve("deep-relu-bad-init.yaml").toString(),
                "--out", tmp.resolve("he").toString(), "-q", "--set", "model.init=he_normal");
        assertThat(he.out).contains("done after 5 epochs").doesNotContain("DIVERGED");
        assertThat(((Number) epochs(tmp.resolve("he")).get(4).get("val_accuracy")).doubleValue()).isGreaterThan(0.8);
    }

    @Test
    void deepSigmoidBarelyLearns(@TempDir Path tmp) throws Exception {
        CliRunner r = CliRunner.run("train", EXAMPLES.resolve("deep-sigmoid.yaml").toString(),
                "--out", tmp.resolve("run").toString(), "-q");
        assertThat(r.exit).isZero();
        // Three balanced classes: chance is 1/3. Ten sigmoid layers leave the network near chance.
        double acc = ((Number) epochs(tmp.resolve("run")).get(29).get("val_accuracy")).doubleValue();
        assertThat(acc).isLessThan(0.5);
    }

    @Test
    void resumeContinuesAnInterruptedRunToTheSameWeights(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, Files.readString(EXAMPLES.resolve("spirals.yaml"))
                .replace("epochs: 60", "epochs: 6\n  checkpoint_every: 2"));
        Path full = tmp.resolve("full");
        assertThat(CliRunner.run("train", spec.toString(), "--out", full.toString(), "-q").exit).isZero();

        // Simulate an interruption after epoch 4: train 4 epochs with checkpoints, then resume to 6.
        Path part = tmp.resolve("part");
        assertThat(CliRunner.run("train", spec.toString(), "--out", part.toString(), "-q", "--set",
                "training.epochs=4").exit).isZero();
        Files.writeString(part.resolve("spec.yaml"),
                Files.readString(part.resolve("spec.yaml")).replace("epochs: 4", "epochs: 6"));
        CliRunner resumed = CliRunner.run("train", "--resume", part.toString(), "-q");
        assertThat(resumed.exit).as(resumed.err).isZero();
        assertThat(Files.readAllBytes(latest(part).resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(latest(full).resolve("model.safetensors")));
        assertThat(epochs(part)).hasSize(6);
    }

    private static Path latest(Path run) throws Exception {
        Path c = run.resolve("checkpoints");
        return c.resolve(Files.readString(c.resolve("latest")).trim());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        CliRunner lr = CliRunner.run("train", EXAMPLES.resolve("spirals.yaml").toString(), "--set", "optimizer.lr=-0.1",
                "--out", tmp.resolve("a").toString());
        assertThat(lr.exit).isEqualTo(2);
        assertThat(lr.err.trim()).isEqualTo("gradguard train: optimizer.lr: must be > 0, got -0.1 (from --set optimizer.lr=-0.1)");

        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, Files.readString(EXAMPLES.resolve("spirals.yaml")).replace("dense: 3", "dense: 4"));
        CliRunner out = CliRunner.run("train", spec.toString(), "--out", tmp.resolve("b").toString());
        assertThat(out.exit).isEqualTo(2);
        assertThat(out.err).contains("bad.yaml:").contains("bad.yaml:12: model.layers[2]: ")
                .contains("the model ends with 4 outputs but cross_entropy on 'spirals' needs one logit per class: 3 classes");

        CliRunner missing = CliRunner.run("train", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("nope.yaml: no such spec file");

        CliRunner both = CliRunner.run("train", spec.toString(), "--resume", tmp.toString());
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).contains("--resume takes the spec from the run directory");

        CliRunner notRun = CliRunner.run("train", "--resume", tmp.toString());
        assertThat(notRun.err).contains("is not a run directory (no spec.yaml)");
    }

    @Test
    void helpListsEveryOption() {
        CliRunner r = CliRunner.run("train", "--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("--out", "--set", "--resume", "--quiet", "--no-inspect", "--report", "SPEC.yaml");
        CliRunner top = CliRunner.run("--help");
        assertThat(top.out).contains("train", "report");
    }

    @Test
    void guardedRunResumesWithTheGuardsHistory(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, Files.readString(EXAMPLES.resolve("spirals.yaml"))
                .replace("epochs: 60", "epochs: 6\n  checkpoint_every: 2") + "guard:\n  clip: {name: autoclip}\n");
        Path full = tmp.resolve("full");
        assertThat(CliRunner.run("train", spec.toString(), "--out", full.toString(), "-q").exit).isZero();
        Path part = tmp.resolve("part");
        assertThat(CliRunner.run("train", spec.toString(), "--out", part.toString(), "-q", "--set",
                "training.epochs=4").exit).isZero();
        assertThat(latest(part).resolve("guard.json")).exists();
        Files.writeString(part.resolve("spec.yaml"),
                Files.readString(part.resolve("spec.yaml")).replace("epochs: 4", "epochs: 6"));
        CliRunner resumed = CliRunner.run("train", "--resume", part.toString(), "-q");
        assertThat(resumed.exit).as(resumed.err).isZero();
        // AutoClip's threshold depends on the whole history of norms: identical weights prove it was restored.
        assertThat(Files.readAllBytes(latest(part).resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(latest(full).resolve("model.safetensors")));
    }
}
