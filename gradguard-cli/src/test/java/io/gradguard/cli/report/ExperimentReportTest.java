package io.gradguard.cli.report;

import static io.gradguard.cli.report.SelfContained.assertSelfContained;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Png;
import io.gradguard.cli.plot.Series;
import io.gradguard.cli.report.SelfContained.Cli;
import io.gradguard.io.FileFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written experiment directories in the experiments' contract (index.csv, NAME/summary.json, PNGs). */
class ExperimentReportTest {
    @TempDir
    Path dir;
    byte[] png;

    @BeforeEach
    void suite() throws IOException {
        png = new LinePlot("depth", "layer", "||g||").logY().size(300, 200)
                .add(Series.of("sigmoid", new double[] {1e-6, 1e-4, 1e-2, 1})).png();
        Files.writeString(dir.resolve("index.csv"), String.join("\r\n",
                "experiment,claim,held,outcome",
                "depth,\"Sigmoid gradients fall geometrically toward the input, ReLU+He stays flat\",true,"
                        + "\"ratio 1e-6 vs 0.9 (\"\"every seed\"\")\"",
                "residual,Residual depth-50 beats plain depth-50,false,plain 0.31 < residual 0.35 on 1 of 3 seeds",
                "bn,BN allows higher learning rates,true,not run yet", ""));
        Path depth = Files.createDirectories(dir.resolve("depth"));
        Files.write(depth.resolve("norms.png"), png);
        Files.writeString(depth.resolve("summary.json"), """
                {"name": "depth", "title": "Depth and the chain rule", "version": 2,
                 "claim": "Sigmoid gradients fall geometrically toward the input, ReLU+He stays flat",
                 "held": true, "quick": true, "seeds": [1, 2, 3], "seconds": 4.25,
                 "table": {"columns": ["activation", "first/last ratio", "held"],
                           "rows": [["sigmoid", 1.2e-6, true], ["relu <he>", 0.93, true], ["tanh", null, false]]},
                 "figures": [{"file": "norms.png", "caption": "Per-layer norms, log scale"},
                             {"file": "gone.png", "caption": "never drawn"}],
                 "notes": "Line one.\\nLine <two> & more."}
                """);
        Path residual = Files.createDirectories(dir.resolve("residual"));
        Files.writeString(residual.resolve("summary.json"), """
                {"name": "residual", "claim": "Residual depth-50 beats plain depth-50", "held": false,
                 "table": {"columns": ["depth", "plain", "residual"], "rows": [[50, 0.31, 0.35]]}}
                """);
    }

    @Test
    void theSuiteRendersItsClaimsTablesAndFigures() throws IOException {
        Cli r = Cli.run("report", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(assertSelfContained(html)).hasSize(1);
        assertThat(html).contains("<h2 id=\"claims\">Claims</h2>", "2 of 3 claims held.");
        // Claims table: the quoted claim with a comma, the doubled quotes, the badges, in-page links.
        assertThat(html).contains("<td><a href=\"#exp-depth\">depth</a></td><td>Sigmoid gradients fall geometrically "
                + "toward the input, ReLU+He stays flat</td><td><span class=\"held\">held</span></td>"
                + "<td>ratio 1e-6 vs 0.9 (&quot;every seed&quot;)</td>");
        assertThat(html).contains("<td><a href=\"#exp-residual\">residual</a></td>",
                "<span class=\"failed\">not held</span>");
        // Each experiment: title, meta line, its table (numbers right-aligned, null as -), figure and notes.
        assertThat(html).contains("<h2 id=\"exp-depth\">depth: Depth and the chain rule</h2>",
                "version 2 | quick run (--quick) | 3 seeds [1, 2, 3] | 4.25 s",
                "<th>activation</th><th>first/last ratio</th><th>held</th>",
                "<td>sigmoid</td><td class=\"n\">1.200e-06</td><td>true</td>", "<td>relu &lt;he&gt;</td>",
                "<td>tanh</td><td>-</td><td>false</td>");
        assertThat(html).contains("src=\"" + Png.dataUri(png) + "\"", "<figcaption>Per-layer norms, log scale</figcaption>");
        assertThat(html).contains("Figure gone.png is missing from", "Line one.\nLine &lt;two&gt; &amp; more.");
        assertThat(html).contains("<h2 id=\"exp-residual\">residual</h2>", "<td class=\"n\">50</td>");
        // Listed in index.csv, never run: said so.
        assertThat(html).contains("<h2 id=\"exp-bn\">bn</h2>", "No bn/summary.json: the experiment has not finished");
    }

    @Test
    void oneExperimentDirectoryIsAReportToo() throws IOException {
        Path depth = dir.resolve("depth");
        String html = Reports.render(depth);
        assertSelfContained(html);
        assertThat(html).contains("<title>GradGuard experiment depth</title>", "1 of 1 claims held.",
                "<span class=\"held\">held</span>", "Depth and the chain rule");
    }

    @Test
    void aClaimThatDisagreesWithItsSummaryIsPointedOut() throws IOException {
        Files.writeString(dir.resolve("index.csv"), Files.readString(dir.resolve("index.csv"))
                .replace("plain 0.31 < residual", "x").replace(",false,", ",true,"));
        assertThat(Reports.render(dir)).contains("index.csv line 3 says held but summary.json says not held.");
    }

    @Test
    void badIndexRowsNameFileLineAndColumn() throws IOException {
        Path index = dir.resolve("index.csv");
        Files.writeString(index, "experiment,claim,outcome\ndepth,x,y\n");
        assertThatThrownBy(() -> Reports.render(dir)).isInstanceOf(FileFormatException.class)
                .hasMessage(index.toAbsolutePath().normalize() + ":1: the header has no column 'held' "
                        + "(expected experiment,claim,held,outcome, got experiment,claim,outcome)");
        Files.writeString(index, "experiment,claim,held,outcome\ndepth,x,true,y\n\nresidual,\"a, b\",false\n");
        assertThatThrownBy(() -> Reports.render(dir)).isInstanceOf(FileFormatException.class)
                .hasMessageEndingWith("index.csv:4: expected 4 fields (experiment,claim,held,outcome), got 3");
        Files.writeString(index, "experiment,claim,held,outcome\ndepth,x,maybe,y\n");
        assertThatThrownBy(() -> Reports.render(dir))
                .hasMessageEndingWith("index.csv:2: column 'held': expected true or false, got 'maybe'");
        Files.writeString(index, "experiment,claim,held,outcome\n../etc,x,true,y\n");
        assertThatThrownBy(() -> Reports.render(dir))
                .hasMessageEndingWith("index.csv:2: column 'experiment': '../etc' is not a plain directory name");
        Files.writeString(index, "experiment,claim,held,outcome\ndepth,\"never closed,true,y\n");
        assertThatThrownBy(() -> Reports.render(dir)).hasMessageEndingWith("index.csv:2: a quoted field is never closed");
    }

    @Test
    void badSummariesNameFileLineAndField() throws IOException {
        Path summary = dir.resolve("residual/summary.json");
        Files.writeString(summary, "{\"name\": \"residual\",\n \"held\": tru}\n");
        assertThatThrownBy(() -> Reports.render(dir)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(summary.toAbsolutePath().normalize() + ":2: malformed JSON");
        Files.writeString(summary, "{\"name\": \"residual\", \"held\": false}");
        assertThatThrownBy(() -> Reports.render(dir)).hasMessageEndingWith("summary.json: field 'claim' is missing");
        Files.writeString(summary, "{\"name\": \"residual\", \"claim\": \"c\", \"held\": \"yes\"}");
        assertThatThrownBy(() -> Reports.render(dir))
                .hasMessageEndingWith("summary.json: field 'held' must be true or false, got a string (yes)");
        Files.writeString(summary, "{\"name\": \"r\", \"claim\": \"c\", \"held\": true, "
                + "\"table\": {\"columns\": [\"a\", \"b\"], \"rows\": [[1, 2], [3]]}}");
        assertThatThrownBy(() -> Reports.render(dir))
                .hasMessageEndingWith("summary.json: table.rows[1] has 1 cells but table.columns has 2");
        Files.writeString(summary, "{\"name\": \"r\", \"claim\": \"c\", \"held\": true, "
                + "\"figures\": [{\"file\": \"../../secret.png\"}]}");
        assertThatThrownBy(() -> Reports.render(dir)).hasMessageContaining("summary.json: figures[0].file must name a "
                + "file in").hasMessageEndingWith(", got '../../secret.png'");
    }

    @Test
    void aFigureThatIsNotAPngIsNotEmbedded() throws IOException {
        Files.writeString(dir.resolve("depth/norms.png"), "<svg onload=alert(1)>");
        String html = Reports.render(dir);
        assertThat(html).contains("Figure norms.png is not a PNG file; not shown.").doesNotContain("<svg");
    }
}
