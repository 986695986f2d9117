package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checker must pass correct rules and catch wrong ones, or the other gradient tests prove nothing. */
class GradCheckSelfTest {
    /** {@code x^2} elementwise with a backward rule of {@code factor * x * g} (correct when factor = 2). */
    private static Var square(Var x, float factor) {
        float[] xd = x.value().data();
        Tensor out = Tensor.zerosLike(x.value());
        for (int i = 0; i < xd.length; i++) {
            out.data()[i] = xd[i] * xd[i];
        }
        return Var.result(out, "square", g -> {
            float[] gx = x.gradBuffer().data();
            for (int i = 0; i < xd.length; i++) {
                gx[i] += factor * xd[i] * g.data()[i];
            }
        }, x);
    }

    @Test
    void correctRulePasses() {
        Var x = Var.leaf(Tensor.matrix(new float[][] {{0.5f, -1f}, {2f, 0.25f}}), true);
        GradCheck.Result r = GradCheck.defaults().run(in -> square(in.get(0), 2f), x);
        assertThat(r.checked()).isEqualTo(4);
        assertThat(r.mismatches()).isEmpty();
    }

    @Test
    void wrongFactorIsReportedWithInputIndexAndBothValues() {
        Var x = Var.leaf(Tensor.matrix(new float[][] {{0.5f, -1f}, {2f, 0.25f}}), true);
        assertThatThrownBy(() -> GradCheck.defaults().check("square", in -> square(in.get(0), 3f), x))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("gradcheck 'square': 4 of 4 elements differ")
                .hasMessageContaining("input 0 (Var(leaf, [2, 2])) index 2 [1, 0]: value=2.0")
                .hasMessageContaining("analytic=")
                .hasMessageContaining("numeric=");
    }

    @Test
    void constantInputsAreNotChecked() {
        Var x = Var.leaf(Tensor.full(1.5f, 3), true);
        Var c = Var.constant(Tensor.full(2f, 3));
        GradCheck.Result r = GradCheck.defaults().run(in -> ElementwiseOps.mul(in.get(0), in.get(1)), x, c);
        assertThat(r.checked()).isEqualTo(3);
        assertThat(r.mismatches()).isEmpty();
        assertThat(c.value().data()).containsOnly(2f);
    }

    @Test
    void checkingNothingFails() {
        Var c = Var.constant(Tensor.full(2f, 3));
        Var x = Var.leaf(Tensor.full(1f, 3), true);
        assertThatThrownBy(() -> GradCheck.defaults().check("nothing", in -> ElementwiseOps.add(in.get(0),
                x), c)).isInstanceOf(AssertionError.class).hasMessageContaining("no input requires a gradient");
    }

    @Test
    void perturbedValuesAreRestored() {
        float[] values = {0.3f, -0.7f, 1.1f};
        Var x = Var.leaf(Tensor.of(values.clone(), 3), true);
        GradCheck.defaults().check("square", in -> square(in.get(0), 2f), x);
        assertThat(x.value().data()).containsExactly(values);
    }
}
