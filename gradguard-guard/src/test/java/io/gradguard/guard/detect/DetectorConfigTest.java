package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {
    private static void rejects(ThrowingCallable make, String message) {
        assertThatThrownBy(make).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultsCoverEveryKindOnceAndCreateMatchingDetectors() {
        List<DetectorConfig> all = DetectorConfig.defaults();
        assertThat(all).extracting(DetectorConfig::kind).containsExactly(IncidentKind.values());
        assertThat(all).extracting(DetectorConfig::name).containsExactly("non_finite", "norm_spike", "loss_spike",
                "loss_divergence", "depth_explosion", "recurrent_explosion", "vanishing", "dead_units",
                "weight_growth");
        for (DetectorConfig c : all) {
            assertThat(c.create().kind()).as(c.name()).isEqualTo(c.kind());
        }
    }

    @Test
    void defaultsAreThoseDocumented() {
        assertThat(NormSpikeConfig.defaults())
                .isEqualTo(new NormSpikeConfig(0.97, 25, 4.0, 1000.0, Double.POSITIVE_INFINITY, 0));
        assertThat(LossSpikeConfig.defaults()).isEqualTo(new LossSpikeConfig(0.9, 20, 3.0, 4.0, 0));
        assertThat(LossDivergenceConfig.defaults()).isEqualTo(new LossDivergenceConfig(0.95, 50, 0.5, 20));
        assertThat(DepthExplosionConfig.defaults()).isEqualTo(new DepthExplosionConfig(1.5, 4, 0.7, 1e3, 20));
        assertThat(RecurrentExplosionConfig.defaults()).isEqualTo(new RecurrentExplosionConfig(50, 1.0, 100, 20));
        assertThat(VanishingConfig.defaults()).isEqualTo(new VanishingConfig(1e-3, 20, 2.0, 4, 0.7, 20));
        assertThat(DeadUnitsConfig.defaults()).isEqualTo(new DeadUnitsConfig(0.5, 50, 20));
        assertThat(WeightGrowthConfig.defaults()).isEqualTo(new WeightGrowthConfig(100, 10.0, 3, 20));
    }

    @Test
    void badValuesAreQuotedWithTheFieldAsASpecNamesIt() {
        rejects(() -> new NormSpikeConfig(0.97, 25, -1, 1000, 1, 20), "norm_spike z_threshold must be > 0, got -1.0");
        rejects(() -> new NormSpikeConfig(1.0, 25, 6, 1000, 1, 20), "norm_spike alpha must be in (0, 1), got 1.0");
        rejects(() -> new NormSpikeConfig(0.97, 0, 6, 1000, 1, 20), "norm_spike warmup must be >= 1, got 0");
        rejects(() -> new NormSpikeConfig(0.97, 25, 6, 1000, Double.NaN, 20), "norm_spike ceiling must be > 0, got NaN");
        rejects(() -> new NormSpikeConfig(0.97, 25, 6, 1000, 1, -1), "norm_spike cooldown must be >= 0, got -1");
        rejects(() -> new LossSpikeConfig(0.9, 20, 0.5, 6, 20), "loss_spike factor must be > 1.0 and finite, got 0.5");
        rejects(() -> new LossDivergenceConfig(0.95, 0, 0.5, 20), "loss_divergence patience must be >= 1, got 0");
        rejects(() -> new LossDivergenceConfig(0.95, 50, Double.POSITIVE_INFINITY, 20),
                "loss_divergence min_increase must be > 0 and finite, got Infinity");
        rejects(() -> new DepthExplosionConfig(1.5, 2, 0.7, 1e3, 20), "depth_explosion min_layers must be >= 3, got 2");
        rejects(() -> new DepthExplosionConfig(1.5, 4, 1.5, 1e3, 20),
                "depth_explosion min_r2 must be in [0, 1], got 1.5");
        rejects(() -> new RecurrentExplosionConfig(0, 1, 100, 20), "recurrent_explosion every must be >= 1, got 0");
        rejects(() -> new RecurrentExplosionConfig(50, 0, 100, 20),
                "recurrent_explosion threshold must be > 0 and finite, got 0.0");
        rejects(() -> new VanishingConfig(0, 20, 2, 4, 0.7, 20), "vanishing min_ratio must be in (0, 1), got 0.0");
        rejects(() -> new VanishingConfig(1e-3, 20, 1, 4, 0.7, 20),
                "vanishing layer_decay must be > 1.0 and finite, got 1.0");
        rejects(() -> new DeadUnitsConfig(1.0, 50, 20), "dead_units max_fraction must be in [0, 1), got 1.0");
        rejects(() -> new WeightGrowthConfig(100, 10, 0, 20), "weight_growth window must be >= 1, got 0");
        rejects(() -> new WeightGrowthConfig(-1, 10, 3, 20), "weight_growth warmup must be >= 0, got -1");
    }

    @Test
    void restoreNamesTheDetectorAndKeyOfABadValue() {
        Detector d = NormSpikeConfig.defaults().create();
        assertThatThrownBy(() -> d.restore(Map.of("mean", "abc", "var", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("norm_spike state 'mean' must be a number, got abc");
        Detector v = VanishingConfig.defaults().create();
        assertThatThrownBy(() -> v.restore(Map.of("run", 1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vanishing state 'run' must be an integer, got 1.5");
        Detector w = WeightGrowthConfig.defaults().create();
        assertThatThrownBy(() -> w.restore(Map.of("recent", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight_growth state 'recent' must be a list, got 3");
    }

    @Test
    void anEmptyStateIsAFreshDetector() {
        for (DetectorConfig c : DetectorConfig.defaults()) {
            Detector d = c.create();
            Map<String, Object> fresh = d.state();
            d.restore(Map.of());
            assertThat(d.state()).as(c.name()).isEqualTo(fresh);
        }
    }
}
