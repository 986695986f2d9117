package io.gradguard.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void reshapeSharesDataAndInfersOneDimension() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = t.reshape(-1, 2);
        assertThat(r.shape()).containsExactly(3, 2);
        r.set(9f, 0, 1);
        assertThat(t.get(0, 1)).isEqualTo(9f);
    }

    @Test
    void badShapesNameBothShapes() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("5");
        Tensor t = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> t.reshape(4, 2)).hasMessageContaining("[2, 3] -> [4, 2]");
        assertThatThrownBy(() -> t.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[2, 3]");
    }

    @Test
    void rngStreamsAreReproducibleAndIndependent() {
        Rng a = new Rng(7).fork("init");
        Rng b = new Rng(7).fork("init");
        Rng c = new Rng(7).fork("shuffle");
        double x = a.nextGaussian();
        assertThat(b.nextGaussian()).isEqualTo(x);
        assertThat(c.nextGaussian()).isNotEqualTo(x);
    }
}
