package io.gradguard.guard.clip;

import static io.gradguard.guard.clip.Params.noGrad;
import static io.gradguard.guard.clip.Params.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.ParamView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** torch.nn.utils.clip_grad_norm_: c = min(max_norm / (total_norm + 1e-6), 1). */
class GlobalNormClipTest {

    @Test
    void scalesByMaxNormOverTotalPlusEps() {
        ParamView a = vec("fc.weight", 3f, 0f);
        ParamView b = vec("fc.bias", 4f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(a, b));
        // total = sqrt(9 + 0 + 16) = 5; c = 1 / (5 + 1e-6) = 0.19999996
        double c = 1.0 / 5.000001;
        assertThat(r.totalNorm()).isEqualTo(5.0);
        assertThat(r.threshold()).isEqualTo(1.0);
        assertThat(r.clipped()).isTrue();
        assertThat(r.coefficient()).isEqualTo(c);
        assertThat(a.grad()).containsExactly((float) (3 * c), 0f); // 0.59999988
        assertThat(b.grad()).containsExactly((float) (4 * c)); // 0.79999984
        assertThat(Norms.l2(a.grad()) * Norms.l2(a.grad()) + Norms.sumOfSquares(b.grad()))
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void coefficientIsClampedToOne() {
        ParamView a = vec("w", 3f, 4f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(10.0)).clip(List.of(a));
        // 10 / 5.000001 = 1.9999996 -> clamp(max=1) -> gradients untouched
        assertThat(r).isEqualTo(new ClipResult(5.0, 10.0, false, 1.0));
        assertThat(a.grad()).containsExactly(3f, 4f);
    }

    @Test
    void infinityNormIsMaxAbs() {
        ParamView a = vec("w", 3f, -4f);
        ParamView b = vec("b", 2f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(2.0, Double.POSITIVE_INFINITY, false)).clip(List.of(a, b));
        // total = max(3, 4, 2) = 4; c = 2 / 4.000001
        double c = 2.0 / 4.000001;
        assertThat(r.totalNorm()).isEqualTo(4.0);
        assertThat(r.coefficient()).isEqualTo(c);
        assertThat(a.grad()).containsExactly((float) (3 * c), (float) (-4 * c)); // 1.4999996, -1.9999995
        assertThat(b.grad()).containsExactly((float) (2 * c));
    }

    @Test
    void pOneNormIsSumOfAbs() {
        ParamView a = vec("w", 3f, -4f);
        ParamView b = vec("b", 2f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(3.0, 1.0, false)).clip(List.of(a, b));
        // total = 3 + 4 + 2 = 9; c = 3 / 9.000001 = 0.33333330
        double c = 3.0 / 9.000001;
        assertThat(r.totalNorm()).isEqualTo(9.0);
        assertThat(r.coefficient()).isEqualTo(c);
        assertThat(a.grad()).containsExactly((float) (3 * c), (float) (-4 * c));
        assertThat(Norms.sumAbs(a.grad()) + Norms.sumAbs(b.grad())).isCloseTo(3.0, within(1e-5));
    }

    @Test
    void nonFiniteNormThrowsWithPyTorchsTextAndLeavesGradients() {
        ParamView a = vec("w", Float.POSITIVE_INFINITY, 1f);
        Clipper clipper = new Clipper(new ClipPolicy.GlobalNorm(1.0, 2.0, true));
        assertThatThrownBy(() -> clipper.clip(List.of(a)))
                .isInstanceOf(NonFiniteNormException.class)
                .hasMessageContaining("The total norm of order 2.0 for gradients from `parameters` is non-finite, so it"
                        + " cannot be clipped. To disable this error and scale the gradients by the non-finite norm"
                        + " anyway, set `error_if_nonfinite=False`")
                .satisfies(e -> assertThat(((NonFiniteNormException) e).totalNorm()).isInfinite());
        assertThat(a.grad()).containsExactly(Float.POSITIVE_INFINITY, 1f);

        ParamView n = vec("w", Float.NaN);
        Clipper inf = new Clipper(new ClipPolicy.GlobalNorm(1.0, Double.POSITIVE_INFINITY, true));
        assertThatThrownBy(() -> inf.clip(List.of(n)))
                .isInstanceOf(NonFiniteNormException.class)
                .hasMessageContaining("The total norm of order inf for gradients");
    }

    @Test
    void infiniteNormWithoutErrorZeroesFiniteGradientsAndNaNsInfiniteOnes() {
        ParamView a = vec("w", Float.POSITIVE_INFINITY, 1f);
        ParamView b = vec("b", 2f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(a, b));
        // PyTorch: total = inf; c = 1 / (inf + 1e-6) = 0; clamp -> 0; inf * 0 = nan, 1 * 0 = 0 (pytorch#46849)
        assertThat(r.totalNorm()).isInfinite();
        assertThat(r.coefficient()).isEqualTo(0.0);
        assertThat(r.clipped()).isTrue();
        assertThat(a.grad()[0]).isNaN();
        assertThat(a.grad()[1]).isEqualTo(0f);
        assertThat(b.grad()).containsExactly(0f);
    }

    @Test
    void nanNormWithoutErrorMakesEveryGradientNaN() {
        ParamView a = vec("w", Float.NaN, 1f);
        ParamView b = vec("b", 2f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(a, b));
        // c = 1 / (nan + 1e-6) = nan; torch.clamp(nan, max=1) = nan; every g * nan = nan
        assertThat(r.totalNorm()).isNaN();
        assertThat(r.coefficient()).isNaN();
        assertThat(r.clipped()).isTrue();
        assertThat(a.grad()).containsOnly(Float.NaN);
        assertThat(b.grad()).containsOnly(Float.NaN);
    }

    @Test
    void hugeGradientsAreClippedNotZeroed() {
        ParamView a = vec("w", 1e30f, 1e30f, 1e30f, 1e30f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(a));
        // total = sqrt(4 x^2) = 2x with x = 1e30f; c = 1 / (2x + 1e-6) = 5e-31; each element x c = 0.5
        assertThat(r.totalNorm()).isEqualTo(2.0 * 1e30f).isFinite();
        assertThat(a.grad()).containsExactly(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, within(1e-6f));
    }

    @Test
    void tinyGradientsHaveANonZeroNorm() {
        ParamView a = vec("w", 1e-30f, 1e-30f, 1e-30f, 1e-30f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(a));
        assertThat(r.totalNorm()).isEqualTo(2.0 * 1e-30f); // sqrt(4 x^2), x^2 = 1e-60 kept in double
        assertThat(r.clipped()).isFalse();
        assertThat(a.grad()).containsOnly(1e-30f);
    }

    @Test
    void nullGradientsAreSkippedAndNoGradientsGiveZero() {
        ParamView none = noGrad("frozen.weight", 3);
        ParamView a = vec("w", 3f, 4f);
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(none, a));
        assertThat(r.totalNorm()).isEqualTo(5.0);
        assertThat(none.grad()).isNull();
        ClipResult empty = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(noGrad("x", 2)));
        assertThat(empty).isEqualTo(new ClipResult(0.0, 1.0, false, 1.0)); // PyTorch: total_norm 0
    }

    @Test
    void nonePolicyReportsTheNormAndChangesNothing() {
        ParamView a = vec("w", 3f, 4f);
        ClipResult r = new Clipper(new ClipPolicy.None()).clip(List.of(a, noGrad("b", 1)));
        assertThat(r.totalNorm()).isEqualTo(5.0);
        assertThat(r.threshold()).isNaN();
        assertThat(r.clipped()).isFalse();
        assertThat(r.coefficient()).isEqualTo(1.0);
        assertThat(a.grad()).containsExactly(3f, 4f);
    }

    @Test
    void aKnownNormThatNeedsNoScalingNeverAsksForTheGradients() {
        // A host may copy a gradient when asked for it (the DJL host copies it out of libtorch), so the
        // norm-based policies ask only when they scale.
        int[] asked = {0};
        float[] g = {3f, 4f};
        ParamView counting = new ParamView() {
            public String name() {
                return "fc.weight";
            }

            public int[] shape() {
                return new int[] {2};
            }

            public float[] values() {
                return new float[2];
            }

            public float[] grad() {
                asked[0]++;
                return g;
            }
        };
        for (ClipPolicy p : List.of(new ClipPolicy.None(), new ClipPolicy.GlobalNorm(10.0))) {
            new Clipper(p).clip(List.of(counting), 5.0);
        }
        assertThat(asked[0]).isZero();
        ClipResult r = new Clipper(new ClipPolicy.GlobalNorm(1.0)).clip(List.of(counting), 5.0);
        assertThat(asked[0]).isEqualTo(1);
        assertThat(r.clipped()).isTrue();
        assertThat(g[0]).isEqualTo((float) (3 / 5.000001));
    }
}
