package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.Monitor;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthExplosionTest {
    /** A [4, 4] weight whose gradient is filled with {@code g}: its norm is 4 |g|. */
    private static ParamView matrix(String layer, double g) {
        float[] grad = new float[16];
        Arrays.fill(grad, (float) g);
        return ParamView.of(layer + ".weight", new int[] {4, 4}, new float[16], grad);
    }

    /** A 1-D normalisation scale with gradient filled with {@code g}. */
    private static ParamView scale(String layer, double g) {
        float[] grad = new float[4];
        Arrays.fill(grad, (float) g);
        return ParamView.of(layer + ".weight", new int[] {4}, new float[4], grad);
    }

    /** Layers {@code layers.i} with the given gradient norms, a norm layer with a huge gradient after the first. */
    static StepView view(long step, double... norms) {
        List<ParamView> ps = new ArrayList<>();
        for (int i = 0; i < norms.length; i++) {
            ps.add(matrix("layers." + i, norms[i] / 4));
            if (i == 0) {
                ps.add(scale("norm.0", 1e6));
            }
        }
        return new StepView(step, 1.0, 0.1, ps);
    }

    static StepStats stats(StepView view) {
        return new Monitor(MonitorConfig.defaults()).observe(view);
    }

    private static Incident inspect(DepthExplosion d, StepView view) {
        return d.inspect(stats(view), view).orElse(null);
    }

    @Test
    void firesOnAGeometricGrowthTowardTheInput() {
        // Norms 128, 64, ..., 4: exactly doubling per layer toward the input, so growth 2, R^2 1, first/last 32.
        StepView view = view(0, 128, 64, 32, 16, 8, 4);
        Incident inc = inspect(new DepthExplosion(DepthExplosionConfig.defaults()), view);
        assertThat(inc.kind()).isEqualTo(IncidentKind.DEPTH_EXPLOSION);
        assertThat(inc.layer()).isEqualTo("layers.0");
        assertThat((Double) inc.evidence().get("growth")).isCloseTo(2.0, within(1e-12));
        assertThat((Double) inc.evidence().get("r2")).isCloseTo(1.0, within(1e-12));
        assertThat((Double) inc.evidence().get("first_last_ratio")).isCloseTo(32.0, within(1e-12));
        // The 1-D norm.0 scale (gradient norm 2e6) is left out of the fit.
        assertThat(inc.evidence()).containsEntry("layers",
                List.of("layers.0", "layers.1", "layers.2", "layers.3", "layers.4", "layers.5"));
        assertThat(inc.evidence()).containsEntry("norms", List.of(128.0, 64.0, 32.0, 16.0, 8.0, 4.0));
        assertThat(inc.message()).isEqualTo(
                "gradient norms grow 2x per layer toward the input over 6 layers (first/last 32, R^2 1)");
    }

    @Test
    void profileFitsTheSlopeAndR2() {
        // ln norms = [ln 100, 0, ln 50, 0, ln 10, 0]: least squares gives growth 1.772 with R^2 0.257
        // (numpy.polyfit on the logs).
        StepView v = view(0, 100, 1, 50, 1, 10, 1);
        DepthProfile p = DepthProfile.of(stats(v), v).orElseThrow();
        assertThat(p.layers()).hasSize(6);
        assertThat(p.growth()).isCloseTo(1.7723194, within(1e-6));
        assertThat(p.r2()).isCloseTo(0.2569936, within(1e-6));
        assertThat(p.firstLastRatio()).isCloseTo(100, within(1e-9));
        // Without a view every layer with a gradient counts, the norm layer too.
        assertThat(DepthProfile.of(stats(v), null).orElseThrow().layers()).hasSize(7);
    }

    @Test
    void quietOnFlatNoisyOrShortProfiles() {
        DepthExplosion d = new DepthExplosion(new DepthExplosionConfig(1.5, 4, 0.7, 1e3, 0));
        assertThat(inspect(d, view(0, 1, 1, 1, 1, 1, 1))).isNull();
        // growth 1.77 but R^2 0.26: no clean trend, and first/last 100 < 1e3.
        assertThat(inspect(d, view(1, 100, 1, 50, 1, 10, 1))).isNull();
        // growth 2 over 3 layers: fewer than min_layers.
        assertThat(inspect(d, view(2, 4, 2, 1))).isNull();
    }

    @Test
    void aHugeFirstLastRatioFiresWhateverTheFit() {
        Incident inc = inspect(new DepthExplosion(DepthExplosionConfig.defaults()), view(0, 2000, 1));
        assertThat(inc.evidence()).containsEntry("first_last_ratio", 2000.0);
        assertThat(inc.message()).isEqualTo("first layer's gradient norm is 2000x the last layer's over 2 layers");
    }

    @Test
    void zeroAndNonFiniteNormsAreHandled() {
        // A zero-gradient layer drops out of the fit; a NaN anywhere skips the step.
        DepthProfile p = DepthProfile.of(stats(view(0, 8, 0, 4, 2, 1)), null).orElseThrow();
        assertThat(p.layers()).doesNotContain("layers.1");
        assertThat(DepthProfile.of(stats(view(0, 8, Double.NaN, 4, 2, 1)), null)).isEmpty();
    }

    @Test
    void respectsTheCooldownAndRoundTrips() throws Exception {
        List<StepStats> stats = new ArrayList<>();
        List<StepView> views = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            StepView v = view(step, 128, 64, 32, 16, 8, 4);
            views.add(v);
            stats.add(stats(v));
        }
        List<Incident> all = Resume.run(DepthExplosionConfig.defaults().create(), stats, views, 0, 60);
        assertThat(all).extracting(Incident::step).containsExactly(0L, 21L, 42L);
        assertThat(Resume.assertResumes(DepthExplosionConfig.defaults(), stats, views, 30)).hasSize(1);
    }

    @Test
    void fitsBiasGradientsWhenEveryLayerHasOne() {
        // Weight gradients flat at 1 (activations grow forward as fast as deltas backward: bad init), bias
        // gradients growing 4x per layer toward the input: the profile follows the biases.
        java.util.List<io.gradguard.guard.monitor.LayerStats> layers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            layers.add(new io.gradguard.guard.monitor.LayerStats("l" + i, 1.0, 1.0, 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, 10, Math.pow(4, 4 - i)));
        }
        io.gradguard.guard.monitor.StepStats st = new io.gradguard.guard.monitor.StepStats(0, 1, 0.1, 1, layers,
                1, 0, null, false);
        DepthProfile p = DepthProfile.of(st, null).orElseThrow();
        assertThat(p.signal()).isEqualTo("bias");
        assertThat(p.growth()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(DepthExplosionConfig.defaults().create().inspect(st, null)).isPresent();
        // One layer without a bias: whole gradients are fitted instead, flat: no explosion.
        layers.set(2, new io.gradguard.guard.monitor.LayerStats("l2", 1.0, 1.0, 0, 0, Double.NaN, Double.NaN,
                Double.NaN, 10));
        DepthProfile q = DepthProfile.of(new io.gradguard.guard.monitor.StepStats(0, 1, 0.1, 1, layers, 1, 0, null,
                false), null).orElseThrow();
        assertThat(q.signal()).isEqualTo("gradient");
        assertThat(q.growth()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }
}
