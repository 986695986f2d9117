package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VarTest {
    private static Var leaf(float... v) {
        return Var.leaf(Tensor.of(v, v.length), true);
    }

    /** {@code sum(x * x)}: gradient {@code 2x}. */
    private static Var sumSquares(Var x) {
        return ReduceOps.sum(ElementwiseOps.mul(x, x));
    }

    @Test
    void twoBackwardPassesAddUp() {
        Var x = leaf(1f, -2f);
        sumSquares(x).backward();
        assertThat(x.grad().data()).containsExactly(2f, -4f);
        sumSquares(x).backward();
        assertThat(x.grad().data()).containsExactly(4f, -8f);
        x.zeroGrad();
        assertThat(x.grad().data()).containsExactly(0f, 0f);
    }

    @Test
    void aSecondBackwardThroughAReleasedGraphFails() {
        Var x = leaf(1f, -2f);
        Var y = sumSquares(x);
        y.backward();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("op 'sum' was already released by an earlier backward pass");
        // a new loss sharing the released intermediate product fails too, instead of skipping x
        Var h = ElementwiseOps.mul(x, x);
        ReduceOps.sum(h).backward();
        Var again = ReduceOps.mean(h);
        assertThatThrownBy(again::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("op 'mul' was already released");
        assertThat(x.grad().data()).containsExactly(4f, -8f);
    }

    @Test
    void noGradRecordsNoGraphAndRestoresTheMode() {
        Var x = leaf(1f, 2f);
        Var y;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertThat(GradMode.isEnabled()).isFalse();
            try (GradMode.Scope inner = GradMode.noGrad()) {
                assertThat(GradMode.isEnabled()).isFalse();
            }
            assertThat(GradMode.isEnabled()).isFalse();
            y = sumSquares(x);
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(y.item()).isEqualTo(5f);
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.inputs()).isEmpty();
        assertThat(y.isLeaf()).isTrue();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward(): op 'sum' does not require a gradient (no input requires one, or it ran"
                        + " under GradMode.noGrad())");
        assertThat(sumSquares(x).requiresGrad()).isTrue();
    }

    @Test
    void nonLeafGradientsAreReleasedUnlessRetained() {
        Var x = leaf(1f, 3f);
        Var h = ElementwiseOps.mul(x, x);
        Var kept = ElementwiseOps.affine(h, 2f, 0f).retainGrad();
        Var y = ReduceOps.sum(kept);
        assertThat(h.isLeaf()).isFalse();
        assertThat(h.inputs()).containsExactly(x, x);
        y.backward();
        assertThat(h.grad()).isNull();
        assertThat(y.grad()).isNull();
        assertThat(kept.grad().data()).containsExactly(1f, 1f);
        // d/dx sum(2 x^2) = 4x
        assertThat(x.grad().data()).containsExactly(4f, 12f);
        assertThat(h.inputs()).isEmpty();
    }

    @Test
    void observerSeesEveryOpAfterItsRuleInBackwardOrder() {
        Var x = leaf(1f, 2f);
        Var loss = ReduceOps.mean(ElementwiseOps.activate(ElementwiseOps.affine(x, 2f, 1f),
                new Activation.Tanh()));
        List<String> seen = new ArrayList<>();
        loss.backward(Tensor.full(1f), (Var op) -> {
            seen.add(op.label());
            assertThat(op.grad()).isNotNull();
        });
        assertThat(seen).containsExactly("mean", "tanh", "affine");
    }

    @Test
    void constantsAndDetachStopGradients() {
        Var x = leaf(2f);
        Var c = Var.constant(Tensor.of(new float[] {3f}, 1));
        Var y = ReduceOps.sum(ElementwiseOps.add(ElementwiseOps.mul(x, c), ElementwiseOps.mul(x.detach(), x)));
        y.backward();
        // d/dx (3x + stop(x) x) = 3 + stop(x) = 5
        assertThat(x.grad().data()).containsExactly(5f);
        assertThat(c.grad()).isNull();
    }

    @Test
    void backwardNeedsAScalarOrAMatchingSeed() {
        Var y = ElementwiseOps.affine(leaf(1f, 2f), 1f, 0f);
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward() without a gradient needs a scalar output, got shape [2] from op 'affine'");
        assertThatThrownBy(() -> y.backward(Tensor.zeros(3), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backward(): seed shape [3] differs from output shape [2]");
    }

    @Test
    void opsRecordTheirScope() {
        Var y;
        try (GradMode.Scope ignored = OpScope.enter("layers.1")) {
            y = ElementwiseOps.affine(leaf(1f), 1f, 1f);
        }
        assertThat(y.scope()).isEqualTo("layers.1");
        assertThat(y.toString()).isEqualTo("Var(affine in layers.1, [1])");
        assertThat(OpScope.current()).isEmpty();
    }
}
