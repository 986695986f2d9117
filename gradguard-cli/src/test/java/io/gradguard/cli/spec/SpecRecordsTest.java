package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records validate on their own, for specs built in code. */
class SpecRecordsTest {

    @Test
    void paramsAreCoercedToCanonicalTypesAndOrder() {
        InitSpec a = new InitSpec("normal", Map.of("std", 1, "mean", 0));
        assertThat(a).isEqualTo(InitSpec.of("normal"));
        assertThat(a.params().keySet()).containsExactly("mean", "std");
        assertThat(a.real("std")).isEqualTo(1.0);
        assertThat(InitSpec.of("he_uniform").name()).isEqualTo("kaiming_uniform");
    }

    @Test
    void badValuesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> OptimizerSpec.of("adam", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OptimizerSpec adam lr must be > 0, got -1.0");
        assertThatThrownBy(() -> new ActivationSpec("leaky_relu", Map.of("negative_slope", -0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ActivationSpec leaky_relu negative_slope must be >= 0, got -0.5");
        assertThatThrownBy(() -> new ActivationSpec("leaky_relu", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ActivationSpec leaky_relu needs exactly the params [negative_slope] (defaults filled), "
                        + "got []");
        assertThatThrownBy(() -> new InitSpec("he_normal", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("InitSpec name must be one of [default, zeros,")
                .hasMessageEndingWith("got 'he_normal'");
        assertThatThrownBy(() -> new InitSpec("uniform", Map.of("a", 1.0, "b", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("InitSpec uniform b must be > a = 1.0, got 1.0");
        assertThatThrownBy(() -> new DataSpec.Synthetic("spirals", Map.of("samples", 1.5, "classes", 3,
                "noise", 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataSpec spirals samples must be an integer, got 1.5");
        assertThatThrownBy(() -> new OptimizerSpec("adam", 1e-3, Map.of("betas", List.of(0.9, 1.0), "eps", 1e-8,
                "weight_decay", 0.0, "amsgrad", false), ScheduleSpec.CONSTANT, RegularizationSpec.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OptimizerSpec adam betas must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new TrainingSpec(0, 1, 0, true, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TrainingSpec epochs must be >= 1, got 0");
        assertThatThrownBy(() -> new LayerSpec.Repeat(2, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Repeat layers must not be empty");
        assertThatThrownBy(() -> new LossSpec("nll"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LossSpec name must be one of [mse, bce_with_logits, cross_entropy], got 'nll'");
    }

    @Test
    void paramGettersNameTheMissingParam() {
        assertThatThrownBy(() -> OptimizerSpec.of("sgd", 0.1).real("betas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no param 'betas'; it has [momentum, dampening, weight_decay, nesterov]");
    }

    @Test
    void linesDoNotTakePartInEquality() {
        RunSpec parsed = SpecParser.parse(SpecParserTest.MINIMAL, "a.yaml");
        RunSpec coded = new RunSpec(parsed.name(), parsed.seed(), parsed.model(), parsed.data(), parsed.loss(),
                parsed.optimizer(), parsed.training(), parsed.output());
        assertThat(coded).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(coded.lineOf("optimizer.lr")).isZero();
        assertThat(parsed.lineOf("optimizer.lr")).isEqualTo(6);
        assertThat(SpecLines.parent("model.layers[2].dense")).isEqualTo("model.layers[2]");
        assertThat(SpecLines.parent("model.layers[2]")).isEqualTo("model.layers");
        assertThat(SpecLines.parent("model")).isEmpty();
    }

    @Test
    void suggestionsAreCloseMatchesOnly() {
        assertThat(Suggest.closest("momentun", List.of("lr", "momentum", "nesterov"))).isEqualTo("momentum");
        assertThat(Suggest.closest("batchsize", List.of("epochs", "batch_size"))).isEqualTo("batch_size");
        assertThat(Suggest.closest("colour", List.of("lr", "momentum"))).isNull();
        // kitten -> sitting: 3 edits (the textbook example).
        assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void architectureLayerRecordsRejectBadValuesWithTheValue() {
        assertThatThrownBy(() -> new LayerSpec.Dropout(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dropout p must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new LayerSpec.BatchNorm(1e-5, -0.1, true, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("BatchNorm momentum must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> new LayerSpec.LayerNorm(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LayerNorm eps must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> new LayerSpec.Conv2d(8, 0, 1, 0, true, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Conv2d kernel_size must be > 0, got 0");
        assertThatThrownBy(() -> new LayerSpec.MaxPool2d(3, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MaxPool2d padding must be in 0..kernel_size/2 (PyTorch's rule), got 2 with kernel_size 3");
        assertThatThrownBy(() -> new LayerSpec.Rnn(4, 1, "sigmoid", true, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Rnn nonlinearity must be one of [tanh, relu], got 'sigmoid'");
        assertThatThrownBy(() -> new LayerSpec.Lstm(4, 0, true, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Lstm num_layers must be >= 1, got 0");
        assertThatThrownBy(() -> new LayerSpec.Residual(LayerSpec.Projection.AUTO, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Residual layers must not be empty");
        assertThatThrownBy(() -> new DataSpec.Idx("a", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Idx labels must not be empty, got ' '");
        assertThatThrownBy(() -> new DataSpec.Synthetic("bars", Map.of("samples", 2, "size", 16, "channels", 1,
                "classes", 4, "noise", 0.1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataSpec bars samples must be >= classes = 4, got 2");
    }
}
