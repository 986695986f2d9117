package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's shape followed through the layers: the rules, and mismatches named by path, line and shapes. */
class SpecShapesTest {
    /** Lines count from "model:" = line 1; the layers start at line 4. */
    static String spec(String input, String... layers) {
        return "model:\n  input: " + input + "\n  layers:\n    - " + String.join("\n    - ", layers) + "\n"
                + "data: {name: bars}\nloss: cross_entropy\noptimizer: {name: sgd, lr: 0.1}\ntraining: {epochs: 1}\n";
    }

    static String message(String yaml) {
        return SpecErrorsTest.message(yaml);
    }

    /** Every layer with the shapes it took and made, as the walk reports them. */
    static List<String> trace(String yaml) {
        RunSpec s = SpecParser.parse(yaml, null);
        List<String> out = new ArrayList<>();
        ModelShapes.walk(s.model(), s.lines(), new ModelShapes.Visitor() {
            @Override
            public void layer(String path, LayerSpec layer, ExampleShape in, ExampleShape o) {
                out.add(path + " " + in + " -> " + o);
            }

            @Override
            public void exitResidual(String path, LayerSpec.Residual r, ExampleShape in, ExampleShape o,
                                     ModelShapes.Shortcut shortcut) {
                out.add(path + " " + in + " -> " + o + " " + shortcut);
            }
        });
        return out;
    }

    @Test
    void shapesFollowPyTorchsRules() {
        // conv: floor((16 + 2*1 - 3) / 2) + 1 = 8; maxpool(3, stride 3): floor((8 - 3) / 3) + 1 = 2.
        assertThat(trace(spec("[3, 16, 16]", "conv2d: {out_channels: 4, kernel_size: 3, stride: 2, padding: 1}",
                "batchnorm", "maxpool2d: 3", "layernorm", "flatten", "dropout: 0.1", "dense: 4"))).containsExactly(
                "model.layers[0].conv2d [3, 16, 16] -> [4, 8, 8]",
                "model.layers[1].batchnorm [4, 8, 8] -> [4, 8, 8]",
                "model.layers[2].maxpool2d [4, 8, 8] -> [4, 2, 2]",
                "model.layers[3].layernorm [4, 2, 2] -> [4, 2, 2]",
                "model.layers[4].flatten [4, 2, 2] -> [16]",
                "model.layers[5].dropout [16] -> [16]",
                "model.layers[6].dense [16] -> [4]");
        assertThat(trace(spec("[30, 3]", "lstm: 8", "gru: {hidden_size: 5, num_layers: 2}", "tanh", "last_step",
                "dense: 2"))).containsExactly(
                "model.layers[0].lstm [30, 3] -> [30, 8]",
                "model.layers[1].gru [30, 8] -> [30, 5]",
                "model.layers[2].tanh [30, 5] -> [30, 5]",
                "model.layers[3].last_step [30, 5] -> [5]",
                "model.layers[4].dense [5] -> [2]");
        assertThat(trace(spec("[2, 5, 5]", "avgpool2d: {kernel_size: 2, stride: 1}", "global_avgpool")))
                .containsExactly("model.layers[0].avgpool2d [2, 5, 5] -> [2, 4, 4]",
                        "model.layers[1].global_avgpool [2, 4, 4] -> [2]");
    }

    @Test
    void residualShortcutsAreIdentityOrAProjection() {
        assertThat(trace(spec("8", "residual: [{dense: 8}, relu]", "residual: [{dense: 4}]",
                "residual: {projection: true, layers: [{dense: 4}]}")))
                .contains("model.layers[0].residual [8] -> [8] Identity[]",
                        "model.layers[1].residual [8] -> [4] DenseProjection[in=8, out=4]",
                        "model.layers[2].residual [4] -> [4] DenseProjection[in=4, out=4]");
        // A ResNet down-sampling block: 3x3 stride 2 in the block, 1x1 stride 2 on the shortcut (8 -> 4).
        assertThat(trace(spec("[8, 8, 8]", "residual: [{conv2d: {out_channels: 16, kernel_size: 3, stride: 2, "
                + "padding: 1}}, batchnorm, relu]"))).containsExactly(
                "model.layers[0].residual.layers[0].conv2d [8, 8, 8] -> [16, 4, 4]",
                "model.layers[0].residual.layers[1].batchnorm [16, 4, 4] -> [16, 4, 4]",
                "model.layers[0].residual.layers[2].relu [16, 4, 4] -> [16, 4, 4]",
                "model.layers[0].residual [8, 8, 8] -> [16, 4, 4] ConvProjection[inChannels=8, outChannels=16, stride=2]");
        // 9 -> 3: a 1x1 convolution gives floor((9 - 1) / s) + 1, which is 3 first at s = 3 (the smallest stride).
        assertThat(ModelShapes.shortcut(new LayerSpec.Residual(LayerSpec.Projection.AUTO, List.of(new LayerSpec.Flatten())),
                ExampleShape.of(2, 9, 9), ExampleShape.of(2, 3, 3)))
                .isEqualTo(new ModelShapes.Shortcut.ConvProjection(2, 2, 3));
    }

    @Test
    void repeatsUnrollAndNest() {
        List<String> t = trace(spec("[1, 8, 8]", "repeat: {times: 2, layers: [{maxpool2d: 2}, "
                + "{residual: [{conv2d: {out_channels: 2, kernel_size: 1}}]}]}", "flatten"));
        assertThat(t).containsExactly(
                "model.layers[0].repeat.layers[0].maxpool2d [1, 8, 8] -> [1, 4, 4]",
                "model.layers[0].repeat.layers[1].residual.layers[0].conv2d [1, 4, 4] -> [2, 4, 4]",
                "model.layers[0].repeat.layers[1].residual [1, 4, 4] -> [2, 4, 4] "
                        + "ConvProjection[inChannels=1, outChannels=2, stride=1]",
                "model.layers[0].repeat.layers[0].maxpool2d [2, 4, 4] -> [2, 2, 2]",
                "model.layers[0].repeat.layers[1].residual.layers[0].conv2d [2, 2, 2] -> [2, 2, 2]",
                "model.layers[0].repeat.layers[1].residual [2, 2, 2] -> [2, 2, 2] Identity[]",
                "model.layers[1].flatten [2, 2, 2] -> [8]");
    }

    @Test
    void aLayerThatCannotTakeItsInputNamesPathLineAndShapes() {
        // The example: a dense layer after convolutions, without flatten.
        assertThat(message(spec("[3, 16, 16]", "conv2d: {out_channels: 16, kernel_size: 3, padding: 1}",
                "maxpool2d: 2", "relu", "dense: 10"))).isEqualTo("model.layers[3].dense: expects a vector input but "
                + "gets [16, 8, 8]; add flatten before it (line 7)");
        assertThat(SpecErrorsTest.error(spec("[3, 16, 16]", "dense: 10"))).satisfies(e -> {
            assertThat(e.path()).isEqualTo("model.layers[0].dense");
            assertThat(e.line()).isEqualTo(4);
        });
        assertThat(catchMessage(spec("[3, 16, 16]", "dense: 10"), "net.yaml")).isEqualTo("net.yaml:4: "
                + "model.layers[0].dense: expects a vector input but gets [3, 16, 16]; add flatten before it");
        assertThat(message(spec("[20, 2]", "rnn: 4", "dense: 1"))).isEqualTo("model.layers[1].dense: expects a vector "
                + "input but gets the sequence [20, 4]; add last_step (or flatten) before it (line 5)");
        assertThat(message(spec("2", "conv2d: {out_channels: 4, kernel_size: 3}"))).isEqualTo("model.layers[0].conv2d: "
                + "expects an image input [C, H, W] but gets [2] (line 4)");
        assertThat(message(spec("[1, 16, 16]", "lstm: 4"))).isEqualTo("model.layers[0].lstm: expects a sequence "
                + "input [T, F] but gets [1, 16, 16] (line 4)");
        assertThat(message(spec("4", "last_step"))).isEqualTo("model.layers[0].last_step: expects a sequence input "
                + "[T, F] but gets [4] (line 4)");
        assertThat(message(spec("[20, 2]", "batchnorm"))).isEqualTo("model.layers[0].batchnorm: normalises a vector "
                + "(BatchNorm1d) or an image (BatchNorm2d) but gets the sequence [20, 2]; use layernorm for sequences "
                + "(line 4)");
        // floor((4 + 0 - 5) / 1) + 1 = 0.
        assertThat(message(spec("[1, 4, 4]", "conv2d: {out_channels: 2, kernel_size: 5}"))).isEqualTo(
                "model.layers[0].conv2d: kernel_size 5 with padding 0 does not fit the input [1, 4, 4] (the output "
                        + "would be 0x0) (line 4)");
        // 8 -> 4 -> 2 -> 1, then the fourth pooling has nothing to pool.
        assertThat(message(spec("[1, 8, 8]", "repeat: {times: 5, layers: [{maxpool2d: 2}]}"))).isEqualTo(
                "model.layers[0].repeat.layers[0].maxpool2d: kernel_size 2 with padding 0 does not fit the input "
                        + "[1, 1, 1] (the output would be 0x0) (in repetition 4 of 5) (line 4)");
        assertThat(message(spec("8", "residual: [{dense: 8}, {conv2d: {out_channels: 2, kernel_size: 1}}]")))
                .isEqualTo("model.layers[0].residual.layers[1].conv2d: expects an image input [C, H, W] but gets [8] "
                        + "(line 4)");
    }

    @Test
    void residualsThatCannotAddTheirInputAreErrors() {
        assertThat(message(spec("8", "residual: {projection: false, layers: [{dense: 4}]}"))).isEqualTo(
                "model.layers[0].residual: the block turns [8] into [4] but projection is false; keep the shape in the "
                        + "block, or let a projection match it (projection: auto) (line 4)");
        assertThat(message(spec("[1, 4, 4]", "residual: [flatten, {dense: 3}]"))).isEqualTo(
                "model.layers[0].residual: the block turns [1, 4, 4] into [3]: a projection maps a vector to a vector or "
                        + "an image to an image, not an image [C, H, W] to a vector [F]; keep the kind in the block "
                        + "(line 4)");
        // floor((9 - 3) / 2) + 1 = 4, but a 1x1 convolution maps 9 to 9, 5, 3, ... never 4.
        assertThat(message(spec("[2, 9, 9]", "residual: [{conv2d: {out_channels: 2, kernel_size: 3, stride: 2}}]")))
                .isEqualTo("model.layers[0].residual: the block turns [2, 9, 9] into [2, 4, 4]: no stride of a 1x1 "
                        + "convolution maps 9x9 to 4x4; change the block's stride or padding (line 4)");
        assertThat(message(spec("[10, 2]", "residual: [{lstm: 4}]"))).isEqualTo("model.layers[0].residual: the block "
                + "turns [10, 2] into [10, 4]: sequences have no projection; keep the shape in the block (line 4)");
        // The same shape but another kind ([4] vs [2, 2] have different ranks) is not the identity either.
        assertThatThrownBy(() -> ModelShapes.shortcut(new LayerSpec.Residual(LayerSpec.Projection.AUTO,
                List.of(new LayerSpec.Flatten())), ExampleShape.of(1, 2, 2), ExampleShape.of(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an image [C, H, W] to a vector");
    }

    @Test
    void shapeErrorsFromAnOverrideNameTheLayer() {
        assertThat(catchMessage(spec("2", "dense: 4"), "net.yaml", "model.input=[1, 8, 8]")).isEqualTo("net.yaml:4: "
                + "model.layers[0].dense: expects a vector input but gets [1, 8, 8]; add flatten before it");
        assertThat(catchMessage(spec("2", "dense: 4"), "net.yaml", "model.layers[0]={conv2d: {out_channels: 1, "
                + "kernel_size: 1}}")).isEqualTo("model.layers[0].conv2d: expects an image input [C, H, W] but gets [2] "
                + "(from --set model.layers[0]={conv2d: {out_channels: 1, kernel_size: 1}})");
    }

    @Test
    void exampleShapesValidate() {
        assertThat(ExampleShape.of(3, 4, 5).kind()).isEqualTo(ExampleShape.Kind.IMAGE);
        assertThat(ExampleShape.of(3, 4, 5).numel()).isEqualTo(60);
        assertThat(ExampleShape.of(3, 4).withBatch(7)).containsExactly(7, 3, 4);
        assertThatThrownBy(() -> ExampleShape.of(1, 2, 3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExampleShape needs 1 (vector), 2 (sequence [T, F]) or 3 (image [C, H, W]) dimensions, got "
                        + "[1, 2, 3, 4]");
        assertThatThrownBy(() -> ExampleShape.of(3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExampleShape dimensions must be > 0, got [3, 0]");
        assertThatThrownBy(() -> new ModelSpec(0, InitSpec.DEFAULT, List.of(new LayerSpec.Dense(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ModelSpec input must be > 0, got 0");
    }

    static String catchMessage(String yaml, String source, String... overrides) {
        try {
            SpecParser.parse(yaml, source, List.of(overrides));
        } catch (SpecException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a SpecException");
    }
}
