package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MatrixOpsTest {
    private final GradCheck check = GradCheck.defaults();

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void matmulGradientsForEveryTransposeCombination(boolean transA, boolean transB) {
        Rng rng = new Rng(1);
        int m = 3;
        int k = 4;
        int n = 5;
        Var a = GradCheck.randn(rng, transA ? new int[] {k, m} : new int[] {m, k});
        Var b = GradCheck.randn(rng, transB ? new int[] {n, k} : new int[] {k, n});
        check.check("matmul", in -> MatrixOps.matmul(in.get(0), transA, in.get(1), transB), a, b);
        assertThat(MatrixOps.matmul(a, transA, b, transB).shape()).containsExactly(m, n);
    }

    @Test
    void matmulValuesByHand() {
        // [[1, 2], [3, 4]] [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        Var a = Var.constant(Tensor.matrix(new float[][] {{1, 2}, {3, 4}}));
        Var b = Var.constant(Tensor.matrix(new float[][] {{5, 6}, {7, 8}}));
        assertThat(MatrixOps.matmul(a, false, b, false).value().data()).containsExactly(19, 22, 43, 50);
        // A^T B = [[1, 3], [2, 4]] B = [[26, 30], [38, 44]]
        assertThat(MatrixOps.matmul(a, true, b, false).value().data()).containsExactly(26, 30, 38, 44);
        // A B^T = [[1*5+2*6, 1*7+2*8], [3*5+4*6, 3*7+4*8]] = [[17, 23], [39, 53]]
        assertThat(MatrixOps.matmul(a, false, b, true).value().data()).containsExactly(17, 23, 39, 53);
    }

    @Test
    void linearGradientsWithBias() {
        Rng rng = new Rng(2);
        Var x = GradCheck.randn(rng, 4, 3);
        Var w = GradCheck.randn(rng, 5, 3);
        Var b = GradCheck.randn(rng, 5);
        check.check("linear", in -> MatrixOps.linear(in.get(0), in.get(1), in.get(2)), x, w, b);
    }

    @Test
    void linearGradientsWithoutBias() {
        Rng rng = new Rng(3);
        Var x = GradCheck.randn(rng, 4, 3);
        Var w = GradCheck.randn(rng, 2, 3);
        check.check("linear (no bias)", in -> MatrixOps.linear(in.get(0), in.get(1), null), x, w);
    }

    @Test
    void linearValuesByHand() {
        // x [1, 2] = [[1, 2]], W = [[1, 0], [1, 1], [0, -1]], b = [0.5, 0, 1]: y = [1.5, 3, -1]
        Var x = Var.constant(Tensor.matrix(new float[][] {{1, 2}}));
        Var w = Var.constant(Tensor.matrix(new float[][] {{1, 0}, {1, 1}, {0, -1}}));
        Var b = Var.constant(Tensor.of(new float[] {0.5f, 0, 1}, 3));
        assertThat(MatrixOps.linear(x, w, b).value().data()).containsExactly(1.5f, 3f, -1f);
        assertThat(MatrixOps.linear(x, w, null).value().data()).containsExactly(1f, 3f, -2f);
    }

    @Test
    void shapeErrorsNameTheOpAndShapes() {
        Var a = Var.constant(Tensor.zeros(3, 4));
        Var b = Var.constant(Tensor.zeros(5, 2));
        assertThatThrownBy(() -> MatrixOps.matmul(a, false, b, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(matmul) expects a right operand with 4 rows to match [3, 4] but got [5, 2]");
        assertThatThrownBy(() -> MatrixOps.linear(a, b, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(linear) expects input [*, 2] but got [3, 4]");
    }
}
