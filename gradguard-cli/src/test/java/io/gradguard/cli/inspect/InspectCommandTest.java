package io.gradguard.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    /** He et al.'s backward gain for normal(std=1), fan_in 64, ReLU: 1 * sqrt(64 / 2) = 5.657. */
    static final double RELU_STD1_FAN64 = Math.sqrt(32);

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Result(code, o.toString(), e.toString());
    }

    static String example(String name) {
        return EXAMPLES.resolve(name + ".yaml").toString();
    }

    @Test
    void deepReluBadInitIsPredictedToExplodeWithTheTheoryGainPerLayer() throws IOException {
        Result r = run("inspect", example("deep-relu-bad-init"), "--json", "--strict");
        assertThat(r.exit).as(r.err).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.fieldNames()).toIterable().containsExactly("name", "batches", "batch_size", "layers", "gain",
                "jacobian", "recurrent", "findings", "overall");
        assertThat(j.get("overall").asText()).isEqualTo("exploding");
        assertThat(j.get("batches").asInt()).isEqualTo(3);
        // 21 dense layers and 20 ReLUs; 20 gains between the 21 dense layers.
        assertThat(j.get("layers")).hasSize(41);
        assertThat(j.get("gain").get("layers").asInt()).isEqualTo(20);
        // Measured geometric mean over 20 layers of width 64 from 3 batches of 32: within 10% of theory.
        assertThat(j.get("gain").get("per_layer").asDouble()).isCloseTo(RELU_STD1_FAN64, within(0.57));
        assertThat(j.get("gain").get("product").asDouble()).isGreaterThan(1e12);
        JsonNode first = j.get("layers").get(0);
        assertThat(first.get("name").asText()).isEqualTo("layers.0");
        assertThat(first.get("kind").asText()).isEqualTo("dense");
        assertThat(first.get("theory_gain").asDouble()).isCloseTo(RELU_STD1_FAN64, within(1e-3));
        assertThat(j.get("layers").get(1).get("kind").asText()).isEqualTo("relu");
        assertThat(j.get("layers").get(1).get("gain").isNull()).isTrue();
        assertThat(j.get("layers").get(40).get("gain").isNull()).as("the output layer has no next layer").isTrue();
        assertThat(j.get("jacobian").get("singular_values").get(0).asDouble()).isGreaterThan(1e3);
        assertThat(verdictOf(j, "gradient chain")).isEqualTo("exploding");
        assertThat(verdictOf(j, "input-output jacobian")).isEqualTo("exploding");
        assertThat(r.err.trim()).isEqualTo("gradguard inspect: --strict: deep-relu-bad-init is predicted to explode"
                + " (exit 1)");
    }

    @Test
    void helpListsTheOptionsAndTheTopLevelHelpListsInspect() {
        Result r = run("inspect", "--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("SPEC.yaml", "--batches", "--json", "--strict", "--set", "later issue");
        assertThat(run("--help").out).containsPattern("inspect +Predict vanishing or exploding gradients");
    }

    @Test
    void theTableShowsLayersAsRowsAndTheVerdictLines() {
        Result r = run("inspect", example("deep-relu-bad-init"), "--batches", "1");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("1 batch of 32", "layer", "|grad W|", "gain", "theory", "dead");
        assertThat(r.out).containsPattern("layers\\.0 +dense .* 5\\.657");
        assertThat(r.out).contains("EXPLODING gradient chain", "overall: EXPLODING", "later issue");
    }

    @Test
    void heInitialisationFixesTheSameNetwork() throws IOException {
        Result r = run("inspect", example("deep-relu-bad-init"), "--set", "model.init=he_normal", "--json",
                "--strict");
        assertThat(r.exit).as(r.out + r.err).isZero();
        JsonNode j = r.json();
        assertThat(verdictOf(j, "gradient chain")).isEqualTo("ok");
        // He: sqrt(2/64) * sqrt(64/2) = 1 per layer.
        assertThat(j.get("layers").get(0).get("theory_gain").asDouble()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void deepSigmoidIsPredictedToVanish() throws IOException {
        Result r = run("inspect", example("deep-sigmoid"), "--json", "--strict");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode j = r.json();
        assertThat(j.get("overall").asText()).isEqualTo("vanishing");
        assertThat(verdictOf(j, "gradient chain")).isEqualTo("vanishing");
        // Glorot on 32x32: std*sqrt(32) = 1, times sigma' <= 1/4.
        assertThat(j.get("layers").get(0).get("theory_gain").asDouble()).isCloseTo(0.25, within(1e-6));
        assertThat(j.get("gain").get("per_layer").asDouble()).isLessThan(1 / 1.5);
        assertThat(j.get("layers").get(1).get("saturated_fraction").isNumber()).isTrue();
    }

    @Test
    void spiralsIsHealthyAndPassesStrict() throws IOException {
        Result r = run("inspect", example("spirals"), "--json", "--strict");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode j = r.json();
        assertThat(j.get("overall").asText()).isEqualTo("ok");
        assertThat(j.get("gain").get("per_layer").asDouble()).isBetween(1 / 1.5, 1.5);
    }

    @Test
    void rnnAddingReportsRecurrentRadiusOneAndAHalfAsExploding() throws IOException {
        Result r = run("inspect", example("rnn-adding"), "--json", "--strict", "--batches", "1");
        assertThat(r.exit).as(r.err).isEqualTo(1);
        JsonNode j = r.json();
        JsonNode rec = j.get("recurrent");
        assertThat(rec).hasSize(1);
        // orthogonal init with gain 1.5: every eigenvalue and singular value has modulus 1.5.
        assertThat(rec.get(0).get("spectral_radius").asDouble()).isCloseTo(1.5, within(1e-4));
        assertThat(rec.get(0).get("largest_singular_value").asDouble()).isCloseTo(1.5, within(1e-4));
        assertThat(rec.get(0).get("steps").asInt()).isEqualTo(100);
        assertThat(verdictOf(j, "layers.0 rnn l0 gate h")).isEqualTo("exploding");
        assertThat(j.get("overall").asText()).isEqualTo("exploding");
    }

    @Test
    void errorsExitTwoWithOneLine(@TempDir Path tmp) throws IOException {
        Result missing = run("inspect", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err.trim()).isEqualTo("gradguard inspect: " + tmp.resolve("nope.yaml") + ": no such spec file");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(EXAMPLES.resolve("spirals.yaml")).replace("lr: 0.01", "lr: -1"));
        Result badSpec = run("inspect", bad.toString());
        assertThat(badSpec.exit).isEqualTo(2);
        assertThat(badSpec.err.trim().lines()).hasSize(1);
        assertThat(badSpec.err).startsWith("gradguard inspect: ").contains("bad.yaml", "lr");
        Result batches = run("inspect", example("spirals"), "--batches", "0");
        assertThat(batches.exit).isEqualTo(2);
        assertThat(batches.err.trim()).isEqualTo("gradguard inspect: --batches must be >= 1, got 0");
    }

    private static String verdictOf(JsonNode j, String subject) {
        List<String> seen = new ArrayList<>();
        for (JsonNode f : j.get("findings")) {
            seen.add(f.get("subject").asText());
            if (f.get("subject").asText().equals(subject)) {
                return f.get("verdict").asText();
            }
        }
        throw new AssertionError("no finding '" + subject + "' among " + seen);
    }
}
