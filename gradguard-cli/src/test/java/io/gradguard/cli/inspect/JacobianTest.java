package io.gradguard.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.nn.Dense;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.nn.Spectral;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class JacobianTest {
    @Test
    void theJacobianOfOneLinearLayerIsItsWeightSoTheSingularValuesAgree() {
        Dense d = new Dense(6, 4, true, new Rng(3));
        Network net = new Network(new Sequential(d));
        Tensor x = Tensor.of(new float[] {0.5f, -1, 2, 0.1f, -0.3f, 1.2f}, 1, 6);
        Tensor j = Jacobian.of(net, x);
        assertThat(j.shape()).containsExactly(4, 6);
        assertThat(j.data()).containsExactly(d.weight().value().data(), within(0f));
        double[] s = Jacobian.singularValues(net, x, 3);
        double[] expected = Spectral.singularValues(d.weight().value());
        assertThat(s).hasSize(3);
        assertThat(s[0]).isCloseTo(Spectral.largestSingularValue(d.weight().value()), within(1e-9));
        assertThat(s).containsExactly(new double[] {expected[0], expected[1], expected[2]}, within(1e-9));
        assertThat(net.isTraining()).as("mode restored").isTrue();
        assertThat(d.weight().grad() == null || d.weight().grad().data()[0] == 0).as("gradients left zero").isTrue();
    }

    @Test
    void rejectsABatchOfMoreThanOneExample() {
        Network net = new Network(new Sequential(new Dense(2, 1, true, new Rng(1))));
        assertThatThrownBy(() -> Jacobian.of(net, Tensor.zeros(2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, ...]", "[2, 2]");
    }
}
