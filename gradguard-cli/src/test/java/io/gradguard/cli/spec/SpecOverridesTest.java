package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecOverridesTest {
    /** Lines count from "model:" = line 1. */
    static final String BASE = """
            model:
              input: 2
              init: he_normal
              layers:
                - dense: 64
                - leaky_relu
                - dense: {units: 3, init: xavier_uniform}
            data: {name: spirals, samples: 300}
            loss: cross_entropy
            optimizer:
              name: sgd
              lr: 0.1
            training:
              epochs: 10
            """;

    static RunSpec parse(String... overrides) {
        return SpecParser.parse(BASE, "spec.yaml", List.of(overrides));
    }

    static String message(String... overrides) {
        SpecException e = catchThrowableOfType(() -> parse(overrides), SpecException.class);
        assertThat(e).as("expected a SpecException").isNotNull();
        return e.getMessage();
    }

    @Test
    void scalarsReplaceValues() {
        RunSpec spec = parse("optimizer.lr=0.5", "training.epochs=3", "data.name=circles");
        assertThat(spec.optimizer().lr()).isEqualTo(0.5);
        assertThat(spec.training().epochs()).isEqualTo(3);
        // The generator changed, so its own defaults apply; the samples written in the file stay.
        assertThat(spec.data()).isEqualTo(new DataSpec.Synthetic("circles",
                SpecParserTest.params("samples", 300, "factor", 0.5, "noise", 0.05)));
    }

    @Test
    void laterOverridesWin() {
        assertThat(parse("training.epochs=3", "training.epochs=4").training().epochs()).isEqualTo(4);
    }

    @Test
    void shortFormsExpandWhenAPathDescendsIntoThem() {
        RunSpec spec = parse("model.layers[0].dense.units=32", "model.layers[0].dense.bias=false",
                "model.layers[1].leaky_relu.negative_slope=0.2", "model.init.mode=fan_out",
                "model.layers[2].dense.init.gain=2");
        List<LayerSpec> layers = spec.model().layers();
        assertThat(layers.get(0)).isEqualTo(new LayerSpec.Dense(32, false, null, null));
        assertThat(layers.get(1))
                .isEqualTo(new LayerSpec.Act(new ActivationSpec("leaky_relu", Map.of("negative_slope", 0.2))));
        assertThat(spec.model().init().text("mode")).isEqualTo("fan_out");
        assertThat(((LayerSpec.Dense) layers.get(2)).init()).isEqualTo(new InitSpec("xavier_uniform",
                Map.of("gain", 2.0)));
    }

    @Test
    void missingMapKeysAreCreated() {
        RunSpec spec = parse("optimizer.momentum=0.9", "optimizer.schedule.name=step",
                "optimizer.schedule.step_size=5", "output.dir=out", "seed=7");
        assertThat(spec.optimizer().real("momentum")).isEqualTo(0.9);
        assertThat(spec.optimizer().schedule().name()).isEqualTo("step");
        assertThat(spec.optimizer().schedule().integer("step_size")).isEqualTo(5);
        assertThat(spec.output().dir()).isEqualTo("out");
        assertThat(spec.seed()).isEqualTo(7);
    }

    @Test
    void flowCollectionsAndWholeEntries() {
        RunSpec spec = parse("optimizer={name: adam, betas: [0.8, 0.9]}", "model.layers[1]=tanh",
                "model.layers[2]={dense: {units: 3, activation: sigmoid}}");
        assertThat(spec.optimizer().reals("betas")).containsExactly(0.8, 0.9);
        assertThat(spec.optimizer().lr()).isEqualTo(1e-3);
        assertThat(spec.model().layers().get(1)).isEqualTo(new LayerSpec.Act(ActivationSpec.of("tanh")));
        assertThat(spec.model().layers().get(2))
                .isEqualTo(new LayerSpec.Dense(3, true, ActivationSpec.of("sigmoid"), null));
    }

    @Test
    void overriddenKeysAreTracedToTheirOverride() {
        RunSpec spec = parse("optimizer.lr=0.5");
        assertThat(spec.lines().overrides()).containsEntry("optimizer.lr", "optimizer.lr=0.5");
        assertThat(spec.lineOf("optimizer.lr")).isZero();
        assertThat(spec.lineOf("optimizer.name")).isEqualTo(11);
        assertThat(spec.errorAt("optimizer.lr", "diverged").getMessage())
                .isEqualTo("optimizer.lr: diverged (from --set optimizer.lr=0.5)");
        assertThat(spec.errorAt("optimizer.name", "unsupported").getMessage())
                .isEqualTo("spec.yaml:11: optimizer.name: unsupported");
    }

    @Test
    void badPaths() {
        assertThat(message("model.layers[9].dense=3"))
                .isEqualTo("--set model.layers[9].dense=3: index 9 out of range (the list has 3 items)");
        assertThat(message("training.epochs.x=3")).isEqualTo(
                "--set training.epochs.x=3: training.epochs is the scalar '10' (line 14), so it has no key 'x'");
        assertThat(message("model.layers.units=3")).isEqualTo("--set model.layers.units=3: model.layers is a list "
                + "(line 5), so it has no key 'units'; select an item with an index, as in model.layers[0]");
        assertThat(message("model[0]=1"))
                .isEqualTo("--set model[0]=1: model is a map (line 2), not a list; it has no index 0");
        assertThat(message("model.layers[1].relu.x=1")).isEqualTo("--set model.layers[1].relu.x=1: "
                + "model.layers[1] is the scalar 'leaky_relu' (line 6), so it has no key 'relu'");
        assertThat(message("training.epochs")).isEqualTo(
                "--set training.epochs: expected key.path=value, as in optimizer.lr=0.01");
        assertThat(message("a..b=1")).isEqualTo("--set a..b=1: bad key path 'a..b': expected names joined by '.', "
                + "each optionally followed by [index], as in model.layers[0].dense.units");
        assertThat(message("[0]=1")).startsWith("--set [0]=1: bad key path '[0]'");
        assertThat(message("training.batch_size=[1,")).isEqualTo("--set training.batch_size=[1,: YAML syntax "
                + "error: while parsing a flow node, expected the node content, but found '<stream end>'");
    }

    @Test
    void badValuesAreReportedWithTheirOverride() {
        SpecException e = catchThrowableOfType(() -> parse("training.epochs=abc"), SpecException.class);
        assertThat(e.getMessage()).isEqualTo("training.epochs: expected an integer, got 'abc' "
                + "(from --set training.epochs=abc)");
        assertThat(e.override()).contains("training.epochs=abc");
        assertThat(e.line()).isZero();
        assertThat(message("optimizer.lr=-1")).isEqualTo("optimizer.lr: must be > 0, got -1 "
                + "(from --set optimizer.lr=-1)");
        assertThat(message("optimizer.momentun=0.9")).isEqualTo("optimizer: unknown key 'momentun' (from --set "
                + "optimizer.momentun=0.9); did you mean 'momentum'? known keys: name, lr, momentum, dampening, "
                + "weight_decay, nesterov, schedule, regularization");
        assertThat(message("data.name=spiral")).isEqualTo("data.name: unknown generator 'spiral' (from --set "
                + "data.name=spiral); known: spirals, circles, blobs, xor, parity, sine, bars, shapes, adding, temporal_order, csv, idx");
        assertThat(message("model.layers[0].dense=[3]")).isEqualTo("model.layers[0].dense: expected a map, got "
                + "a list (from --set model.layers[0].dense=[3])");
        assertThat(message("data={name: xor, noise: 1, noise: 2}")).isEqualTo("data: duplicate key 'noise' "
                + "(from --set data={name: xor, noise: 1, noise: 2})");
        // A value left in the file is still reported at its line.
        assertThat(message("data.name=circles", "data.samples=-1")).isEqualTo("data.samples: must be > 0, got -1 "
                + "(from --set data.samples=-1)");
    }

    @Test
    void fileValuesKeepTheirLinesWhenOthersAreOverridden() {
        String bad = BASE.replace("samples: 300", "samples: 0");
        SpecException e = catchThrowableOfType(() -> SpecParser.parse(bad, "spec.yaml",
                List.of("optimizer.lr=0.5")), SpecException.class);
        assertThat(e.getMessage()).isEqualTo("spec.yaml:8: data.samples: must be > 0, got 0");
    }
}
