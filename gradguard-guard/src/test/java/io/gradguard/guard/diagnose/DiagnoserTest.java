package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnoserTest {
    private final Diagnoser diagnoser = new Diagnoser();

    @Test
    void badInitRunRanksTheInitFirstAndDepthSecond() {
        List<IncidentRecord> run = new ArrayList<>(Cases.records(Cases.badInitExplosion()));
        for (int s = 1; s <= 24; s++) {
            run.add(Cases.skipped(Cases.modelNaN(s)));
        }
        List<Diagnosis> ds = diagnoser.diagnose(run, Cases.badInitFacts());
        assertThat(ds).extracting(Diagnosis::cause).containsExactly(Diagnosis.BAD_INIT_SCALE,
                Diagnosis.DEPTH_WITHOUT_NORMALIZATION);
    }

    @Test
    void deepSigmoidRunRanksSaturationFirstAndDoesNotBlameGlorot() {
        List<Diagnosis> ds = diagnoser.diagnose(Cases.records(Cases.sigmoidVanishing(19), Cases.sigmoidVanishing(40)),
                Cases.sigmoidFacts());
        assertThat(ds).extracting(Diagnosis::cause).containsExactly(Diagnosis.SIGMOID_SATURATION,
                Diagnosis.DEPTH_WITHOUT_NORMALIZATION);
    }

    @Test
    void highLrRunRanksDeadRelusAboveTheLearningRate() {
        List<Diagnosis> ds = diagnoser.diagnose(Cases.records(Cases.deadUnits(73, 0.984375), Cases.lossSpike(102, 17.7),
                Cases.lossSpike(107, 6.6)), Cases.spiralsFacts(2.0));
        assertThat(ds).extracting(Diagnosis::cause).containsExactly(Diagnosis.RELU_DEAD,
                Diagnosis.LEARNING_RATE_TOO_HIGH);
    }

    @Test
    void quietWithoutIncidentsWhateverTheFacts() {
        assertThat(diagnoser.diagnose(List.of(), Cases.badInitFacts())).isEmpty();
        assertThat(diagnoser.diagnose(List.of(), Cases.sigmoidFacts(), List.of())).isEmpty();
        assertThat(diagnoser.diagnose(List.of(), null)).isEmpty();
    }

    @Test
    void quietOnAHealthyModelWithIsolatedHarmlessIncidents() {
        // He-initialised, shallow, no decay needed: one norm spike and one mild depth profile point nowhere.
        Incident mild = Cases.incident(5, IncidentKind.DEPTH_EXPLOSION, "layers.0", "growth", 1.3,
                "first_last_ratio", 1.7, "r2", 0.9, "layers", Cases.denseNames(3), "signal", "bias");
        assertThat(diagnoser.diagnose(Cases.records(Cases.normSpike(300, 40), mild), Cases.spiralsFacts(0.01)))
                .isEmpty();
    }

    @Test
    void everythingAtOnceIsRankedByConfidenceWithOneDiagnosisPerCause() {
        List<Diagnosis> ds = diagnoser.diagnose(Cases.records(Cases.badInitExplosion(), Cases.sigmoidVanishing(3),
                Cases.deadUnits(4, 0.8), Cases.recurrent(5, 1.4, 1), Cases.lossSpike(6, 9), Cases.lossSpike(7, 9),
                Cases.divergence(8, 0.4, 0.9, 200), Cases.weightGrowth(9, 5, 60), Cases.modelNaN(10)),
                Cases.badInitFacts());
        assertThat(ds).extracting(Diagnosis::cause).doesNotHaveDuplicates().contains(Diagnosis.BAD_INIT_SCALE,
                Diagnosis.RELU_DEAD, Diagnosis.RECURRENT_SPECTRAL_RADIUS, Diagnosis.LEARNING_RATE_TOO_HIGH,
                Diagnosis.WEAK_REGULARIZATION, Diagnosis.DEPTH_WITHOUT_NORMALIZATION);
        for (int i = 1; i < ds.size(); i++) {
            assertThat(ds.get(i).confidence()).isLessThanOrEqualTo(ds.get(i - 1).confidence());
        }
        assertThat(ds).allSatisfy(d -> {
            assertThat(d.confidence()).isBetween(0.0, 1.0);
            assertThat(d.recommendations()).isNotEmpty();
            assertThat(d.evidence()).isNotEmpty();
        });
    }

    @Test
    void unknownFactsStillDiagnoseWhatTheIncidentsAloneShow() {
        List<Diagnosis> ds = diagnoser.diagnose(Cases.records(Cases.badInitExplosion(), Cases.deadUnits(4, 0.8)),
                ModelFacts.UNKNOWN);
        assertThat(ds).extracting(Diagnosis::cause).containsExactly(Diagnosis.RELU_DEAD);
    }
}
