package io.gradguard.cli.report;

import static io.gradguard.cli.report.SelfContained.assertSelfContained;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.cli.report.SelfContained.Cli;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    @Tag("slow")
    void aGuardedRunGetsEverySectionAndStaysSelfContained(@TempDir Path tmp) throws Exception {
        // Two epochs (76 steps) of the demo's guarded run: incidents, a diagnosis, clipping at max_norm 1,
        // costly statistics at steps 0 and 50 (update ratios from step 50).
        Path run = tmp.resolve("run");
        Cli r = Cli.run("train", EXAMPLES.resolve("deep-relu-bad-init.yaml").toString(), "--report", "-q",
                "--set", "training.epochs=2", "--set", "guard.clip={name: global_norm, max_norm: 1.0}",
                "--out", run.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("  report: " + run.resolve("report.html"));
        assertThat(run.resolve("inspection.json")).exists();
        String html = Files.readString(run.resolve("report.html"));
        List<BufferedImage> images = assertSelfContained(html);
        // loss, gradient norm, heatmap, update ratios, weight norms, inspection
        assertThat(images).hasSize(6);
        for (String id : List.of("summary", "loss", "gradients", "updates", "weights", "incidents", "inspection", "spec",
                "manifest")) {
            assertThat(html).contains("<h2 id=\"" + id + "\">").contains("<a href=\"#" + id + "\">");
        }
        assertThat(html).contains("GradGuard run report: run", "watching (per-layer statistics logged)");
        // The incident timeline with its columns, and the diagnosis with its recommendation.
        assertThat(html).contains("<th>step</th><th>kind</th><th>layer</th><th>message</th><th>evidence</th>"
                + "<th>action</th><th>outcome</th>");
        assertThat(html).contains("depth_explosion", "grow", "per layer toward the input", "1. bad_init_scale",
                "set model.init: he_normal");
        // The inspection predicted the explosion before the first step.
        assertThat(html).contains("Verdict: <span class=\"exploding\">exploding</span>", "gradient chain", "theory gain");
        // The spec and the manifest, as written.
        assertThat(html).contains("name: deep-relu-bad-init", "init: {name: normal, mean: 0.0, std: 1.0}",
                "gradguard_version", "jvm.version");
        // The heatmap is as wide as the run directory's layers: 21 dense layers in rows.
        assertThat(images.get(2).getHeight()).isGreaterThanOrEqualTo(120 + 16 * 21);
    }

    @Test
    void aDivergedUnguardedRunStillReportsAndSaysWhatIsMissing(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("nan");
        Cli t = Cli.run("train", EXAMPLES.resolve("deep-relu-bad-init.yaml").toString(), "--no-inspect", "-q",
                "--set", "training.epochs=1", "--out", run.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("DIVERGED");
        assertThat(run.resolve("inspection.json")).doesNotExist();
        Path out = tmp.resolve("elsewhere/nan.html");
        Cli r = Cli.run("report", run.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("report: " + out);
        String html = Files.readString(out);
        assertThat(assertSelfContained(html)).hasSize(2); // loss and gradient norm; no per-layer data
        // Step 0 is finite (loss 1.4e14); from step 1 on the loss is NaN.
        assertThat(html).contains("non-finite at the end; first at step 1", "<td>last epoch validation loss</td><td class=\"n\">NaN</td>");
        assertThat(html).contains("No per-layer gradient norms: the run was not guarded",
                "No incidents recorded: the run was not guarded", "No inspection.json: the run was trained with --no-inspect");
    }

    @Test
    void handWrittenRowsWithMarkupAndNonFiniteValuesAreEscapedAndDrawn(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("spec.yaml"), "name: x # <b>bold</b>\n");
        Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
                "{\"kind\":\"step\",\"step\":0,\"loss\":\"NaN\",\"grad_norm\":\"Infinity\",\"verdict\":\"skip\","
                        + "\"layers\":[{\"name\":\"<img src=x>\",\"grad_norm\":\"NaN\"}]}",
                "{\"kind\":\"step\",\"step\":1,\"loss\":\"NaN\",\"grad_norm\":\"NaN\",\"verdict\":\"skip\",\"layers\":[]}",
                "{\"kind\":\"epoch\",\"epoch\":0,\"step\":2,\"train_loss\":\"NaN\",\"val_loss\":\"-Infinity\"}", ""));
        Files.writeString(run.resolve("incidents.jsonl"), "{\"step\":0,\"kind\":\"non_finite\",\"layer\":\"<img src="
                + "'http://example.org/x.png'>\",\"message\":\"</td><script>alert(1)</script>\",\"evidence\":{\"loss\":"
                + "\"NaN\",\"norms\":[1,2,3,4,5,6]},\"action\":\"skip_step\",\"outcome\":\"a & b\"}\n");
        String html = Reports.render(run);
        assertThat(html).contains("name: x # &lt;b&gt;bold&lt;/b&gt;", "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
                "&lt;img src=&#39;http:", "a &amp; b", "{loss: NaN, norms: [1, 2, 3, 4, ... (6 in all)]}");
        assertThat(html).doesNotContain("<script>", "<img src=x>", "<img src='http");
        // The markup in the incident stays text: every reference in the page is still inline or in-page.
        assertThat(SelfContained.references(html)).isNotEmpty()
                .allSatisfy(v -> assertThat(v).matches("data:image/png;base64,.*|#[a-z0-9-]+"));
        // Nothing finite to draw: the charts say so instead of failing.
        RunData d = RunData.read(run);
        assertThat(RunFigures.loss(d).getTitle()).isEqualTo("Loss (2 of 2 logged steps non-finite, not drawn) (no finite data)");
        assertThat(RunFigures.gradNorm(d).getTitle()).startsWith("Global gradient norm (before clipping) (2 of 2 logged");
        assertThat(RunFigures.heatmap(d.layers("grad_norm")).chart().getTitle()).isEqualTo("Gradient norm by layer (no finite data)");
        assertThat(RunFigures.updateRatios(d.layers("update_ratio"))).isNull();
    }

    @Test
    void theGradientChartShowsWhatTheGuardSawAndTheStepsItDidNotApply(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("spec.yaml"), "name: x\n");
        // Step 1: a x1e4 fault injected after the trainer measured 0.5; the guard saw layers 3e3 and 4e3.
        Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
                "{\"kind\":\"step\",\"step\":0,\"loss\":1,\"grad_norm\":5,\"action\":\"proceed\","
                        + "\"clip\":{\"total_norm\":5,\"threshold\":1,\"clipped\":true},"
                        + "\"layers\":[{\"name\":\"a\",\"grad_norm\":3},{\"name\":\"b\",\"grad_norm\":4}]}",
                "{\"kind\":\"step\",\"step\":1,\"loss\":1,\"grad_norm\":0.5,\"action\":\"skip_step\","
                        + "\"layers\":[{\"name\":\"a\",\"grad_norm\":3000},{\"name\":\"b\",\"grad_norm\":4000}]}", ""));
        RunData d = RunData.read(run);
        var c = RunFigures.gradNorm(d);
        // sqrt(3^2 + 4^2) = 5 and sqrt(3000^2 + 4000^2) = 5000
        assertThat(c.getSeriesMap().get(RunFigures.GUARD_SEEN).getYData()).containsExactly(5.0, 5000.0);
        assertThat(c.getSeriesMap().get("gradient norm").getYData()).containsExactly(5.0, 0.5);
        assertThat(c.getSeriesMap().get(RunFigures.NOT_APPLIED).getXData()).containsExactly(1.0);
        assertThat(c.getSeriesMap().get(RunFigures.NOT_APPLIED).getYData()).containsExactly(5000.0);
        assertThat(c.getSeriesMap()).containsKey("clip threshold 1");
        assertThat(d.clippedSteps()).isEqualTo(1);
    }

    @Test
    void aMalformedRowIsNamedByFileAndLine(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("spec.yaml"), "name: x\n");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"kind\":\"step\",\"step\":0,\"loss\":1}\n\n{\"kind\":\"step\",\n");
        Cli r = Cli.run("report", run.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("gradguard report: " + run.toAbsolutePath().normalize().resolve("metrics.jsonl")
                + ":3: malformed JSON");
        assertThat(run.resolve("report.html")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNeitherSaysWhatItLookedFor(@TempDir Path tmp) {
        Cli r = Cli.run("report", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo("gradguard report: " + tmp.toAbsolutePath().normalize() + " is neither a run "
                + "directory (no spec.yaml) nor an experiment directory (no index.csv or summary.json)");
        Cli missing = Cli.run("report", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().trim()).isEqualTo("gradguard report: " + tmp.resolve("nope") + ": no such directory");
    }
}
