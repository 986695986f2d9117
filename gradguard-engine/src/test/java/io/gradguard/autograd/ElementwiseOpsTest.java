package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ElementwiseOpsTest {
    private final GradCheck check = GradCheck.defaults();

    @Test
    void addGradients() {
        Rng rng = new Rng(1);
        check.check("add", in -> ElementwiseOps.add(in.get(0), in.get(1)), GradCheck.randn(rng, 3, 4),
                GradCheck.randn(rng, 3, 4));
    }

    @Test
    void subGradients() {
        Rng rng = new Rng(2);
        check.check("sub", in -> ElementwiseOps.sub(in.get(0), in.get(1)), GradCheck.randn(rng, 3, 4),
                GradCheck.randn(rng, 3, 4));
    }

    @Test
    void mulGradients() {
        Rng rng = new Rng(3);
        check.check("mul", in -> ElementwiseOps.mul(in.get(0), in.get(1)), GradCheck.randn(rng, 3, 4),
                GradCheck.randn(rng, 3, 4));
    }

    @Test
    void mulOfAVarWithItselfCountsBothFactors() {
        // d/dx sum(R * x * x) = 2 R x: both operand rules add into the same buffer
        check.check("mul(x, x)", in -> ElementwiseOps.mul(in.get(0), in.get(0)), GradCheck.randn(new Rng(4), 5));
    }

    @Test
    void affineGradients() {
        check.check("affine", in -> ElementwiseOps.affine(in.get(0), -2.5f, 0.75f), GradCheck.randn(new Rng(5), 2, 3));
    }

    @Test
    void addRowGradients() {
        Rng rng = new Rng(6);
        check.check("add_row", in -> ElementwiseOps.addRow(in.get(0), in.get(1)), GradCheck.randn(rng, 4, 3),
                GradCheck.randn(rng, 3));
    }

    @Test
    void forwardValuesByHand() {
        Var a = Var.constant(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        Var b = Var.constant(Tensor.of(new float[] {0.5f, -1, 2, 0}, 2, 2));
        assertThat(ElementwiseOps.add(a, b).value().data()).containsExactly(1.5f, 1, 5, 4);
        assertThat(ElementwiseOps.sub(a, b).value().data()).containsExactly(0.5f, 3, 1, 4);
        assertThat(ElementwiseOps.mul(a, b).value().data()).containsExactly(0.5f, -2, 6, 0);
        // 2 a - 1
        assertThat(ElementwiseOps.affine(a, 2, -1).value().data()).containsExactly(1, 3, 5, 7);
        Var row = Var.constant(Tensor.of(new float[] {10, 20}, 2));
        assertThat(ElementwiseOps.addRow(a, row).value().data()).containsExactly(11, 22, 13, 24);
    }

    static Stream<Activation> activations() {
        return Stream.of(new Activation.Identity(), new Activation.Sigmoid(), new Activation.Tanh(),
                new Activation.ReLU(), new Activation.LeakyReLU(), new Activation.LeakyReLU(0.2f),
                new Activation.ELU(), new Activation.ELU(0.5f), new Activation.SELU(),
                new Activation.Softplus(), new Activation.Softplus(2f, 1f));
    }

    /**
     * Every activation through {@code activate}; inputs stay 0.05 away from the kink at 0 (ReLU family,
     * ELU with alpha != 1, SELU) and from Softplus's switch to linear at {@code beta x = threshold}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activateGradients(Activation f) {
        double[] kinks = {0, f instanceof Activation.Softplus s ? s.threshold() / s.beta() : 0};
        Var x = GradCheck.randnAvoiding(new Rng(7), kinks, 0.05, 4, 6);
        if (f instanceof Activation.Identity) {
            // activate returns its input for identity, so check through a following op
            check.check(f.name(), in -> ElementwiseOps.affine(ElementwiseOps.activate(in.get(0), f), 1, 0), x);
        } else {
            check.check(f.name(), in -> ElementwiseOps.activate(in.get(0), f), x);
        }
    }

    /** GELU is smooth; kept apart from {@link #activations()} only so it can be disabled on its own. */
    @Test
    void geluGradients() {
        check.check("gelu", in -> ElementwiseOps.activate(in.get(0), new Activation.GELU()),
                GradCheck.randn(new Rng(8), 4, 6));
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        Var a = Var.constant(Tensor.zeros(2, 3));
        Var b = Var.constant(Tensor.zeros(3, 2));
        assertThatThrownBy(() -> ElementwiseOps.add(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(add) expects shapes to match [2, 3] but got [3, 2]");
        assertThatThrownBy(() -> ElementwiseOps.addRow(a, Var.constant(Tensor.zeros(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(add_row) expects a row [3] for input [2, 3] but got [2]");
    }
}
