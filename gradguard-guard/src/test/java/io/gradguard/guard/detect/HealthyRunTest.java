package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.Monitor;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every default detector over 2000 steps of a synthetic healthy run must stay quiet: an LSTM layer and four
 * dense layers with PyTorch-style uniform init, weights drifting around their start (Ornstein-Uhlenbeck),
 * gradients of about unit norm per layer with a lognormal step factor (sigma 0.15) and layer factor (0.1),
 * 10% of dense rows zero per step (inactive ReLUs), and a loss 0.3 + 2 e^(-t/700) with 10% lognormal noise.
 */
class HealthyRunTest {
    private static final int STEPS = 2000;

    private record Param(String name, int[] shape, float[] init, float[] values, float[] grad) {
        ParamView view() {
            return ParamView.of(name, shape, values, grad);
        }
    }

    private static Param param(SplittableRandom rng, String name, int rows, int cols, int fanIn) {
        int n = rows * Math.max(cols, 1);
        float[] w = new float[n];
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < n; i++) {
            w[i] = (float) rng.nextDouble(-bound, bound);
        }
        int[] shape = cols == 0 ? new int[] {rows} : new int[] {rows, cols};
        return new Param(name, shape, w.clone(), w, new float[n]);
    }

    @Test
    void everyDefaultDetectorStaysQuiet() {
        SplittableRandom rng = new SplittableRandom(2024);
        int h = 8;
        List<Param> params = new ArrayList<>();
        params.add(param(rng, "lstm.weight_ih_l0", 4 * h, 16, h));
        params.add(param(rng, "lstm.weight_hh_l0", 4 * h, h, h));
        params.add(param(rng, "lstm.bias_hh_l0", 4 * h, 0, h));
        for (int l = 0; l < 4; l++) {
            params.add(param(rng, "layers." + l + ".weight", 16, l == 0 ? h : 16, 16));
            params.add(param(rng, "layers." + l + ".bias", 16, 0, 16));
        }
        List<Detector> detectors = DetectorConfig.defaults().stream().map(DetectorConfig::create).toList();
        Monitor monitor = new Monitor(MonitorConfig.defaults());
        List<Incident> incidents = new ArrayList<>();
        double minNorm = Double.POSITIVE_INFINITY;
        double maxNorm = 0;
        for (int t = 0; t < STEPS; t++) {
            double stepFactor = Math.exp(0.15 * rng.nextGaussian());
            String layer = "";
            double layerFactor = 1;
            for (Param p : params) {
                String pl = p.view().layer();
                if (!pl.equals(layer)) {
                    layer = pl;
                    layerFactor = stepFactor * Math.exp(0.1 * rng.nextGaussian());
                }
                fillGradient(rng, p, layerFactor);
                for (int i = 0; i < p.values.length; i++) {
                    p.values[i] += (float) (0.01 * (p.init[i] - p.values[i]) + 1e-3 * rng.nextGaussian());
                }
            }
            double loss = (0.3 + 2 * Math.exp(-t / 700.0)) * Math.exp(0.1 * rng.nextGaussian());
            StepView view = new StepView(t, loss, 0.1, params.stream().map(Param::view).toList());
            StepStats stats = monitor.observe(view);
            minNorm = Math.min(minNorm, stats.globalNorm());
            maxNorm = Math.max(maxNorm, stats.globalNorm());
            for (Detector d : detectors) {
                d.inspect(stats, view).ifPresent(incidents::add);
            }
        }
        assertThat(incidents).isEmpty();
        // The run is noisy, not flat: the global norm moved over a factor of 1.8.
        assertThat(maxNorm / minNorm).isGreaterThan(1.8);
    }

    /** Unit-norm Gaussian gradient scaled by {@code factor}, with 10% of a dense weight's rows zeroed. */
    private static void fillGradient(SplittableRandom rng, Param p, double factor) {
        float[] g = p.grad;
        double scale = factor / Math.sqrt(g.length);
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (scale * rng.nextGaussian());
        }
        if (p.name.startsWith("layers.") && p.shape.length == 2 && !p.name.startsWith("layers.3")) {
            int cols = p.shape[1];
            for (int r = 0; r < p.shape[0]; r++) {
                if (rng.nextDouble() < 0.1) {
                    java.util.Arrays.fill(g, r * cols, (r + 1) * cols, 0f);
                }
            }
        }
    }
}
