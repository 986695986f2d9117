package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecWriterTest {

    static void assertRoundTrip(RunSpec spec) {
        String yaml = SpecWriter.toYaml(spec);
        RunSpec back = SpecParser.parse(yaml, "spec.yaml");
        assertThat(back).as(yaml).isEqualTo(spec);
        // Writing the re-read spec gives the same text: the output is canonical.
        assertThat(SpecWriter.toYaml(back)).isEqualTo(yaml);
    }

    @Test
    void fullSpecRoundTrips() {
        assertRoundTrip(SpecParser.parse(SpecParserTest.FULL, "spec.yaml"));
    }

    @Test
    void minimalSpecRoundTripsWithEveryDefaultWritten() {
        RunSpec spec = SpecParser.parse(SpecParserTest.MINIMAL, "tiny.yaml");
        assertRoundTrip(spec);
        assertThat(SpecWriter.toYaml(spec)).isEqualTo("""
                # The resolved run spec: every default filled in.
                name: tiny
                seed: 0
                model:
                  input: 4
                  init: default
                  layers:
                  - dense: {units: 3, bias: true}
                data:
                  name: xor
                  samples: 1000
                  noise: 0.1
                loss: mse
                optimizer:
                  name: sgd
                  lr: 0.1
                  momentum: 0.0
                  dampening: 0.0
                  weight_decay: 0.0
                  nesterov: false
                  schedule: {name: constant, interval: epoch, warmup: 0, warmup_start_factor: 0.3333333333333333}
                  regularization: {l1: 0.0, l2: 0.0}
                training:
                  epochs: 2
                  batch_size: 32
                  validation_split: 0.0
                  shuffle: true
                  log_every: 1
                  checkpoint_every: 0
                output:
                  dir: runs
                """);
    }

    @Test
    void everyOptimizerScheduleAndGeneratorRoundTrips() {
        String[] optimizers = {
            "{name: sgd, lr: 0.5, momentum: 0.9, nesterov: true, schedule: {name: step, step_size: 10, gamma: 0.5}}",
            "{name: adam, amsgrad: true, schedule: {name: exponential, gamma: 0.99, interval: step}}",
            "{name: adamw, betas: [0.5, 0.9], schedule: {name: cosine, t_max: 50, eta_min: 1e-6, warmup: 3}}",
            "{name: rmsprop, centered: true, momentum: 0.1, regularization: {l1: 1e-5}}",
            "{name: adagrad, lr_decay: 1e-4, initial_accumulator_value: 0.1}"};
        String[] data = {"{name: spirals, classes: 5}", "{name: circles, factor: 0.3}",
            "{name: blobs, centers: 4, cluster_std: 0.5}", "{name: parity, bits: 4}", "{name: sine, periods: 0.5}"};
        for (int i = 0; i < optimizers.length; i++) {
            String yaml = SpecParserTest.MINIMAL.replace("{name: sgd, lr: 0.1}", optimizers[i])
                    .replace("{name: xor}", data[i]);
            assertRoundTrip(SpecParser.parse(yaml, "run-" + i));
        }
    }

    @Test
    void layerVariantsRoundTrip() {
        String yaml = SpecParserTest.MINIMAL.replace("layers: [dense: 3]", """
                init: {name: orthogonal, gain: 1.5}
                  layers:
                    - dense: {units: 8, bias: false, activation: {name: softplus, beta: 2}, init: zeros}
                    - elu: {alpha: 0.5}
                    - repeat: {times: 3, layers: [{dense: {units: 8, init: {name: constant, value: -0.5}}}, gelu,
                        {repeat: {times: 2, layers: [selu, identity]}}]}
                    - dense: {units: 1, activation: sigmoid, init: {name: he_uniform, mode: fan_out, nonlinearity: relu}}
                """);
        assertRoundTrip(SpecParser.parse(yaml, null));
    }

    @Test
    void stringsThatLookLikeOtherTypesAreQuoted() {
        RunSpec parsed = SpecParser.parse(SpecParserTest.MINIMAL, null);
        RunSpec spec = new RunSpec("true", -5, parsed.model(),
                new DataSpec.Csv("data dir/x: y.csv", "3", false, "\t", true, "regression"), parsed.loss(),
                parsed.optimizer(), parsed.training(), new OutputSpec("1e-3"));
        assertRoundTrip(spec);
        assertThat(SpecWriter.toYaml(spec)).contains("name: 'true'", "delimiter: \"\\t\"", "target: '3'");
    }

    @Test
    void specsBuiltInCodeRoundTrip() {
        ModelSpec model = new ModelSpec(2, InitSpec.of("he_normal"), List.of(
                new LayerSpec.Dense(4, true, ActivationSpec.of("relu"), new InitSpec("normal", Map.of("mean", 0,
                        "std", 1))),
                new LayerSpec.Dense(2)));
        RunSpec spec = new RunSpec("coded", 123, model, DataSpec.Synthetic.of("circles"),
                new LossSpec("bce_with_logits"), OptimizerSpec.of("adam", 0.002),
                new TrainingSpec(3, 16, 0.25, false, 10, 1), OutputSpec.DEFAULT);
        assertRoundTrip(spec);
        assertThat(SpecWriter.toYaml(spec)).as("written only when set").doesNotContain("terminate_on_nan");
        RunSpec terminating = new RunSpec("coded", 123, model, DataSpec.Synthetic.of("circles"),
                new LossSpec("bce_with_logits"), OptimizerSpec.of("adam", 0.002),
                new TrainingSpec(3, 16, 0.25, false, 10, 1, true), OutputSpec.DEFAULT);
        assertRoundTrip(terminating);
        assertThat(SpecWriter.toYaml(terminating)).contains("terminate_on_nan: true");
    }

    @Test
    void architectureLayersAndDataRoundTrip() {
        assertRoundTrip(SpecParser.parse(SpecLayersTest.IMAGE, "image.yaml"));
        assertRoundTrip(SpecParser.parse(SpecLayersTest.SEQUENCE, null));
        String projections = SpecLayersTest.IMAGE.replace("- global_avgpool", """
                - residual: {projection: false, layers: [relu]}
                    - residual: {projection: true, layers: [{residual: [{avgpool2d: 1}]}, {dropout: 0.1}]}
                    - repeat: {times: 2, layers: [{residual: [tanh]}]}
                    - global_avgpool""");
        assertRoundTrip(SpecParser.parse(projections, null));
        String[] data = {"{name: shapes, channels: 3, noise: 0.0}", "{name: bars, classes: 8, size: 32}",
            "{name: idx, images: 'train images.gz', labels: /abs/labels.gz}"};
        for (String d : data) {
            assertRoundTrip(SpecParser.parse(SpecLayersTest.IMAGE.replace("{name: bars}", d), null));
        }
        assertRoundTrip(SpecParser.parse(SpecLayersTest.SEQUENCE.replace("{name: adding, length: 50}",
                "{name: temporal_order, length: 50, samples: 64}").replace("dense: 1", "dense: 4")
                .replace("loss: mse", "loss: cross_entropy"), null));
    }

    @Test
    void newLayersAreWrittenWithEveryParam() {
        String yaml = SpecWriter.toYaml(SpecParser.parse("""
                model:
                  input: [1, 8, 8]
                  layers:
                    - conv2d: {out_channels: 2, kernel_size: 3, init: he_normal}
                    - batchnorm
                    - residual: [{maxpool2d: 1}, dropout]
                    - flatten
                    - dense: 2
                data: {name: bars, size: 8, classes: 2}
                loss: cross_entropy
                optimizer: {name: sgd, lr: 0.1}
                training: {epochs: 1}
                """, "t.yaml"));
        assertThat(yaml).contains("""
                model:
                  input: [1, 8, 8]
                  init: default
                  layers:
                  - conv2d: {out_channels: 2, kernel_size: 3, stride: 1, padding: 0, bias: true, init: {name: kaiming_normal, a: 0.0, mode: fan_in, nonlinearity: leaky_relu}}
                  - batchnorm: {eps: 1.0E-5, momentum: 0.1, affine: true, track_running_stats: true}
                  - residual:
                      projection: auto
                      layers:
                      - maxpool2d: {kernel_size: 1, stride: 1, padding: 0}
                      - dropout: {p: 0.5}
                  - flatten
                  - dense: {units: 2, bias: true}
                data:
                  name: bars
                  samples: 1000
                  size: 8
                  channels: 1
                  classes: 2
                  noise: 0.1
                """);
    }

    @Test
    void everyExampleRoundTrips() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "examples"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                assertRoundTrip(SpecParser.parse(f));
            }
        }
    }
}
