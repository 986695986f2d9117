package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layers of the architecture issue: their forms, PyTorch defaults, and the bad values they reject. */
class SpecLayersTest {
    /** An image model using every image layer; line numbers below count from "model:" = line 1. */
    static final String IMAGE = """
            model:
              input: [1, 16, 16]
              layers:
                - conv2d: {out_channels: 8, kernel_size: 3, padding: 1, activation: relu}
                - batchnorm
                - maxpool2d: 2
                - avgpool2d: {kernel_size: 3, stride: 1, padding: 1}
                - dropout: 0.2
                - layernorm
                - residual: [{conv2d: {out_channels: 8, kernel_size: 3, padding: 1}}, relu]
                - global_avgpool
                - dense: 4
            data: {name: bars}
            loss: cross_entropy
            optimizer: {name: sgd, lr: 0.1}
            training: {epochs: 1}
            """;

    /** A sequence model using every recurrent layer. */
    static final String SEQUENCE = """
            model:
              input: [50, 2]
              layers:
                - rnn: {hidden_size: 8, num_layers: 2, nonlinearity: relu, bias: false, init: {name: orthogonal, gain: 1.5}}
                - gru: 8
                - lstm: {hidden_size: 4}
                - layernorm: {eps: 1e-3, elementwise_affine: false}
                - last_step
                - dense: 1
            data: {name: adding, length: 50}
            loss: mse
            optimizer: {name: adam}
            training: {epochs: 1}
            """;

    static List<LayerSpec> layers(String yaml) {
        return SpecParser.parse(yaml, null).model().layers();
    }

    static String imageWith(String from, String to) {
        assertThat(IMAGE).contains(from);
        return IMAGE.replace(from, to);
    }

    static String message(String yaml) {
        return SpecErrorsTest.message(yaml);
    }

    @Test
    void imageLayersParseWithPyTorchDefaults() {
        RunSpec spec = SpecParser.parse(IMAGE, null);
        assertThat(spec.model().inputShape()).isEqualTo(ExampleShape.of(1, 16, 16));
        assertThat(spec.model().input()).as("values per example").isEqualTo(256);
        ActivationSpec relu = ActivationSpec.of("relu");
        assertThat(spec.model().layers()).containsExactly(
                new LayerSpec.Conv2d(8, 3, 1, 1, true, relu, null),
                new LayerSpec.BatchNorm(1e-5, 0.1, true, true),
                new LayerSpec.MaxPool2d(2, 2, 0),
                new LayerSpec.AvgPool2d(3, 1, 1),
                new LayerSpec.Dropout(0.2),
                new LayerSpec.LayerNorm(1e-5, true),
                new LayerSpec.Residual(LayerSpec.Projection.AUTO, List.of(new LayerSpec.Conv2d(8, 3, 1, 1, true, null,
                        null), new LayerSpec.Act(relu))),
                new LayerSpec.GlobalAvgPool(),
                new LayerSpec.Dense(4));
        assertThat(ModelShapes.check(spec.model(), spec.lines())).isEqualTo(ExampleShape.of(4));
    }

    @Test
    void sequenceLayersParseWithPyTorchDefaults() {
        RunSpec spec = SpecParser.parse(SEQUENCE, null);
        assertThat(spec.model().inputShape()).isEqualTo(ExampleShape.of(50, 2));
        assertThat(spec.model().layers()).containsExactly(
                new LayerSpec.Rnn(8, 2, "relu", false, new InitSpec("orthogonal", Map.of("gain", 1.5))),
                new LayerSpec.Gru(8, 1, true, null),
                new LayerSpec.Lstm(4, 1, true, null),
                new LayerSpec.LayerNorm(1e-3, false),
                new LayerSpec.LastStep(),
                new LayerSpec.Dense(1));
        assertThat(((LayerSpec.Rnn) layers("""
                model: {input: [5, 2], layers: [{rnn: 3}, last_step, {dense: 1}]}
                data: {name: adding, length: 5}
                loss: mse
                optimizer: {name: adam}
                training: {epochs: 1}
                """).get(0)).nonlinearity()).as("PyTorch's default nonlinearity").isEqualTo("tanh");
    }

    @Test
    void shortAndLongFormsAgree() {
        String[][] same = {
            {"- dropout: 0.2", "- dropout: {p: 0.2}"},
            {"- dropout: 0.2", "- dropout:\n        p: 0.2"},
            {"- maxpool2d: 2", "- maxpool2d: {kernel_size: 2, stride: 2, padding: 0}"},
            {"- batchnorm", "- batchnorm: {eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true}"},
            {"- batchnorm", "- batchnorm:"},
            {"- layernorm", "- layernorm: {}"},
            {"- global_avgpool", "- global_avgpool: {}"},
            {"- residual: [{conv2d: {out_channels: 8, kernel_size: 3, padding: 1}}, relu]",
                "- residual: {projection: auto, layers: [{conv2d: {out_channels: 8, kernel_size: 3, padding: 1}}, relu]}"}};
        for (String[] pair : same) {
            assertThat(layers(imageWith(pair[0], pair[1]))).as(pair[1]).isEqualTo(layers(IMAGE));
        }
        assertThat(layers(SEQUENCE.replace("- gru: 8", "- gru: {hidden_size: 8, num_layers: 1, bias: true}")))
                .isEqualTo(layers(SEQUENCE));
        // A bare dropout is PyTorch's nn.Dropout(): p = 0.5.
        assertThat(layers(imageWith("- dropout: 0.2", "- dropout")).get(4)).isEqualTo(new LayerSpec.Dropout(0.5));
        assertThat(layers(imageWith("- residual: [", "- residual: {projection: false, layers: [").replace(
                "relu]\n", "relu]}\n")).get(6)).isEqualTo(new LayerSpec.Residual(LayerSpec.Projection.NEVER,
                ((LayerSpec.Residual) layers(IMAGE).get(6)).layers()));
        assertThat(layers(imageWith("- residual: [", "- residual: {projection: yes, layers: [").replace(
                "relu]\n", "relu]}\n")).get(6)).extracting("projection").isEqualTo(LayerSpec.Projection.ALWAYS);
    }

    @Test
    void badLayerValuesNameTheKeyAndLine() {
        assertThat(message(imageWith("- dropout: 0.2", "- dropout: 1.0")))
                .isEqualTo("model.layers[4].dropout: must be in [0, 1), got 1.0 (line 8)");
        assertThat(message(imageWith("- dropout: 0.2", "- dropout: {rate: 0.1}")))
                .isEqualTo("model.layers[4].dropout: unknown key 'rate' (line 8); known keys: p");
        assertThat(message(imageWith("- dropout: 0.2", "- dropout: {p: -0.1}")))
                .isEqualTo("model.layers[4].dropout.p: must be in [0, 1), got -0.1 (line 8)");
        assertThat(message(imageWith("kernel_size: 3, padding: 1, activation", "padding: 1, activation")))
                .isEqualTo("model.layers[0].conv2d: missing required key 'kernel_size' (line 4)");
        assertThat(message(imageWith("kernel_size: 3, padding: 1, activation", "kernel_size: 3, stride: 0, activation")))
                .isEqualTo("model.layers[0].conv2d.stride: must be > 0, got 0 (line 4)");
        assertThat(message(imageWith("kernel_size: 3, padding: 1, activation", "kernel_size: 3x3, activation")))
                .isEqualTo("model.layers[0].conv2d.kernel_size: expected an integer, got '3x3' (line 4)");
        assertThat(message(imageWith("padding: 1, activation: relu}", "padding: 1, activation: rellu}")))
                .startsWith("model.layers[0].conv2d.activation: unknown activation 'rellu' (line 4); known: ");
        assertThat(message(imageWith("- batchnorm", "- batchnorm: {momentum: 1.5}")))
                .isEqualTo("model.layers[1].batchnorm.momentum: must be in [0, 1], got 1.5 (line 5)");
        assertThat(message(imageWith("- batchnorm", "- batchnorm: {affine: maybe}")))
                .isEqualTo("model.layers[1].batchnorm.affine: expected true or false, got 'maybe' (line 5)");
        assertThat(message(imageWith("- batchnorm", "- batchnorm: 0.1")))
                .isEqualTo("model.layers[1].batchnorm: expected a map, got '0.1' (line 5)");
        assertThat(message(imageWith("- layernorm", "- layernorm: {eps: -1}")))
                .isEqualTo("model.layers[5].layernorm.eps: must be >= 0, got -1 (line 9)");
        assertThat(message(imageWith("- maxpool2d: 2", "- maxpool2d: {kernel_size: 2, padding: 2}")))
                .isEqualTo("model.layers[2].maxpool2d.padding: must be at most half of kernel_size (PyTorch's rule), "
                        + "got 2 with kernel_size 2 (line 6)");
        assertThat(message(imageWith("- maxpool2d: 2", "- maxpool2d: 0")))
                .isEqualTo("model.layers[2].maxpool2d: must be > 0, got 0 (line 6)");
        assertThat(message(imageWith("- global_avgpool", "- global_avgpool: {output_size: 1}")))
                .isEqualTo("model.layers[7].global_avgpool: unknown key 'output_size' (line 11); known keys: none");
        assertThat(message(imageWith("- residual: [", "- residual: {projection: maybe, layers: [")
                .replace("relu]\n", "relu]}\n")))
                .isEqualTo("model.layers[6].residual.projection: expected auto, true or false, got 'maybe' (line 10)");
        assertThat(message(imageWith("- residual: [{conv2d: {out_channels: 8, kernel_size: 3, padding: 1}}, relu]",
                "- residual: []"))).isEqualTo("model.layers[6].residual: must list at least one layer (line 10)");
        assertThat(message(imageWith("- residual: [{conv2d: {out_channels: 8, kernel_size: 3, padding: 1}}, relu]",
                "- residual: {projection: true}")))
                .isEqualTo("model.layers[6].residual: missing required key 'layers' (line 10)");
        // A residual item is read at its long-form path whichever form it was written in.
        assertThat(message(imageWith("kernel_size: 3, padding: 1}}, relu]", "kernel_size: 3, padding: 1}}, rleu]")))
                .startsWith("model.layers[6].residual.layers[1]: unknown layer 'rleu' (line 10); did you mean 'relu'?");
    }

    @Test
    void badRecurrentValues() {
        assertThat(message(SEQUENCE.replace("nonlinearity: relu", "nonlinearity: sigmoid")))
                .isEqualTo("model.layers[0].rnn.nonlinearity: unknown nonlinearity 'sigmoid' (line 4); known: tanh, relu");
        assertThat(message(SEQUENCE.replace("- lstm: {hidden_size: 4}", "- lstm: {hidden_size: 4, nonlinearity: tanh}")))
                .isEqualTo("model.layers[2].lstm: unknown key 'nonlinearity' (line 6); known keys: hidden_size, "
                        + "num_layers, bias, init");
        assertThat(message(SEQUENCE.replace("num_layers: 2", "num_layers: 0")))
                .isEqualTo("model.layers[0].rnn.num_layers: must be >= 1, got 0 (line 4)");
        assertThat(message(SEQUENCE.replace("- gru: 8", "- gru: {num_layers: 2}")))
                .isEqualTo("model.layers[1].gru: missing required key 'hidden_size' (line 5)");
        assertThat(message(SEQUENCE.replace("- gru: 8", "- gru: -8")))
                .isEqualTo("model.layers[1].gru: must be > 0, got -8 (line 5)");
        assertThat(message(SEQUENCE.replace("{name: orthogonal, gain: 1.5}", "{name: orthogonal, gain: 0}")))
                .isEqualTo("model.layers[0].rnn.init.gain: must be > 0, got 0 (line 4)");
    }

    @Test
    void layersThatNeedSettingsSayHow() {
        assertThat(message(imageWith("- maxpool2d: 2", "- maxpool2d"))).isEqualTo("model.layers[2]: 'maxpool2d' needs "
                + "its settings, as in '- maxpool2d: 2' (line 6)");
        assertThat(message(imageWith("- maxpool2d: 2", "- maxpool2d:"))).isEqualTo("model.layers[2].maxpool2d: "
                + "'maxpool2d' needs its settings, as in '- maxpool2d: 2' (line 6)");
        assertThat(message(SEQUENCE.replace("- gru: 8", "- gru"))).isEqualTo("model.layers[1]: 'gru' needs its "
                + "settings, as in '- gru: 64' (line 5)");
        assertThat(message(imageWith("- conv2d: {out_channels: 8, kernel_size: 3, padding: 1, activation: relu}",
                "- conv2d"))).isEqualTo("model.layers[0]: 'conv2d' needs its settings, as in '- conv2d: "
                + "{out_channels: 16, kernel_size: 3}' (line 4)");
        assertThat(message(imageWith("- conv2d: {out_channels: 8, kernel_size: 3, padding: 1, activation: relu}",
                "- conv2d: 8"))).isEqualTo("model.layers[0].conv2d: expected the settings of conv2d, as in "
                + "{out_channels: 16, kernel_size: 3}, got '8' (line 4)");
    }

    @Test
    void inputShapes() {
        assertThat(message(IMAGE.replace("input: [1, 16, 16]", "input: [1, 2, 16, 16]"))).isEqualTo("model.input: "
                + "expected features (an integer), [T, F] for sequences or [C, H, W] for images, got a list of 4 items "
                + "(line 2)");
        assertThat(message(IMAGE.replace("input: [1, 16, 16]", "input: [1, 0, 16]")))
                .isEqualTo("model.input[1]: must be > 0, got 0 (line 2)");
        assertThat(message(IMAGE.replace("input: [1, 16, 16]", "input: []"))).contains("got a list of 0 items");
    }

    @Test
    void overridesReachIntoShortForms() {
        RunSpec spec = SpecParser.parse(IMAGE, null, List.of("model.layers[4].dropout.p=0.3",
                "model.layers[6].residual.projection=false", "model.layers[2].maxpool2d.stride=1"));
        assertThat(spec.model().layers().get(4)).isEqualTo(new LayerSpec.Dropout(0.3));
        assertThat(spec.model().layers().get(6)).extracting("projection").isEqualTo(LayerSpec.Projection.NEVER);
        assertThat(spec.model().layers().get(2)).isEqualTo(new LayerSpec.MaxPool2d(2, 1, 0));
        RunSpec seq = SpecParser.parse(SEQUENCE, null, List.of("model.layers[1].gru.num_layers=3"));
        assertThat(seq.model().layers().get(1)).isEqualTo(new LayerSpec.Gru(8, 3, true, null));
    }
}
