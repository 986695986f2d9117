package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReduceOpsTest {
    private final GradCheck check = GradCheck.defaults();

    @Test
    void sumGradients() {
        check.check("sum", in -> ReduceOps.sum(in.get(0)), GradCheck.randn(new Rng(1), 3, 4));
    }

    @Test
    void meanGradients() {
        check.check("mean", in -> ReduceOps.mean(in.get(0)), GradCheck.randn(new Rng(2), 3, 4));
    }

    @Test
    void sumSquaresGradients() {
        check.check("sum_squares", in -> ReduceOps.sumSquares(in.get(0)), GradCheck.randn(new Rng(3), 2, 5));
    }

    @Test
    void valuesByHand() {
        Var x = Var.constant(Tensor.of(new float[] {1, -2, 3, 4}, 2, 2));
        assertThat(ReduceOps.sum(x).item()).isEqualTo(6f);
        assertThat(ReduceOps.mean(x).item()).isEqualTo(1.5f);
        // 1 + 4 + 9 + 16
        assertThat(ReduceOps.sumSquares(x).item()).isEqualTo(30f);
    }

    @Test
    void longSumsAccumulateInDouble() {
        // 0.1f (= 0.100000001490116) a million times: a float32 accumulator drifts to about 100958, a double
        // one gives 100000.0015, which rounds to 100000.0 in float32
        float[] d = new float[1_000_000];
        java.util.Arrays.fill(d, 0.1f);
        Var x = Var.constant(Tensor.of(d, d.length));
        assertThat((double) ReduceOps.sum(x).item()).isCloseTo(100000.0, within(0.01));
    }
}
