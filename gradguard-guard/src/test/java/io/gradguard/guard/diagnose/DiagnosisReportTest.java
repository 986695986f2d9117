package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisReportTest {
    private static final String NL = System.lineSeparator();

    private static Diagnosis sample() {
        return new Diagnosis(Diagnosis.LEARNING_RATE_TOO_HIGH, 0.6, "the loss spiked 2 times",
                List.of("lower optimizer.lr from 2 to 0.2", "add guard.clip: {name: global_norm, max_norm: 1.0}"),
                List.of("loss_spike at steps 102, 107"));
    }

    @Test
    void rendersRankedCausesWithTheirRemediesAndEvidence() {
        Diagnosis second = new Diagnosis(Diagnosis.WEAK_REGULARIZATION, 0.3, "weights grew", List.of("x"), List.of());
        String text = DiagnosisReport.render(List.of(sample(), second));
        assertThat(text).isEqualTo("Likely causes:" + NL
                + "  1. learning_rate_too_high (confidence 0.60)" + NL
                + "     the loss spiked 2 times" + NL
                + "     -> lower optimizer.lr from 2 to 0.2" + NL
                + "     -> add guard.clip: {name: global_norm, max_norm: 1.0}" + NL
                + "     evidence: loss_spike at steps 102, 107" + NL
                + "  2. weak_regularization (confidence 0.30)" + NL
                + "     weights grew" + NL
                + "     -> x" + NL);
        assertThat(DiagnosisReport.render(List.of())).isEqualTo("Likely causes: none found in the incidents" + NL);
    }

    @Test
    void longExplanationsWrapAtTheWidthWithoutBreakingWords() {
        List<String> lines = DiagnosisReport.wrap("aaaa bbbb cccc dddd eeeeeeeeeeee f", 10);
        assertThat(lines).containsExactly("aaaa bbbb", "cccc dddd", "eeeeeeeeeeee", "f");
        List<Diagnosis> real = new Diagnoser().diagnose(Cases.records(Cases.badInitExplosion()), Cases.badInitFacts());
        for (String line : DiagnosisReport.render(real).split(NL)) {
            if (!line.contains("->") && !line.contains("evidence:")) {
                assertThat(line.length()).isLessThanOrEqualTo(DiagnosisReport.WIDTH);
            }
        }
    }

    @Test
    void mapFormRoundTripsAndReportsCountIncidentsByKind() {
        Map<String, Object> m = sample().toMap();
        assertThat(m).containsOnlyKeys("cause", "confidence", "explanation", "recommendations", "evidence");
        assertThat(Diagnosis.fromMap(m)).isEqualTo(sample());
        Map<String, Object> report = DiagnosisReport.toMap(List.of(sample()),
                Cases.records(Cases.lossSpike(102, 17.7), Cases.lossSpike(107, 6.6), Cases.deadUnits(3, 0.6)));
        assertThat(report.get("incidents")).isEqualTo(Map.of("loss_spike", 2, "dead_units", 1));
        assertThat(report.get("causes")).isEqualTo(List.of(m));
    }

    @Test
    void fromMapAcceptsAnyNumberAndRejectsOthers() {
        Map<String, Object> m = Map.of("cause", "relu_dead", "confidence", 1, "explanation", "e");
        assertThat(Diagnosis.fromMap(m).confidence()).isEqualTo(1.0);
        assertThatThrownBy(() -> Diagnosis.fromMap(Map.of("cause", "relu_dead", "confidence", "high",
                "explanation", "e"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relu_dead").hasMessageContaining("high");
    }

    @Test
    void invalidDiagnosesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new Diagnosis("relu_dead", 1.5, "e", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Diagnosis(" ", 0.5, "e", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cause");
    }
}
