package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFactsTest {
    @Test
    void depthCountsWeightLayersOnly() {
        ModelFacts f = Cases.badInitFacts();
        assertThat(f.layers()).hasSize(41);
        assertThat(f.depth()).isEqualTo(21);
        assertThat(f.weightLayers().get(1).name()).isEqualTo("layers.2");
        assertThat(f.hasNormalization()).isFalse();
        assertThat(f.hasResidual()).isFalse();
        assertThat(f.hasRecurrent()).isFalse();
        assertThat(f.layer("layers.38").activation()).isEqualTo("relu");
        assertThat(f.layer("layers.41")).isNull();
    }

    @Test
    void normalisationResidualAndRecurrentKindsAreRecognised() {
        List<LayerFacts> layers = new ArrayList<>(Cases.heFacts(2).layers());
        layers.add(LayerFacts.plain("layers.5", "batchnorm", 64, null, 0));
        layers.add(LayerFacts.plain("layers.6", "residual", 64, null, 0));
        layers.add(new LayerFacts("rnn", "lstm", 64, 128, "orthogonal", 0.1, null, 0));
        ModelFacts f = new ModelFacts(layers, "adam", 1e-3, 0, 0, true);
        assertThat(f.hasNormalization()).isTrue();
        assertThat(f.hasResidual()).isTrue();
        assertThat(f.hasRecurrent()).isTrue();
        assertThat(f.depth()).isEqualTo(4);
    }

    @Test
    void invalidValuesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new ModelFacts(List.of(), "sgd", -1, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lr").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new ModelFacts(List.of(), "sgd", 0.1, -0.5, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight_decay")
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new ModelFacts(List.of(), "", 0.1, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("optimizer");
        assertThatThrownBy(() -> new LayerFacts("layers.0", "dense", -2, 4, "normal", 1, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layers.0")
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> new LayerFacts("layers.0", "dense", 2, 4, "normal", -1, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("init_std")
                .hasMessageContaining("-1.0");
    }

    @Test
    void unknownLrIsAllowedAsNaN() {
        assertThat(ModelFacts.UNKNOWN.lrKnown()).isFalse();
        assertThat(ModelFacts.UNKNOWN.depth()).isZero();
    }
}
