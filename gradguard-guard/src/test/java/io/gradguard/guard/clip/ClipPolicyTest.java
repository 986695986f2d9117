package io.gradguard.guard.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClipPolicyTest {

    @Test
    void rejectsBadValuesQuotingThem() {
        assertThatThrownBy(() -> new ClipPolicy.GlobalNorm(-1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GlobalNorm max_norm must be > 0, got -1.0");
        assertThatThrownBy(() -> new ClipPolicy.GlobalNorm(1.0, 0.5, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GlobalNorm norm_type must be >= 1 or Infinity, got 0.5");
        assertThatThrownBy(() -> new ClipPolicy.GlobalNorm(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_norm").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new ClipPolicy.ByValue(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ByValue clip_value must be > 0, got 0.0");
        assertThatThrownBy(() -> new ClipPolicy.ByLayerNorm(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ByLayerNorm max_norm must be > 0, got -2.0");
        assertThatThrownBy(() -> new ClipPolicy.AutoClip(120, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AutoClip percentile must be in [0, 100], got 120.0");
        assertThatThrownBy(() -> new ClipPolicy.AutoClip(-0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -0.5");
        assertThatThrownBy(() -> new ClipPolicy.AutoClip(10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AutoClip history_size must be >= 0").hasMessageContaining("got -1");
        assertThatThrownBy(() -> new ClipPolicy.Agc(0, 1e-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Agc clipping must be > 0, got 0.0");
        assertThatThrownBy(() -> new ClipPolicy.Agc(0.01, -1e-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Agc eps must be > 0, got -0.001");
        assertThatThrownBy(() -> new ClipPolicy.ZClip(1.0, 2.5, 25, ClipPolicy.ZClip.Mode.ADAPTIVE_SCALING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZClip alpha must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new ClipPolicy.ZClip(0.97, -1, 25, ClipPolicy.ZClip.Mode.ADAPTIVE_SCALING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZClip z_thresh must be > 0").hasMessageContaining("got -1.0");
        assertThatThrownBy(() -> new ClipPolicy.ZClip(0.97, 2.5, 0, ClipPolicy.ZClip.Mode.ADAPTIVE_SCALING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZClip warmup_steps must be >= 1, got 0");
        assertThatThrownBy(() -> new ClipPolicy.ZClip(0.97, 2.5, 25, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ZClip mode");
    }

    @Test
    void defaultsAreThoseOfPyTorchAndThePapers() {
        assertThat(new ClipPolicy.GlobalNorm(1.0)).isEqualTo(new ClipPolicy.GlobalNorm(1.0, 2.0, false));
        assertThat(new ClipPolicy.Agc()).isEqualTo(new ClipPolicy.Agc(0.01, 1e-3));
        assertThat(new ClipPolicy.ZClip()).isEqualTo(new ClipPolicy.ZClip(0.97, 2.5, 25, ClipPolicy.ZClip.Mode.ADAPTIVE_SCALING));
        assertThat(new ClipPolicy.GlobalNorm(1.0, Double.POSITIVE_INFINITY, true).normType()).isInfinite();
        assertThat(new ClipPolicy.AutoClip(0, 0).percentile()).isZero();
        assertThat(new ClipPolicy.AutoClip(100, 5).percentile()).isEqualTo(100);
    }
}
