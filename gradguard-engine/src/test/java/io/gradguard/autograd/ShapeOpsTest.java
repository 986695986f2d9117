package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ShapeOpsTest {
    private final GradCheck check = GradCheck.defaults();

    private static Var iota(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = i;
        }
        return Var.constant(t);
    }

    @Test
    void reshapeKeepsRowMajorOrderAndInfersMinusOne() {
        Var y = ShapeOps.reshape(iota(2, 3), 3, -1);
        assertThat(y.shape()).containsExactly(3, 2);
        assertThat(y.value().data()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(y.label()).isEqualTo("reshape");
    }

    @Test
    void reshapeGradients() {
        check.check("reshape", in -> ShapeOps.reshape(in.get(0), 4, 3), GradCheck.randn(new Rng(1), 2, 6));
    }

    @Test
    void flattenKeepsTheBatchDimension() {
        Var y = ShapeOps.flatten(iota(2, 3, 4));
        assertThat(y.shape()).containsExactly(2, 12);
        assertThat(y.value().data()[13]).isEqualTo(13f);
        check.check("flatten", in -> ShapeOps.flatten(in.get(0)), GradCheck.randn(new Rng(2), 2, 3, 2));
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        // [[0, 1, 2], [3, 4, 5]]^T = [[0, 3], [1, 4], [2, 5]]
        Var y = ShapeOps.transpose(iota(2, 3));
        assertThat(y.shape()).containsExactly(3, 2);
        assertThat(y.value().data()).containsExactly(0, 3, 1, 4, 2, 5);
        check.check("transpose", in -> ShapeOps.transpose(in.get(0)), GradCheck.randn(new Rng(3), 3, 5));
    }

    @Test
    void concatAlongEachAxis() {
        Var a = iota(2, 2);
        Var b = Var.constant(Tensor.full(9f, 2, 1));
        // axis 1: [[0, 1, 9], [2, 3, 9]]
        Var c1 = ShapeOps.concat(1, a, b);
        assertThat(c1.shape()).containsExactly(2, 3);
        assertThat(c1.value().data()).containsExactly(0, 1, 9, 2, 3, 9);
        // axis 0 (given as -2): [[0, 1], [2, 3], [9, 9]]
        Var c0 = ShapeOps.concat(-2, a, Var.constant(Tensor.full(9f, 1, 2)));
        assertThat(c0.value().data()).containsExactly(0, 1, 2, 3, 9, 9);
    }

    @Test
    void concatGradients() {
        Rng rng = new Rng(4);
        check.check("concat axis 1", in -> ShapeOps.concat(1, in.get(0), in.get(1), in.get(2)),
                GradCheck.randn(rng, 2, 3, 2), GradCheck.randn(rng, 2, 1, 2), GradCheck.randn(rng, 2, 4, 2));
        check.check("concat axis 0", in -> ShapeOps.concat(0, in.get(0), in.get(1)), GradCheck.randn(rng, 1, 3),
                GradCheck.randn(rng, 2, 3));
        // the same input twice receives both slices of the gradient
        check.check("concat x with x", in -> ShapeOps.concat(2, in.get(0), in.get(0)),
                GradCheck.randn(rng, 2, 2, 3));
    }

    @Test
    void sliceTakesAHalfOpenRange() {
        // rows 1..3 of [[0, 1], [2, 3], [4, 5], [6, 7]]
        Var y = ShapeOps.slice(iota(4, 2), 0, 1, 3);
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.value().data()).containsExactly(2, 3, 4, 5);
        // column 1 of a [2, 3]
        assertThat(ShapeOps.slice(iota(2, 3), -1, 1, 2).value().data()).containsExactly(1, 4);
        assertThat(ShapeOps.slice(iota(2, 3), 1, 2, 2).shape()).containsExactly(2, 0);
    }

    @Test
    void sliceGradients() {
        Rng rng = new Rng(5);
        check.check("slice axis 1", in -> ShapeOps.slice(in.get(0), 1, 1, 3), GradCheck.randn(rng, 2, 4, 3));
        check.check("slice axis 2", in -> ShapeOps.slice(in.get(0), 2, 0, 2), GradCheck.randn(rng, 2, 4, 3));
    }

    @Test
    void shapeErrorsNameTheOpAndShapes() {
        Var x = iota(2, 3);
        assertThatThrownBy(() -> ShapeOps.reshape(x, 4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(reshape) expects a shape holding the 6 elements of [2, 3] but got [4, 2]");
        assertThatThrownBy(() -> ShapeOps.flatten(iota(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(flatten) expects an input [batch, ...] with at least 2 dimensions but got [5]");
        assertThatThrownBy(() -> ShapeOps.transpose(iota(2, 3, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(transpose) expects a 2-D input but got [2, 3, 4]");
        assertThatThrownBy(() -> ShapeOps.concat(1, x, iota(3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(concat) expects input 1 of shape [2, *] (inputs agree except on axis 1) but got [3, 3]");
        assertThatThrownBy(() -> ShapeOps.concat(2, x, x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(concat) expects an input with an axis 2 but got [2, 3]");
        assertThatThrownBy(() -> ShapeOps.concat(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concat: expects at least one input but got none");
        assertThatThrownBy(() -> ShapeOps.slice(x, 1, 2, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(slice) expects 0 <= start <= end <= 3 on axis 1 (got start=2, end=4) for input but got"
                        + " [2, 3]");
    }
}
