package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheSummaryResultsAndAnIndexOverEveryExperimentPresent() throws Exception {
        Point a = new Point("a", "a", new Task.Compute("x", (s, o) -> o.put("x", s)), 1);
        FakeExperiment first = new FakeExperiment("zeta", 1, List.of(a));
        FakeExperiment second = new FakeExperiment("alpha", 3, List.of(a));
        Results r = new Results(true, List.of(1L, 2L), List.of(a), List.of(
                new Outcome.Builder().put("x", 1).build("a", 1, 0), new Outcome.Builder().put("x", 2).build("a", 2, 0)));
        byte[] png = new io.gradguard.cli.plot.LinePlot("t", "x", "y")
                .add(io.gradguard.cli.plot.Series.of("s", new double[] {1, 2})).png();
        Analysis an = new Analysis(new ResultTable("point", "x").row("a", "1.5 (1..2)"), true, "x 1.5",
                List.of(new Figure("fig.png", "a figure", png)), "notes");
        SuiteWriter.write(tmp.resolve("zeta"), first, r, an, 1.25);
        SuiteWriter.write(tmp.resolve("alpha"), second, r, new Analysis(an.table(), false, "x, 1.5", List.of(), ""), 2);
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("zeta/summary.json").toFile());
        assertThat(s.fieldNames()).toIterable().containsExactly("name", "title", "version", "claim", "held", "quick",
                "seeds", "seconds", "outcome", "table", "figures", "notes");
        assertThat(s.path("held").asBoolean()).isTrue();
        assertThat(s.path("seeds").toString()).isEqualTo("[1,2]");
        assertThat(s.path("seconds").asDouble()).isEqualTo(1.3);
        assertThat(s.path("table").path("columns").toString()).isEqualTo("[\"point\",\"x\"]");
        assertThat(s.path("table").path("rows").toString()).isEqualTo("[[\"a\",\"1.5 (1..2)\"]]");
        assertThat(s.path("figures").get(0).path("file").asText()).isEqualTo("fig.png");
        assertThat(tmp.resolve("zeta/fig.png")).exists();
        assertThat(tmp.resolve("zeta/results.csv")).content().isEqualTo("point,x\na,1.5 (1..2)\n");
        assertThat(tmp.resolve("zeta/results.md")).content().contains("# Fake zeta", "**Held: yes.** x 1.5",
                "| point | x |", "![a figure](fig.png)", "quick grid, seeds [1, 2]");

        SuiteWriter.writeIndex(tmp, List.of("zeta", "alpha"));
        assertThat(Files.readAllLines(tmp.resolve("index.csv"))).containsExactly("experiment,claim,held,outcome",
                "zeta,values are positive,yes,x 1.5", "alpha,values are positive,no,\"x, 1.5\"");
        assertThat(tmp.resolve("index.md")).content().contains("1 of 2 claims held",
                "| [zeta](zeta/results.md) | values are positive | yes | x 1.5 |", "| **no** |");
    }
}
