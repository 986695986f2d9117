package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FlattenTest {
    @Test
    void keepsTheBatchAxisAndRowMajorOrder() {
        float[] v = new float[2 * 3 * 2 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Var y = new Flatten().forward(Var.constant(Tensor.of(v, 2, 3, 2, 2)));
        assertThat(y.shape()).containsExactly(2, 12);
        assertThat(y.value().get(1, 5)).isEqualTo(17); // row 1 starts at 12
        assertThat(y.value().data()).containsExactly(v);
    }

    @Test
    void gradient() {
        GradCheck.defaults().check("flatten", in -> new Flatten().forward(in.get(0)),
                GradCheck.randn(new Rng(1), 3, 2, 2, 3));
    }

    @Test
    void rejectsAnInputWithoutFeatureAxes() {
        Network net = new Network(new Sequential(new Flatten()));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(7))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (flatten) expects an input [batch, ...] with at least 2 dimensions "
                        + "but got [7]");
        assertThat(new Flatten().parameters()).isEmpty();
        assertThat(new Flatten()).hasToString("Flatten()");
    }
}
