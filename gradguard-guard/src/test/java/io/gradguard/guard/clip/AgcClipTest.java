package io.gradguard.guard.clip;

import static io.gradguard.guard.clip.Params.noGrad;
import static io.gradguard.guard.clip.Params.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.ParamView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** timm adaptive_clip_grad: m_i = clipping * max(||W_i||, eps); if ||G_i|| >= m_i, G_i *= m_i / max(||G_i||, 1e-6). */
class AgcClipTest {

    @Test
    void clipsOneRowOfATwoByThreeAndLeavesTheOther() {
        float[] w = {1f, 2f, 2f, 0f, 3f, 4f}; // ||W_0|| = 3, ||W_1|| = 5
        float[] g = {0.6f, 0f, 0.8f, 0.1f, 0.2f, 0.2f}; // ||G_0|| = 1, ||G_1|| = 0.3
        ParamView p = of("fc.weight", new int[] {2, 3}, w, g);
        ClipResult r = new Clipper(new ClipPolicy.Agc(0.1, 1e-3)).clip(List.of(p));
        // row 0: m = 0.1 * 3 = 0.3 <= 1 -> x 0.3 / 1 = 0.3 -> [0.18, 0, 0.24]
        // row 1: m = 0.1 * 5 = 0.5 > 0.3 -> unchanged
        double a = 0.6f;
        double b = 0.8f;
        double gn0 = Math.sqrt(a * a + b * b); // 1.0 up to the float rounding of 0.6f and 0.8f
        double c = 0.1 * 3 / gn0;
        // scaled in float32 by the float32 coefficient, as torch's g.mul_(coef)
        assertThat(g).containsExactly(0.6f * (float) c, 0f, 0.8f * (float) c, 0.1f, 0.2f, 0.2f);
        assertThat(g[0]).isCloseTo(0.18f, within(1e-7f));
        assertThat(g[2]).isCloseTo(0.24f, within(1e-7f));
        assertThat(r.clipped()).isTrue();
        assertThat(r.coefficient()).isNaN();
        assertThat(r.threshold()).isNaN();
        assertThat(r.totalNorm()).isCloseTo(Math.sqrt(1 + 0.09), within(1e-7)); // before clipping
    }

    @Test
    void epsFloorsTheNormOfZeroWeights() {
        float[] g = {0.003f, 0.004f}; // ||G|| = 0.005
        ParamView bias = of("fc.bias", new int[] {2}, new float[2], g); // rank 1: the whole tensor is one unit
        new Clipper(new ClipPolicy.Agc(0.1, 1e-3)).clip(List.of(bias));
        // m = 0.1 * max(0, 1e-3) = 1e-4 < 0.005 -> x 1e-4 / 0.005 = 0.02 -> [6e-5, 8e-5]
        assertThat(g[0]).isCloseTo(6e-5f, within(1e-11f));
        assertThat(g[1]).isCloseTo(8e-5f, within(1e-11f));
    }

    @Test
    void rankFourWeightsUseDimZeroWithTheRestFlattened() {
        // conv weight [2 out, 1 in, 1, 2]: unit 0 = W[0] = [3, 4] (norm 5), unit 1 = [0, 1] (norm 1)
        float[] w = {3f, 4f, 0f, 1f};
        float[] g = {0f, 1f, 0f, 1f}; // both units ||G_i|| = 1
        ParamView conv = of("conv.weight", new int[] {2, 1, 1, 2}, w, g);
        new Clipper(new ClipPolicy.Agc(0.5, 1e-3)).clip(List.of(conv, noGrad("conv.bias", 2)));
        // unit 0: m = 0.5 * 5 = 2.5 > 1 -> unchanged; unit 1: m = 0.5 * 1 = 0.5 <= 1 -> x 0.5
        assertThat(g).containsExactly(0f, 1f, 0f, 0.5f);
    }

    @Test
    void nothingClippedReportsCoefficientOne() {
        float[] g = {0.001f, 0f};
        ParamView p = of("w", new int[] {1, 2}, new float[] {1f, 0f}, g);
        ClipResult r = new Clipper(new ClipPolicy.Agc()).clip(List.of(p));
        // m = 0.01 * 1 = 0.01 > 0.001
        assertThat(r.clipped()).isFalse();
        assertThat(r.coefficient()).isEqualTo(1.0);
        assertThat(g).containsExactly(0.001f, 0f);
    }

    @Test
    void inconsistentHostViewNamesTheParameter() {
        ParamView bad = new ParamView() { // a host view that is not the validating ParamView.Simple
            public String name() {
                return "conv.weight";
            }

            public int[] shape() {
                return new int[] {2, 3};
            }

            public float[] values() {
                return new float[6];
            }

            public float[] grad() {
                return new float[5];
            }
        };
        assertThatThrownBy(() -> new Clipper(new ClipPolicy.Agc()).clip(List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Agc: parameter 'conv.weight' has shape [2, 3] but 6 values and 5 gradient entries");
    }
}
