package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoneFileTest {
    @TempDir
    Path tmp;

    private static Outcome outcome() {
        return new Outcome.Builder().put("final_train_loss", Double.NaN).put("steps", 25)
                .put("max", Double.POSITIVE_INFINITY).series("loss", new double[] {1.1, Double.NaN, -0.0})
                .build("p", 3, 0.25);
    }

    @Test
    void roundTripsAnOutcomeWithNonFiniteNumbers() throws Exception {
        DoneFile.write(tmp, "k1", outcome());
        assertThat(Files.readString(tmp.resolve("done.json"))).contains("\"NaN\"", "\"Infinity\"", "\"key\" : \"k1\"");
        Outcome o = DoneFile.read(tmp, "k1").orElseThrow();
        assertThat(o.point()).isEqualTo("p");
        assertThat(o.seed()).isEqualTo(3);
        assertThat(o.seconds()).isEqualTo(0.25);
        assertThat(o.value("final_train_loss")).isNaN();
        assertThat(o.value("max")).isInfinite();
        assertThat(o.value("steps")).isEqualTo(25);
        assertThat(o.series("loss")).containsExactly(1.1, Double.NaN, -0.0);
    }

    @Test
    void anotherKeyATornFileOrAMissingOneMeanRunAgain() throws Exception {
        assertThat(DoneFile.read(tmp, "k1")).isEmpty();
        DoneFile.write(tmp, "k1", outcome());
        assertThat(DoneFile.read(tmp, "k2")).isEmpty();
        Files.writeString(tmp.resolve("done.json"), "{\"key\": \"k1\", \"values\": {\"x\": ");
        assertThat(DoneFile.read(tmp, "k1")).isEmpty();
        Files.writeString(tmp.resolve("done.json"), "{\"key\": \"k1\", \"values\": {\"x\": \"abc\"}}");
        assertThat(DoneFile.read(tmp, "k1")).isEmpty();
    }

    @Test
    void theKeyChangesWithTheVersionThePointTheSeedAndTheTask() {
        Experiment e = new FakeExperiment("fake", 1, List.of());
        Experiment e2 = new FakeExperiment("fake", 2, List.of());
        Point p = Point.train("a", "a", "model: {}", 1, 1);
        Point q = Point.train("a", "a", "model: {x: 1}", 1, 1);
        String k = DoneFile.key(e, p, 1);
        assertThat(k).hasSize(64).isEqualTo(DoneFile.key(e, p, 1));
        assertThat(List.of(DoneFile.key(e2, p, 1), DoneFile.key(e, p, 2), DoneFile.key(e, q, 1))).doesNotContain(k);
    }

    @Test
    void aMissingMeasurementNamesThePointSeedAndWhatThereIs() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcome().value("accuracy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point 'p' seed 3 has no value 'accuracy'; it has [final_train_loss, steps, max]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcome().series("grad_b"))
                .hasMessageContaining("has no series 'grad_b'; it has [loss]");
    }
}
