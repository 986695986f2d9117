package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {
    /** The example of the reference, with the CSV line left as a comment. */
    static final String FULL = """
            name: spirals-relu
            seed: 42
            model:
              input: 2
              init: he_normal
              layers:
                - dense: 64
                - relu
                - dense: {units: 64, activation: relu, bias: true, init: {name: normal, std: 0.1}}
                - leaky_relu: {negative_slope: 0.1}
                - repeat: {times: 20, layers: [{dense: 64}, tanh]}
                - dense: 3
            data:
              name: spirals
              samples: 3000
              classes: 3
              noise: 0.2
            loss: cross_entropy
            optimizer:
              name: adam
              lr: 0.01
              betas: [0.9, 0.999]
              schedule: {name: cosine, t_max: 100, eta_min: 0.0, interval: epoch, warmup: 5, warmup_start_factor: 0.1}
              regularization: {l1: 0.0, l2: 1e-4}
            training:
              epochs: 100
              batch_size: 64
              validation_split: 0.2
              shuffle: true
              log_every: 1
              checkpoint_every: 10
            output:
              dir: runs
            """;

    /** The smallest spec: only required keys. */
    static final String MINIMAL = """
            model:
              input: 4
              layers: [dense: 3]
            data: {name: xor}
            loss: mse
            optimizer: {name: sgd, lr: 0.1}
            training: {epochs: 2}
            """;

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void fullSpecParsesToTheExpectedRecords() {
        RunSpec spec = SpecParser.parse(FULL, "spec.yaml");

        InitSpec kaiming = new InitSpec("kaiming_normal", params("a", 0.0, "mode", "fan_in", "nonlinearity",
                "leaky_relu"));
        ActivationSpec relu = new ActivationSpec("relu", Map.of());
        ModelSpec model = new ModelSpec(2, kaiming, List.of(
                new LayerSpec.Dense(64, true, null, null),
                new LayerSpec.Act(relu),
                new LayerSpec.Dense(64, true, relu, new InitSpec("normal", params("mean", 0.0, "std", 0.1))),
                new LayerSpec.Act(new ActivationSpec("leaky_relu", Map.of("negative_slope", 0.1))),
                new LayerSpec.Repeat(20, List.of(new LayerSpec.Dense(64, true, null, null),
                        new LayerSpec.Act(new ActivationSpec("tanh", Map.of())))),
                new LayerSpec.Dense(64 / 64 * 3, true, null, null)));
        RunSpec expected = new RunSpec("spirals-relu", 42, model,
                new DataSpec.Synthetic("spirals", params("samples", 3000, "classes", 3, "noise", 0.2)),
                new LossSpec("cross_entropy"),
                new OptimizerSpec("adam", 0.01, params("betas", List.of(0.9, 0.999), "eps", 1e-8, "weight_decay", 0.0,
                        "amsgrad", false),
                        new ScheduleSpec("cosine", params("t_max", 100, "eta_min", 0.0), "epoch", 5, 0.1),
                        new RegularizationSpec(0.0, 1e-4)),
                new TrainingSpec(100, 64, 0.2, true, 1, 10),
                new OutputSpec("runs"));

        assertThat(spec).isEqualTo(expected);
        assertThat(spec.model()).isEqualTo(model);
        assertThat(spec.optimizer().reals("betas")).containsExactly(0.9, 0.999);
        assertThat(spec.optimizer().schedule().integer("t_max")).isEqualTo(100);
    }

    @Test
    void linesAreRecordedPerKeyAndFallBackToTheEnclosingKey() {
        RunSpec spec = SpecParser.parse(FULL, "spec.yaml");
        // Lines counted in FULL above: optimizer on 19, lr on 21, layers[2] on 9.
        assertThat(spec.lineOf("optimizer")).isEqualTo(19);
        assertThat(spec.lineOf("optimizer.lr")).isEqualTo(21);
        assertThat(spec.lineOf("model.layers[2].dense.units")).isEqualTo(9);
        assertThat(spec.lineOf("model.layers[4].repeat.layers[1]")).isEqualTo(11);
        // eps is defaulted: the nearest written key is optimizer.
        assertThat(spec.lineOf("optimizer.eps")).isEqualTo(19);
        assertThat(spec.errorAt("optimizer.lr", "Adam lr too large").getMessage())
                .isEqualTo("spec.yaml:21: optimizer.lr: Adam lr too large");
    }

    @Test
    void defaultsAreFilled() {
        RunSpec spec = SpecParser.parse(MINIMAL, "experiments/tiny-xor.yml");

        assertThat(spec.name()).isEqualTo("tiny-xor");
        assertThat(spec.seed()).isZero();
        assertThat(spec.model().init()).isEqualTo(InitSpec.DEFAULT);
        assertThat(spec.data()).isEqualTo(new DataSpec.Synthetic("xor", params("samples", 1000, "noise", 0.1)));
        // torch.optim.SGD defaults besides lr.
        assertThat(spec.optimizer()).isEqualTo(new OptimizerSpec("sgd", 0.1, params("momentum", 0.0, "dampening",
                0.0, "weight_decay", 0.0, "nesterov", false), ScheduleSpec.CONSTANT, RegularizationSpec.NONE));
        assertThat(spec.training()).isEqualTo(new TrainingSpec(2, 32, 0.0, true, 1, 0));
        assertThat(spec.training().terminateOnNan()).isFalse();
        assertThat(SpecParser.parse(MINIMAL.replace("{epochs: 2}", "{epochs: 2, terminate_on_nan: true}"), null)
                .training()).isEqualTo(new TrainingSpec(2, 32, 0.0, true, 1, 0, true));
        assertThatThrownBy(() -> SpecParser.parse(MINIMAL.replace("{epochs: 2}", "{epochs: 2, terminate_on_nan: 1}"),
                "bad.yaml")).hasMessageContaining("terminate_on_nan");
        assertThat(spec.output()).isEqualTo(new OutputSpec("runs"));
        assertThat(SpecParser.parse(MINIMAL, null).name()).isEqualTo("run");
    }

    @Test
    void optimizerDefaultsArePyTorchs() {
        String base = MINIMAL.replace("optimizer: {name: sgd, lr: 0.1}", "optimizer: {name: NAME}");
        OptimizerSpec adamw = SpecParser.parse(base.replace("NAME", "adamw"), null).optimizer();
        assertThat(adamw.lr()).isEqualTo(1e-3);
        assertThat(adamw.params()).isEqualTo(params("betas", List.of(0.9, 0.999), "eps", 1e-8, "weight_decay",
                1e-2, "amsgrad", false));
        OptimizerSpec rmsprop = SpecParser.parse(base.replace("NAME", "rmsprop"), null).optimizer();
        assertThat(rmsprop.lr()).isEqualTo(1e-2);
        assertThat(rmsprop.params()).isEqualTo(params("alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum",
                0.0, "centered", false));
        OptimizerSpec adagrad = SpecParser.parse(base.replace("NAME", "adagrad"), null).optimizer();
        assertThat(adagrad.lr()).isEqualTo(1e-2);
        assertThat(adagrad.params()).isEqualTo(params("lr_decay", 0.0, "weight_decay", 0.0,
                "initial_accumulator_value", 0.0, "eps", 1e-10));
    }

    @Test
    void generatorDefaults() {
        String base = MINIMAL.replace("data: {name: xor}", "data: {name: NAME}");
        Map<String, Map<String, Object>> expected = Map.of(
                "spirals", params("samples", 1000, "classes", 3, "noise", 0.2),
                "circles", params("samples", 1000, "factor", 0.5, "noise", 0.05),
                "blobs", params("samples", 1000, "centers", 3, "features", 2, "cluster_std", 1.0),
                "parity", params("samples", 1024, "bits", 8),
                "sine", params("samples", 1000, "noise", 0.05, "periods", 2.0));
        expected.forEach((name, p) -> assertThat(SpecParser.parse(base.replace("NAME", name), null).data())
                .isEqualTo(new DataSpec.Synthetic(name, p)));
    }

    @Test
    void shortAndLongFormsAgree() {
        String shortForms = """
                model:
                  input: 3
                  init: xavier_uniform
                  layers:
                    - dense: 8
                    - leaky_relu
                    - dense: {units: 2, activation: elu, init: he_uniform}
                data: {name: blobs, features: 3}
                loss: cross_entropy
                optimizer: {name: adam, schedule: constant}
                training: {epochs: 1}
                """;
        String longForms = """
                model:
                  input: 3
                  init: {name: xavier_uniform, gain: 1}
                  layers:
                    - dense: {units: 8, bias: yes}
                    - leaky_relu: {negative_slope: 0.01}
                    - dense: {units: 2, activation: {name: elu, alpha: 1.0}, init: {name: kaiming_uniform, a: 0, mode: fan_in}}
                data: {name: blobs, features: 3, samples: 1_000}
                loss: {name: cross_entropy}
                optimizer: {name: adam, lr: 1.0e-3, schedule: {name: constant, interval: epoch}}
                training: {epochs: 1, shuffle: on}
                """;
        RunSpec a = SpecParser.parse(shortForms, "same");
        RunSpec b = SpecParser.parse(longForms, "same");
        assertThat(a).isEqualTo(b);
        assertThat(a.model().layers().get(1))
                .isEqualTo(new LayerSpec.Act(new ActivationSpec("leaky_relu", Map.of("negative_slope", 0.01))));
        assertThat(((LayerSpec.Dense) a.model().layers().get(2)).init().name()).isEqualTo("kaiming_uniform");
    }

    @Test
    void repeatIsKeptAndUnrolledWithPaths() {
        String yaml = MINIMAL.replace("layers: [dense: 3]", """
                layers:
                    - repeat:
                        times: 2
                        layers:
                          - dense: 5
                          - repeat: {times: 3, layers: [tanh]}
                    - dense: 1
                """);
        ModelSpec model = SpecParser.parse(yaml, null).model();
        LayerSpec tanh = new LayerSpec.Act(ActivationSpec.of("tanh"));
        assertThat(model.layers()).containsExactly(
                new LayerSpec.Repeat(2, List.of(new LayerSpec.Dense(5),
                        new LayerSpec.Repeat(3, List.of(tanh)))),
                new LayerSpec.Dense(1));
        // 2 x (dense + 3 x tanh) + dense = 9 layers.
        List<ModelSpec.PlacedLayer> flat = model.unrolled();
        assertThat(flat).hasSize(9);
        assertThat(flat.get(0)).isEqualTo(new ModelSpec.PlacedLayer("model.layers[0].repeat.layers[0]",
                new LayerSpec.Dense(5)));
        assertThat(flat.get(3).path()).isEqualTo("model.layers[0].repeat.layers[1].repeat.layers[0]");
        assertThat(flat.get(3).layer()).isEqualTo(tanh);
        assertThat(flat.get(8)).isEqualTo(new ModelSpec.PlacedLayer("model.layers[1]", new LayerSpec.Dense(1)));
    }

    @Test
    void csvDataWithTaskFromTheLoss() {
        String yaml = MINIMAL.replace("data: {name: xor}",
                "data: {name: csv, path: data/iris.csv, target: species, delimiter: \";\"}");
        assertThat(SpecParser.parse(yaml, null).data())
                .isEqualTo(new DataSpec.Csv("data/iris.csv", "species", true, ";", false, "regression"));
        RunSpec ce = SpecParser.parse(yaml.replace("loss: mse", "loss: cross_entropy"), null);
        assertThat(((DataSpec.Csv) ce.data()).task()).isEqualTo("classification");
        assertThat(ce.data().name()).isEqualTo("csv");
    }

    @Test
    void numbersAcceptIntsExponentsAndUnderscores() {
        String yaml = MINIMAL.replace("lr: 0.1", "lr: 1e-4, momentum: 1, weight_decay: 5E-4")
                .replace("epochs: 2", "epochs: 1_000");
        RunSpec spec = SpecParser.parse(yaml, null);
        assertThat(spec.optimizer().lr()).isEqualTo(1e-4);
        assertThat(spec.optimizer().real("momentum")).isEqualTo(1.0);
        assertThat(spec.optimizer().real("weight_decay")).isEqualTo(5e-4);
        assertThat(spec.training().epochs()).isEqualTo(1000);
        assertThat(SpecParser.parse(MINIMAL.replace("loss: mse", "loss: mse\nseed: -9000000000"), null).seed())
                .isEqualTo(-9_000_000_000L);
    }

    @Test
    void anchorsAndAliasesAreFollowed() {
        String yaml = MINIMAL.replace("layers: [dense: 3]", """
                layers:
                    - dense: &hidden {units: 8, activation: tanh}
                    - dense: *hidden
                    - dense: 3
                """);
        List<LayerSpec> layers = SpecParser.parse(yaml, null).model().layers();
        assertThat(layers.get(1)).isEqualTo(layers.get(0))
                .isEqualTo(new LayerSpec.Dense(8, true, ActivationSpec.of("tanh"), null));
    }

    @Test
    void parsesAFileAndNamesErrorsAfterIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spirals-deep.yaml");
        Files.writeString(file, MINIMAL);
        assertThat(SpecParser.parse(file).name()).isEqualTo("spirals-deep");

        Files.writeString(file, MINIMAL.replace("lr: 0.1", "lr: -0.1"));
        SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> SpecParser.parse(file),
                SpecException.class);
        assertThat(e.getMessage()).isEqualTo(file + ":6: optimizer.lr: must be > 0, got -0.1");
        assertThat(e.source()).contains(file.toString());
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.path()).isEqualTo("optimizer.lr");
    }
}
