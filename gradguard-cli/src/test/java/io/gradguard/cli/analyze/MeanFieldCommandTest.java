package io.gradguard.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MeanFieldCommandTest {
    @Test
    void pointReportsFixedPointChiAndPhase() {
        Cli r = Cli.run("analyze", "mean-field", "--activation", "relu", "--sigma-w2", "1.5", "--depth", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        // ReLU: q* = 0.05 / (1 - 1.5/2) = 0.2, chi_1 = 1.5 / 2.
        assertThat(r.out()).contains("q*:", "0.2\n", "chi_1:", "0.75\n", "ordered (chi_1 < 1");
    }

    @Test
    void criticalForTanh() {
        Cli r = Cli.run("analyze", "mean-field", "--activation", "tanh", "--sigma-b2", "0.05", "--critical");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("critical sigma_w^2: 1.76095");
    }

    @Test
    void phaseDiagramJsonHasElevenRowsAndTheCriticalLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path png = tmp.resolve("phase.png");
        Cli r = Cli.run("analyze", "mean-field", "--activation", "tanh", "--phase-diagram", "--json", "--plot",
                png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("chi_1");
        assertThat(rows).hasSize(11);
        // sigma_b^2 = 0 row: chi_1 = sigma_w^2 for sigma_w^2 <= 1 (q* = 0, tanh'(0) = 1).
        assertThat(rows.get(0).get("sw2=0.50").asDouble()).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(rows.get(1).get("critical_sw2").asDouble()).isBetween(1.76, 1.762);
        // The figure reuses the table's numbers: its critical line passes through the same point.
        AnalysisPlotTest.assertSize(png, 2 * MeanFieldFigure.PANEL_WIDTH, MeanFieldFigure.PANEL_HEIGHT);
    }

    @Test
    void checkAgreesAtTheThreePoints() {
        Cli r = Cli.run("analyze", "mean-field", "--activation", "tanh", "--check", "--depth", "30", "--width", "128");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\nordered +\\S+ +\\S+ +\\S+ +\\S+ +yes")
                .containsPattern("\\ncritical +\\S+ +1 +1 +\\S+ +yes")
                .containsPattern("\\nchaotic +\\S+ +\\S+ +\\S+ +\\S+ +yes")
                .contains("signs agree at all three points: yes", "grad_norms:");
    }

    @Test
    void rejectsContradictoryModesAndBadValues() {
        Cli both = Cli.run("analyze", "mean-field", "--critical", "--check");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err().trim()).isEqualTo(
                "gradguard analyze mean-field: --critical, --phase-diagram and --check are separate analyses; give one");
        Cli neg = Cli.run("analyze", "mean-field", "--sigma-b2", "-1");
        assertThat(neg.err().trim()).isEqualTo("gradguard analyze mean-field: --sigma-b2 must be >= 0 and finite, got -1.0");
        Cli shallow = Cli.run("analyze", "mean-field", "--check", "--depth", "1");
        assertThat(shallow.exit()).isEqualTo(2);
        assertThat(shallow.err()).contains("--depth must be >= 2, got 1");
    }
}
