package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Each kind of bad input, with the exact message a user sees. */
class SpecErrorsTest {
    /** Line numbers below count from "name:" = line 1. */
    static final String BASE = """
            name: t
            seed: 1
            model:
              input: 2
              layers:
                - dense: 16
                - relu
                - dense: {units: 16, activation: tanh}
                - dense: 3
            data:
              name: spirals
              noise: 0.1
            loss: cross_entropy
            optimizer:
              name: sgd
              lr: 0.1
              momentum: 0.9
            training:
              epochs: 5
              batch_size: 8
            """;

    static SpecException error(String yaml) {
        return catchThrowableOfType(() -> SpecParser.parse(yaml, null), SpecException.class);
    }

    static String message(String yaml) {
        SpecException e = error(yaml);
        assertThat(e).as("expected a SpecException").isNotNull();
        return e.getMessage();
    }

    static String with(String from, String to) {
        assertThat(BASE).contains(from);
        return BASE.replace(from, to);
    }

    @Test
    void baseIsValid() {
        assertThat(SpecParser.parse(BASE, null).training().epochs()).isEqualTo(5);
    }

    @Test
    void unknownKeyWithSuggestion() {
        SpecException e = error(with("  momentum: 0.9", "  momentun: 0.9"));
        assertThat(e.getMessage()).isEqualTo("optimizer: unknown key 'momentun' (line 17); did you mean "
                + "'momentum'? known keys: name, lr, momentum, dampening, weight_decay, nesterov, schedule, "
                + "regularization");
        assertThat(e.path()).isEqualTo("optimizer");
        assertThat(e.line()).isEqualTo(17);
        assertThat(e.problem()).isEqualTo("unknown key 'momentun'");
    }

    @Test
    void unknownKeyWithoutSuggestionAndAtTopLevel() {
        assertThat(message(with("seed: 1", "seed: 1\nepochs: 3"))).isEqualTo("unknown key 'epochs' (line 3); "
                + "known keys: name, seed, model, data, loss, optimizer, training, output, guard");
        // betas belong to Adam, not SGD.
        assertThat(message(with("  momentum: 0.9", "  betas: [0.9, 0.99]"))).isEqualTo("optimizer: unknown key "
                + "'betas' (line 17); known keys: name, lr, momentum, dampening, weight_decay, nesterov, schedule, "
                + "regularization");
        assertThat(message(with("- relu", "- relu: {alpha: 1}"))).isEqualTo("model.layers[1].relu: unknown key "
                + "'alpha' (line 7); known keys: none");
    }

    @Test
    void unknownKeyInsideALayer() {
        assertThat(message(with("{units: 16, activation: tanh}", "{units: 16, activaton: tanh}")))
                .isEqualTo("model.layers[2].dense: unknown key 'activaton' (line 8); did you mean 'activation'? "
                        + "known keys: units, bias, activation, init");
    }

    @Test
    void wrongTypes() {
        assertThat(message(with("{units: 16,", "{units: abc,")))
                .isEqualTo("model.layers[2].dense.units: expected an integer, got 'abc' (line 8)");
        assertThat(message(with("lr: 0.1", "lr: fast")))
                .isEqualTo("optimizer.lr: expected a number, got 'fast' (line 16)");
        assertThat(message(with("lr: 0.1", "lr: \"0.1\"")))
                .isEqualTo("optimizer.lr: expected a number, got '0.1' (quoted, so a string) (line 16)");
        assertThat(message(with("epochs: 5", "epochs: 2.5")))
                .isEqualTo("training.epochs: expected an integer, got '2.5' (line 19)");
        assertThat(message(with("batch_size: 8", "batch_size: 8\n  shuffle: sometimes")))
                .isEqualTo("training.shuffle: expected true or false, got 'sometimes' (line 21)");
        assertThat(message(with("epochs: 5", "epochs:")))
                .isEqualTo("training.epochs: expected an integer, got nothing (line 19)");
        assertThat(message(with("  input: 2", "  input: {features: 2}")))
                .isEqualTo("model.input: expected an integer, got a map (line 4)");
        assertThat(message(with("training:\n  epochs: 5\n  batch_size: 8", "training: 5")))
                .isEqualTo("training: expected a map, got '5' (line 18)");
        assertThat(message(with("seed: 1", "seed: 99999999999999999999")))
                .isEqualTo("seed: expected an integer within +-2^63, got '99999999999999999999' (line 2)");
    }

    @Test
    void outOfRangeValues() {
        assertThat(message(with("lr: 0.1", "lr: -0.1"))).isEqualTo("optimizer.lr: must be > 0, got -0.1 (line 16)");
        assertThat(message(with("momentum: 0.9", "momentum: -1"))).isEqualTo(
                "optimizer.momentum: must be >= 0, got -1 (line 17)");
        assertThat(message(with("- dense: 3", "- dense: 0")))
                .isEqualTo("model.layers[3].dense: must be > 0, got 0 (line 9)");
        assertThat(message(with("epochs: 5", "epochs: 0"))).isEqualTo("training.epochs: must be >= 1, got 0 (line 19)");
        assertThat(message(with("batch_size: 8", "validation_split: 1.0")))
                .isEqualTo("training.validation_split: must be in [0, 1), got 1.0 (line 20)");
        assertThat(message(with("noise: 0.1", "noise: -0.5"))).isEqualTo("data.noise: must be >= 0, got -0.5 (line 12)");
        assertThat(message(with("noise: 0.1", "samples: 0"))).isEqualTo("data.samples: must be > 0, got 0 (line 12)");
        assertThat(message(with("- relu", "- leaky_relu: {negative_slope: -0.1}"))).isEqualTo(
                "model.layers[1].leaky_relu.negative_slope: must be >= 0, got -0.1 (line 7)");
        assertThat(message(with("activation: tanh}", "activation: tanh, init: {name: normal, std: -1}}")))
                .isEqualTo("model.layers[2].dense.init.std: must be >= 0, got -1 (line 8)");
        assertThat(message(with("activation: tanh}", "init: {name: uniform, a: 0.5, b: 0.2}}")))
                .isEqualTo("model.layers[2].dense.init.b: must be > a = 0.5, got 0.2 (line 8)");
        assertThat(message(with("activation: tanh}", "init: {name: xavier_normal, gain: 0}}")))
                .isEqualTo("model.layers[2].dense.init.gain: must be > 0, got 0 (line 8)");
        assertThat(message(with("- dense: 3", "- repeat: {times: 0, layers: [relu]}")))
                .isEqualTo("model.layers[3].repeat.times: must be >= 1, got 0 (line 9)");
    }

    @Test
    void adamRanges() {
        String adam = with("  name: sgd\n  lr: 0.1\n  momentum: 0.9", "  name: adam\n  betas: [0.9, 1.0]");
        assertThat(message(adam)).isEqualTo("optimizer.betas[1]: must be in [0, 1), got 1.0 (line 16)");
        assertThat(message(adam.replace("betas: [0.9, 1.0]", "betas: [0.9]")))
                .isEqualTo("optimizer.betas: expected a list of 2 numbers, got a list of 1 item (line 16)");
        assertThat(message(adam.replace("betas: [0.9, 1.0]", "eps: 0"))).isEqualTo(
                "optimizer.eps: must be > 0, got 0 (line 16)");
        assertThat(message(adam.replace("betas: [0.9, 1.0]", "weight_decay: -1e-2"))).isEqualTo(
                "optimizer.weight_decay: must be >= 0, got -1e-2 (line 16)");
        assertThat(message(adam.replace("betas: [0.9, 1.0]", "regularization: {l2: -1}"))).isEqualTo(
                "optimizer.regularization.l2: must be >= 0, got -1 (line 16)");
    }

    @Test
    void nesterovNeedsMomentumWithoutDampening() {
        assertThat(message(with("momentum: 0.9", "nesterov: true"))).isEqualTo("optimizer.nesterov: requires "
                + "momentum > 0 and dampening = 0, got momentum 0.0 and dampening 0.0 (line 17)");
    }

    @Test
    void missingRequiredKeys() {
        assertThat(message(with("  epochs: 5\n", ""))).isEqualTo("training: missing required key 'epochs' (line 18)");
        assertThat(message(with("  input: 2\n", ""))).isEqualTo("model: missing required key 'input' (line 3)");
        assertThat(message(with("loss: cross_entropy\n", ""))).isEqualTo("missing required key 'loss' (line 1)");
        assertThat(message(with("  lr: 0.1\n", ""))).isEqualTo("optimizer: missing required key 'lr' (line 14); "
                + "sgd has no default learning rate");
        assertThat(message(with("- dense: 3", "- repeat: {times: 2}")))
                .isEqualTo("model.layers[3].repeat: missing required key 'layers' (line 9)");
        assertThat(message(with("- relu", "- dense: {bias: false}")))
                .isEqualTo("model.layers[1].dense: missing required key 'units' (line 7)");
        assertThat(message(with("momentum: 0.9", "schedule: {name: step}")))
                .isEqualTo("optimizer.schedule: missing required key 'step_size' (line 17)");
        assertThat(message(with("activation: tanh}", "init: {name: constant}}")))
                .isEqualTo("model.layers[2].dense.init: missing required key 'value' (line 8)");
    }

    @Test
    void badNames() {
        assertThat(message(with("name: spirals", "name: spiral"))).isEqualTo("data.name: unknown generator "
                + "'spiral' (line 11); known: spirals, circles, blobs, xor, parity, sine, bars, shapes, adding, temporal_order, csv, idx");
        assertThat(message(with("name: sgd", "name: adamm"))).isEqualTo("optimizer.name: unknown optimizer "
                + "'adamm' (line 15); known: sgd, adam, adamw, rmsprop, adagrad");
        assertThat(message(with("loss: cross_entropy", "loss: ce"))).isEqualTo("loss: unknown loss 'ce' (line 13); "
                + "known: mse, bce_with_logits, cross_entropy");
        assertThat(message(with("activation: tanh", "activation: tanhh"))).isEqualTo("model.layers[2].dense"
                + ".activation: unknown activation 'tanhh' (line 8); known: identity, sigmoid, tanh, relu, "
                + "leaky_relu, elu, gelu, selu, softplus");
        String layers = "known: dense, conv2d, maxpool2d, avgpool2d, global_avgpool, flatten, batchnorm, layernorm, "
                + "dropout, residual, repeat, rnn, lstm, gru, last_step, identity, sigmoid, tanh, relu, leaky_relu, elu, "
                + "gelu, selu, softplus";
        assertThat(message(with("- relu", "- rleu"))).isEqualTo("model.layers[1]: unknown layer 'rleu' (line 7); "
                + "did you mean 'relu'? " + layers);
        assertThat(message(with("- relu", "- conv: 3"))).isEqualTo("model.layers[1]: unknown layer 'conv' "
                + "(line 7); did you mean 'conv2d'? " + layers);
        assertThat(message(with("- relu", "- pool: 3"))).isEqualTo("model.layers[1]: unknown layer 'pool' "
                + "(line 7); " + layers);
        assertThat(message(with("  input: 2", "  input: 2\n  init: he"))).isEqualTo("model.init: unknown "
                + "initializer 'he' (line 5); known: default, zeros, constant, normal, uniform, xavier_normal, "
                + "xavier_uniform, kaiming_normal, kaiming_uniform, lecun_normal, orthogonal, he_normal, he_uniform");
        assertThat(message(with("momentum: 0.9", "schedule: {name: cos, t_max: 3}"))).isEqualTo(
                "optimizer.schedule.name: unknown schedule 'cos' (line 17); known: constant, step, exponential, "
                        + "cosine");
        assertThat(message(with("momentum: 0.9", "schedule: {name: step, step_size: 3, interval: batch}")))
                .isEqualTo("optimizer.schedule.interval: unknown interval 'batch' (line 17); known: epoch, step");
        assertThat(message(with("  input: 2", "  input: 2\n  init: {name: he_normal, mode: fan}")))
                .isEqualTo("model.init.mode: unknown mode 'fan' (line 5); known: fan_in, fan_out");
    }

    @Test
    void layerShapes() {
        assertThat(message(with("- relu", "- dense"))).isEqualTo(
                "model.layers[1]: 'dense' needs its settings, as in '- dense: 64' (line 7)");
        assertThat(message(with("- relu", "- {dense: 4, relu: null}"))).isEqualTo("model.layers[1]: a layer is a "
                + "map with one key, its type, got 2 keys: dense, relu (line 7); write each layer as its own list item");
        assertThat(message(with("- dense: 3", "- [3]"))).isEqualTo("model.layers[3]: expected a layer (a name, or "
                + "a map with one key: its type), got a list (line 9)");
        assertThat(message(with("    - dense: 16\n    - relu\n    - dense: {units: 16, activation: tanh}\n"
                + "    - dense: 3", "    []"))).isEqualTo("model.layers: must list at least one layer (line 5)");
    }

    @Test
    void duplicateKeys() {
        SpecException e = error(with("  momentum: 0.9", "  momentum: 0.9\n  lr: 0.2"));
        assertThat(e.getMessage()).isEqualTo("optimizer: duplicate key 'lr' (line 18); first at line 16");
        assertThat(message(with("{units: 16, activation: tanh}", "{units: 16, units: 32}")))
                .isEqualTo("model.layers[2].dense: duplicate key 'units' (line 8); first at line 8");
    }

    @Test
    void yamlSyntaxErrorsHaveLineAndColumn() {
        SpecException e = error(with("  lr: 0.1", "  lr: 0.1: 2"));
        assertThat(e.getMessage()).isEqualTo("YAML syntax error: mapping values are not allowed here "
                + "(line 16, column 10)");
        assertThat(e.line()).isEqualTo(16);
        assertThat(e.column()).isEqualTo(10);

        SpecException f = catchThrowableOfType(() -> SpecParser.parse(with("  layers:\n    - dense: 16", "  layers: {dense: 16"),
                "bad.yaml"), SpecException.class);
        // The flow map opened on line 5 reads "16 - relu - dense" as one plain scalar (flow ignores line
        // breaks) until the ':' of "    - dense:" at line 7, column 12.
        assertThat(f.getMessage()).isEqualTo("bad.yaml:7:12: YAML syntax error: while parsing a flow mapping, "
                + "expected ',' or '}', but got :");
        assertThat(f.source()).contains("bad.yaml");
    }

    @Test
    void wholeSpecProblems() {
        assertThat(message("")).isEqualTo("the spec is empty; it needs at least model, data, loss, optimizer and "
                + "training");
        assertThat(message("- a\n- b\n")).isEqualTo("expected a map of keys at the top level, got a list (line 1)");
        assertThat(message(with("name: t", "name: my run"))).isEqualTo("name: must be a directory name of letters, "
                + "digits, '.', '_' and '-' (not starting with '.', '_' or '-'), got 'my run' (line 1)");
        assertThat(message(with("name: t", "name: ../escape"))).startsWith("name: must be a directory name");
    }

    @Test
    void csvChecks() {
        String csv = with("  name: spirals\n  noise: 0.1", "  name: csv\n  path: iris.csv\n  target: species");
        assertThat(SpecParser.parse(csv, null).data().name()).isEqualTo("csv");
        assertThat(message(csv.replace("  target: species\n", ""))).isEqualTo(
                "data: missing required key 'target' (line 10)");
        assertThat(message(csv.replace("target: species", "target: species\n  delimiter: ;;"))).isEqualTo(
                "data.delimiter: must be one character, got ';;' (line 14); quote it, as in delimiter: \";\"");
        assertThat(message(csv.replace("target: species", "target: species\n  task: ranking"))).isEqualTo(
                "data.task: unknown task 'ranking' (line 14); known: classification, regression");
        assertThat(message(csv.replace("target: species", "target: species\n  samples: 10"))).isEqualTo(
                "data: unknown key 'samples' (line 14); known keys: name, path, target, header, delimiter, "
                        + "standardize, task");
    }
}
