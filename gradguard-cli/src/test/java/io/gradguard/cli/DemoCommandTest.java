package io.gradguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @Test
    void showsTheUnguardedRunDivergingAndTheGuardedOneRescuedSideBySide(@TempDir Path tmp) throws java.io.IOException {
        CliRunner r = CliRunner.run("demo", "--epochs", "4", "--out", tmp.toString());
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("UNGUARDED", "GUARDED (global-norm clip 1)");
        assertThat(r.out).containsPattern("outcome +DIVERGED: loss non-finite at step \\d+ +converging");
        assertThat(r.out).containsPattern("weights +[\\d,]+ of [\\d,]+ NaN/Inf +all finite");
        assertThat(r.out).contains("depth_explosion", "grow", "per layer toward the input");
        assertThat(r.out).contains("Diagnosis", "1. bad_init_scale", "set model.init: he_normal");
        assertThat(tmp.resolve("unguarded/metrics.jsonl")).exists();
        assertThat(tmp.resolve("guarded/incidents.jsonl")).exists();
        assertThat(Files.exists(tmp.resolve("unguarded/incidents.jsonl"))).isTrue();
        // One self-contained report per side, with the inspection each run made before training.
        assertThat(r.out).contains("Reports: " + tmp.resolve("unguarded/report.html") + " and "
                + tmp.resolve("guarded/report.html"));
        assertThat(tmp.resolve("guarded/inspection.json")).exists();
        assertThat(Files.readString(tmp.resolve("guarded/report.html"))).contains("depth_explosion", "bad_init_scale");
    }

    @Test
    void rejectsBadOptionsWithOneLine(@TempDir Path tmp) {
        CliRunner r = CliRunner.run("demo", "--epochs", "0", "--out", tmp.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.trim()).isEqualTo("gradguard demo: --epochs must be >= 1, got 0");
        CliRunner c = CliRunner.run("demo", "--clip-max-norm", "-1", "--out", tmp.toString());
        assertThat(c.exit).isEqualTo(2);
        assertThat(c.err).contains("--clip-max-norm: GlobalNorm max_norm must be > 0, got -1.0");
    }
}
