package io.gradguard.guard.clip;

import static io.gradguard.guard.clip.Params.noGrad;
import static io.gradguard.guard.clip.Params.vec;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.ParamView;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueAndLayerClipTest {

    @Test
    void byValueClampsEachElement() {
        ParamView a = vec("w", 0.5f, -2f, 3f, Float.NaN);
        ParamView b = vec("b", -0.25f);
        ClipResult r = new Clipper(new ClipPolicy.ByValue(1.0)).clip(List.of(a, noGrad("frozen", 2), b));
        // clamp to [-1, 1]; NaN stays NaN as torch.clamp
        assertThat(a.grad()).containsExactly(0.5f, -1f, 1f, Float.NaN);
        assertThat(b.grad()).containsExactly(-0.25f);
        assertThat(r.totalNorm()).isNaN(); // the NaN element was in the gradient before clipping
        assertThat(r.clipped()).isTrue();
        assertThat(r.coefficient()).isNaN();
        assertThat(r.threshold()).isNaN();
    }

    @Test
    void byValueReportsL2BeforeClippingAndOneWhenNothingChanged() {
        ParamView a = vec("w", 0.5f, -2f, 3f);
        ClipResult r = new Clipper(new ClipPolicy.ByValue(1.0)).clip(List.of(a));
        assertThat(r.totalNorm()).isEqualTo(Math.sqrt(13.25)); // 0.25 + 4 + 9
        ParamView small = vec("w", 0.5f, -0.5f);
        ClipResult none = new Clipper(new ClipPolicy.ByValue(1.0)).clip(List.of(small));
        assertThat(none.clipped()).isFalse();
        assertThat(none.coefficient()).isEqualTo(1.0);
        assertThat(small.grad()).containsExactly(0.5f, -0.5f);
    }

    @Test
    void byLayerNormClipsEachLayerOnItsOwn() {
        ParamView w0 = vec("layers.0.weight", 3f, 4f);
        ParamView w1 = vec("layers.1.weight", 1f, 0f);
        ParamView b0 = vec("layers.0.bias", 0f); // same layer as w0 though not adjacent
        ParamView b1 = vec("layers.1.bias", 0.5f);
        ClipResult r = new Clipper(new ClipPolicy.ByLayerNorm(2.0))
                .clip(List.of(w0, w1, b0, b1, noGrad("layers.2.weight", 3)));
        // layer 0: ||[3, 4, 0]|| = 5 > 2 -> x 2/5 = 0.4 (DL4J: threshold / l2, no eps)
        assertThat(w0.grad()).containsExactly((float) (3 * 0.4), (float) (4 * 0.4));
        assertThat(b0.grad()).containsExactly(0f);
        // layer 1: ||[1, 0, 0.5]|| = sqrt(1.25) = 1.118 <= 2 -> unchanged
        assertThat(w1.grad()).containsExactly(1f, 0f);
        assertThat(b1.grad()).containsExactly(0.5f);
        assertThat(r.totalNorm()).isEqualTo(Math.sqrt(26.25)); // 25 + 1.25, before clipping
        assertThat(r.threshold()).isEqualTo(2.0);
        assertThat(r.clipped()).isTrue();
        assertThat(r.coefficient()).isNaN();
    }

    @Test
    void byLayerNormUsesTheWholeNameWhenThereIsNoDot() {
        ParamView w = vec("scale", 6f, 8f); // its own layer, norm 10
        ParamView v = vec("shift", 0.6f, 0.8f); // norm 1
        ClipResult r = new Clipper(new ClipPolicy.ByLayerNorm(5.0)).clip(List.of(w, v));
        assertThat(w.grad()).containsExactly(3f, 4f); // x 5/10
        assertThat(v.grad()).containsExactly(0.6f, 0.8f);
        assertThat(r.clipped()).isTrue();
    }
}
