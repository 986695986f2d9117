package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image, sequence and IDX data in the spec, and how the run factory fits them to the model and the loss. */
class SpecDataTest {
    static final String IMAGE_MODEL = "model: {input: [1, 16, 16], layers: [flatten, {dense: 4}]}\n";
    static final String REST = "optimizer: {name: sgd, lr: 0.1}\ntraining: {epochs: 1}\n";

    static RunSpec parse(String yaml) {
        return SpecParser.parse(yaml, null);
    }

    static String buildError(String yaml, Path dir) {
        SpecException e = catchThrowableOfType(() -> RunFactory.build(parse(yaml), dir), SpecException.class);
        assertThat(e).as("expected a SpecException").isNotNull();
        return e.getMessage();
    }

    @Test
    void imageAndSequenceGeneratorsHaveDocumentedDefaults() {
        assertThat(parse(IMAGE_MODEL + "data: {name: bars}\nloss: cross_entropy\n" + REST).data())
                .isEqualTo(new DataSpec.Synthetic("bars", SpecParserTest.params("samples", 1000, "size", 16, "channels", 1,
                        "classes", 4, "noise", 0.1)));
        assertThat(DataSpec.Synthetic.of("shapes").params()).isEqualTo(SpecParserTest.params("samples", 1000, "size",
                16, "channels", 1, "noise", 0.1));
        assertThat(DataSpec.Synthetic.of("adding").params()).isEqualTo(SpecParserTest.params("samples", 2000,
                "length", 50));
        assertThat(DataSpec.Synthetic.of("temporal_order").params()).isEqualTo(SpecParserTest.params("samples", 2000,
                "length", 100));
    }

    @Test
    void badDataValuesNameTheKey() {
        String base = IMAGE_MODEL + "data: {name: bars, size: 16}\nloss: cross_entropy\n" + REST;
        assertThat(SpecErrorsTest.message(base.replace("size: 16", "size: 4")))
                .isEqualTo("data.size: must be in 8..64, got 4 (line 2)");
        assertThat(SpecErrorsTest.message(base.replace("size: 16", "channels: 5")))
                .isEqualTo("data.channels: must be in 1..4, got 5 (line 2)");
        assertThat(SpecErrorsTest.message(base.replace("size: 16", "samples: 3, classes: 4")))
                .isEqualTo("data.samples: must be >= classes = 4, got 3 (line 2)");
        assertThat(SpecErrorsTest.message(base.replace("size: 16", "length: 50")))
                .startsWith("data: unknown key 'length' (line 2); known keys: name, samples, size, channels, classes,");
        assertThat(SpecErrorsTest.message(base.replace("name: bars, size: 16", "name: temporal_order, length: 5")))
                .isEqualTo("data.length: must be >= 10, got 5 (line 2)");
        assertThat(SpecErrorsTest.message(base.replace("{name: bars, size: 16}", "{name: idx, images: a.idx}")))
                .isEqualTo("data: missing required key 'labels' (line 2)");
        assertThat(SpecErrorsTest.message(base.replace("{name: bars, size: 16}", "{name: idx, images: a, labels: b, "
                + "path: c}"))).isEqualTo("data: unknown key 'path' (line 2); known keys: name, images, labels");
    }

    @Test
    void theDataMustFitTheModelInputAndTheLoss(@TempDir Path dir) {
        assertThat(buildError("model: {input: [1, 8, 8], layers: [flatten, {dense: 4}]}\ndata: {name: bars}\n"
                + "loss: cross_entropy\n" + REST, dir)).isEqualTo("model.input: is [1, 8, 8] but the data 'bars' has an "
                + "image [1, 16, 16] per example; set input: [1, 16, 16] (line 1)");
        assertThat(buildError("model: {input: 2, layers: [{dense: 1}]}\ndata: {name: adding, length: 20}\nloss: mse\n"
                + REST, dir)).isEqualTo("model.input: is 2 but the data 'adding' has a sequence [20, 2] per example; "
                + "set input: [20, 2] (line 1)");
        assertThat(buildError("model: {input: 3, layers: [{dense: 1}]}\ndata: {name: spirals}\nloss: cross_entropy\n"
                + REST, dir)).isEqualTo("model.input: is 3 but the data 'spirals' has 2 features per example; set "
                + "input: 2 (line 1)");
        String adding = "model: {input: [20, 2], layers: [{rnn: 4}, last_step, {dense: 1}]}\n"
                + "data: {name: adding, length: 20, samples: 50}\n";
        assertThat(buildError(adding + "loss: cross_entropy\n" + REST, dir)).isEqualTo("loss: cross_entropy needs "
                + "class labels but the data 'adding' is a regression target; use mse (line 3)");
        assertThat(buildError(adding.replace("{rnn: 4}, last_step, {dense: 1}", "{rnn: 4}") + "loss: mse\n" + REST,
                dir)).isEqualTo("model.layers[0]: the model ends with a sequence [20, 4] per example but mse on "
                + "'adding' needs a vector, 1 target value per example; end with last_step and a dense layer of 1 "
                + "(line 1)");
        assertThat(buildError("model: {input: [1, 16, 16], layers: [{conv2d: {out_channels: 4, kernel_size: 1}}]}\n"
                + "data: {name: shapes, samples: 8}\nloss: cross_entropy\n" + REST, dir)).isEqualTo("model.layers[0]: "
                + "the model ends with an image [4, 16, 16] per example but cross_entropy on 'shapes' needs a vector, "
                + "one logit per class: 4 classes; end with flatten (or global_avgpool) and a dense layer of 4 "
                + "(line 1)");
        assertThat(buildError("model: {input: [30, 8], layers: [{gru: 4}, last_step, {dense: 1}]}\n"
                + "data: {name: temporal_order, length: 30, samples: 8}\nloss: mse\n" + REST, dir)).isEqualTo("loss: "
                + "mse needs a regression target but the data 'temporal_order' has 4 classes; use cross_entropy "
                + "(line 3)");
    }

    @Test
    void generatedImagesAndSequencesReachTheTrainer(@TempDir Path dir) {
        RunPlan bars = RunFactory.build(parse(IMAGE_MODEL + "data: {name: bars, samples: 40, channels: 1}\n"
                + "loss: cross_entropy\noptimizer: {name: sgd, lr: 0.1}\ntraining: {epochs: 1, validation_split: 0.25}\n"),
                dir);
        assertThat(bars.train().features().shape()).containsExactly(30, 1, 16, 16);
        assertThat(bars.validation().size()).isEqualTo(10);
        RunPlan order = RunFactory.build(parse("model: {input: [20, 8], layers: [{lstm: 4}, last_step, {dense: 4}]}\n"
                + "data: {name: temporal_order, length: 20, samples: 12}\nloss: cross_entropy\n" + REST), dir);
        assertThat(order.train().features().shape()).containsExactly(12, 20, 8);
        assertThat(order.train().numClasses()).isEqualTo(4);
    }

    @Test
    void idxFilesAreReadRelativeToTheSpecAndRecordedAbsolute(@TempDir Path dir) throws IOException {
        // Three 2x3 images with labels 0, 2, 1: IDX magic 0x00000803 / 0x00000801, big-endian sizes, then bytes.
        Files.write(dir.resolve("imgs.idx"), idx(new int[] {3, 2, 3}, new byte[] {0, 51, (byte) 255, 0, 0, 0,
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        Files.write(dir.resolve("labels.idx"), idx(new int[] {3}, new byte[] {0, 2, 1}));
        String yaml = "model: {input: [1, 2, 3], layers: [flatten, {dense: 3}]}\n"
                + "data: {name: idx, images: imgs.idx, labels: labels.idx}\nloss: cross_entropy\n" + REST;
        RunSpec spec = parse(yaml);
        assertThat(spec.data()).isEqualTo(new DataSpec.Idx("imgs.idx", "labels.idx"));
        RunPlan plan = RunFactory.build(spec, dir);
        assertThat(plan.train().features().shape()).containsExactly(3, 1, 2, 3);
        assertThat(plan.train().numClasses()).isEqualTo(3);
        RunSpec recorded = RunFactory.resolvedForRecord(spec, dir);
        assertThat(recorded.data()).isEqualTo(new DataSpec.Idx(dir.resolve("imgs.idx").toAbsolutePath().normalize()
                .toString(), dir.resolve("labels.idx").toAbsolutePath().normalize().toString()));
        assertThat(buildError(yaml.replace("labels: labels.idx", "labels: nope.idx"), dir)).startsWith("data.labels: "
                + "no such file: ").endsWith("nope.idx (a relative path is read from the spec's folder, else the "
                + "working directory) (line 2)");
        Files.write(dir.resolve("bad.idx"), new byte[] {1, 2, 3});
        assertThat(buildError(yaml.replace("images: imgs.idx", "images: bad.idx"), dir)).startsWith("data: ")
                .contains("bad.idx: truncated");
    }

    private static byte[] idx(int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        return bytes.toByteArray();
    }
}
