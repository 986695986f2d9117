package io.gradguard.cli.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.cli.run.ModelFactory;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.diagnose.Diagnoser;
import io.gradguard.guard.diagnose.Diagnosis;
import io.gradguard.guard.diagnose.LayerFacts;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.guard.recover.Recovery;
import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Rng;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFactsFactoryTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    /** Wide, non-square layers (96 -> 64 -> 128 -> 3) so sample stds are tight and fan_in/fan_out swaps show. */
    private static RunSpec spec(String init, String extra) {
        return SpecParser.parse("""
                name: facts
                model:
                  input: 96
                  init: %s
                  layers:
                    - dense: 64
                    - leaky_relu: {negative_slope: 0.2}
                    - dense: {units: 128, activation: tanh}
                    - relu
                    - dense: 3
                data: {name: spirals}
                loss: cross_entropy
                optimizer: {name: adamw, lr: 0.003, regularization: {l2: 0.0005}}
                training: {epochs: 1}
                %s
                """.formatted(init, extra), "facts.yaml");
    }

    @Test
    void layersAreNamedAsTheEngineNamesItsModules() {
        RunSpec spec = SpecParser.parse(EXAMPLES.resolve("deep-relu-bad-init.yaml"));
        ModelFacts f = ModelFactsFactory.of(spec);
        // 20 x (dense, relu) + the output dense = 41 modules, 21 with weights.
        assertThat(f.layers()).hasSize(41);
        assertThat(f.depth()).isEqualTo(21);
        LayerFacts first = f.layer("layers.0");
        assertThat(first).isEqualTo(new LayerFacts("layers.0", "dense", 2, 64, "normal", 1.0, "relu", 0));
        assertThat(f.layer("layers.1")).isEqualTo(LayerFacts.plain("layers.1", "activation", 64, "relu", 0));
        assertThat(f.layer("layers.40")).isEqualTo(new LayerFacts("layers.40", "dense", 64, 3, "normal", 1.0, null, 0));
        assertThat(f.optimizer()).isEqualTo("sgd");
        assertThat(f.lr()).isEqualTo(0.01);
        assertThat(f.weightDecay()).isZero();
        assertThat(f.l2()).isZero();
        assertThat(f.clipping()).isFalse();
        Map<String, Parameter> params = ModelFactory.build(spec, new Rng(1)).network().namedParameters();
        for (LayerFacts l : f.weightLayers()) {
            Parameter w = params.get(l.name() + ".weight");
            assertThat(w).as(l.name()).isNotNull();
            assertThat(w.value().shape()).containsExactly(l.fanOut(), l.fanIn());
        }
        assertThat(params.keySet()).allMatch(n -> f.layer(n.substring(0, n.lastIndexOf('.'))).hasWeight());
    }

    @Test
    void activationsComeInlineOrFromTheNextEntryAndOptimizerFactsAreRead() {
        ModelFacts f = ModelFactsFactory.of(spec("he_normal", "guard: {clip: {name: global_norm, max_norm: 1.0}}"));
        assertThat(f.layers()).extracting(LayerFacts::name, LayerFacts::kind, LayerFacts::activation).containsExactly(
                org.assertj.core.groups.Tuple.tuple("layers.0", "dense", "leaky_relu"),
                org.assertj.core.groups.Tuple.tuple("layers.1", "activation", "leaky_relu"),
                org.assertj.core.groups.Tuple.tuple("layers.2", "dense", "tanh"),
                org.assertj.core.groups.Tuple.tuple("layers.3", "activation", "tanh"),
                org.assertj.core.groups.Tuple.tuple("layers.4", "activation", "relu"),
                org.assertj.core.groups.Tuple.tuple("layers.5", "dense", null));
        assertThat(f.layer("layers.0").activationParam()).isEqualTo(0.2);
        assertThat(f.layer("layers.2").init()).isEqualTo("kaiming_normal");
        // adamw's default weight_decay is 1e-2 (PyTorch); l2 from optimizer.regularization.
        assertThat(f.optimizer()).isEqualTo("adamw");
        assertThat(f.lr()).isEqualTo(0.003);
        assertThat(f.weightDecay()).isEqualTo(0.01);
        assertThat(f.l2()).isEqualTo(0.0005);
        assertThat(f.clipping()).isTrue();
        assertThat(ModelFactsFactory.of(spec("he_normal", "guard: {clip: {name: none}}")).clipping()).isFalse();
    }

    /** The std each init's formula gives matches the engine's sampled weights within 5% (6,144+ samples a layer). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "{name: normal, std: 0.3}", "{name: uniform, a: -0.5, b: 1.5}",
            "{name: xavier_normal, gain: 2.0}", "xavier_uniform", "he_normal",
            "{name: kaiming_uniform, mode: fan_out, nonlinearity: relu}", "{name: kaiming_normal, a: 0.2}",
            "lecun_normal", "{name: orthogonal, gain: 1.5}"})
    void initStdMatchesTheEnginesSampledWeights(String init) {
        RunSpec spec = spec(init, "");
        ModelFacts f = ModelFactsFactory.of(spec);
        Map<String, Parameter> params = ModelFactory.build(spec, new Rng(7)).network().namedParameters();
        for (LayerFacts l : f.weightLayers().subList(0, 2)) {
            float[] w = params.get(l.name() + ".weight").value().data();
            double mean = 0;
            for (float v : w) {
                mean += v;
            }
            mean /= w.length;
            double sq = 0;
            for (float v : w) {
                sq += (v - mean) * (v - mean);
            }
            double sampleStd = Math.sqrt(sq / w.length);
            assertThat(l.initStd()).as(init + " " + l.name()).isCloseTo(sampleStd, within(0.05 * sampleStd));
        }
    }

    @Test
    void hePredictionsForTheExampleMatchHandComputation() {
        ModelFacts f = ModelFactsFactory.of(spec("he_normal", ""));
        // kaiming_normal, nonlinearity leaky_relu with a = 0 (PyTorch's default): gain sqrt(2), std sqrt(2/96).
        assertThat(f.layer("layers.0").initStd()).isCloseTo(Math.sqrt(2.0 / 96), within(1e-12));
        ModelFacts orth = ModelFactsFactory.of(spec("{name: orthogonal, gain: 1.5}", ""));
        // [128, 64] with orthonormal columns: RMS entry 1.5 / sqrt(128).
        assertThat(orth.layer("layers.2").initStd()).isCloseTo(1.5 / Math.sqrt(128), within(1e-12));
        ModelFacts zeros = ModelFactsFactory.of(spec("zeros", ""));
        assertThat(zeros.layer("layers.0").initStd()).isZero();
    }

    @Test
    void factsFromTheBadInitExampleLeadTheDiagnoserToTheInit() {
        ModelFacts f = ModelFactsFactory.of(SpecParser.parse(EXAMPLES.resolve("deep-relu-bad-init.yaml")));
        // Measured at step 0 of that example with the default guard: bias gradients grow 5.39x per layer.
        Incident inc = new Incident(0, IncidentKind.DEPTH_EXPLOSION, "layers.0", "grow",
                Map.of("growth", 5.391752485052714, "first_last_ratio", 5.0553914797140706E14, "signal", "bias"));
        List<Diagnosis> ds = new Diagnoser().diagnose(List.of(new IncidentRecord(inc, new Recovery.Proceed(),
                "step applied")), f);
        assertThat(ds.get(0).cause()).isEqualTo(Diagnosis.BAD_INIT_SCALE);
        assertThat(ds.get(0).explanation()).contains("std*sqrt(fan_in/2) = 5.66");
        assertThat(ds.get(0).recommendations().get(0))
                .isEqualTo("set model.init: he_normal (predicted gain 1.00 per layer)");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cnn-bars.yaml", "cnn-bars-batchnorm.yaml",
        "residual-mlp-50.yaml", "lstm-adding.yaml", "rnn-adding.yaml", "spirals.yaml"})
    void factsNameTheModulesTheEngineBuildsForEveryArchitecture(String example) {
        io.gradguard.cli.spec.RunSpec spec = io.gradguard.cli.spec.SpecParser.parse(
                java.nio.file.Path.of("..", "examples", example));
        io.gradguard.guard.diagnose.ModelFacts facts = ModelFactsFactory.of(spec);
        java.util.Map<String, io.gradguard.nn.Module> modules = io.gradguard.cli.run.ModelFactory.build(spec,
                new io.gradguard.tensor.Rng(1)).network().namedModules();
        for (io.gradguard.guard.diagnose.LayerFacts l : facts.layers()) {
            io.gradguard.nn.Module m = modules.get(l.name());
            org.assertj.core.api.Assertions.assertThat(m).as(example + ": " + l.name()).isNotNull();
            String type = m.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            String expected = switch (l.kind()) {
                case "activation" -> "activationlayer";
                case "batchnorm" -> type.startsWith("batchnorm") ? type : "batchnorm";
                default -> l.kind();
            };
            org.assertj.core.api.Assertions.assertThat(type).as(example + ": " + l.name()).startsWith(expected);
        }
    }

    private static RunSpec warmSpec(String schedule) {
        return SpecParser.parse("""
                name: warm
                model: {input: 2, layers: [{dense: 3}]}
                data: {name: spirals}
                loss: cross_entropy
                optimizer: {name: adam, lr: 0.01, schedule: %s}
                training: {epochs: 1, batch_size: 32}
                """.formatted(schedule), "warm.yaml");
    }

    @Test
    void warmUpIsCountedInOptimizerSteps() {
        assertThat(ModelFactsFactory.of(spec("he_normal", ""), 1200).warmupSteps()).isZero();
        // 5 epochs of warm-up, 1200 training examples in batches of 32: ceil(1200 / 32) = 38 steps an epoch.
        assertThat(ModelFactsFactory.of(warmSpec("{name: constant, warmup: 5}"), 1200).warmupSteps()).isEqualTo(190);
        assertThat(ModelFactsFactory.of(warmSpec("{name: constant, warmup: 500, interval: step}"), 1200)
                .warmupSteps()).isEqualTo(500);
    }
}
