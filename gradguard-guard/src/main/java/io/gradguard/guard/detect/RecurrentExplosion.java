package io.gradguard.guard.detect;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recurrent weights that let gradients grow through time. Every {@code every} steps it takes each parameter
 * whose local name starts with {@code weight_hh} (PyTorch's hidden-to-hidden weights, shape
 * {@code [G*H, H]} with the gates stacked on rows: G = 1 for RNN, 3 for GRU (r, z, n), 4 for LSTM
 * (i, f, g, o)) and estimates the spectral radius of each gate's {@code H x H} block with
 * {@link SpectralEstimate}. It reports when the largest radius exceeds {@code threshold}.
 *
 * <p>Why: backpropagation through time multiplies by {@code W_hh^T diag(f'(h))} once per time step. Pascanu,
 * Mikolov and Bengio (2013, "On the difficulty of training recurrent neural networks") show that with
 * {@code |f'| <= 1} (tanh) a largest singular value below 1 makes explosion impossible, and that a spectral
 * radius above 1 is what lets the long-term components grow. The evidence gives both.
 *
 * <p>Evidence (for the worst block): {@code radius}, {@code sigma_max}, {@code gate}, {@code param},
 * {@code layer}, {@code hidden} (H), {@code gates} (G), and {@code radii}: every block's radius of that
 * parameter. Shapes that are not {@code [G*H, H]} are skipped.
 */
public final class RecurrentExplosion implements Detector {
    private static final List<String> GRU = List.of("reset", "update", "new");
    private static final List<String> LSTM = List.of("input", "forget", "cell", "output");

    private final RecurrentExplosionConfig config;
    private final Cooldown cooldown;

    public RecurrentExplosion(RecurrentExplosionConfig config) {
        this.config = config;
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.RECURRENT_EXPLOSION;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        if (view == null || stats.step() % config.every() != 0 || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        ParamView worst = null;
        int worstGate = 0;
        double worstRadius = -1;
        List<Double> worstRadii = List.of();
        for (ParamView p : view.params()) {
            int[] shape = p.shape();
            if (!p.localName().startsWith("weight_hh") || shape.length != 2 || shape[1] == 0
                    || shape[0] % shape[1] != 0) {
                continue;
            }
            int h = shape[1];
            List<Double> radii = new ArrayList<>();
            for (int g = 0; g < shape[0] / h; g++) {
                double r = SpectralEstimate.spectralRadius(p.values(), g * h * h, h, config.iterations(),
                        SpectralEstimate.DEFAULT_STARTS);
                radii.add(r);
                if (r > worstRadius) {
                    worstRadius = r;
                    worst = p;
                    worstGate = g;
                }
            }
            if (worst == p) {
                worstRadii = radii;
            }
        }
        if (worst == null || !(worstRadius > config.threshold())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        int h = worst.shape()[1];
        int gates = worst.shape()[0] / h;
        double sigma = SpectralEstimate.largestSingularValue(worst.values(), worstGate * h * h, h,
                config.iterations());
        String gate = gateName(gates, worstGate);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("radius", worstRadius);
        evidence.put("sigma_max", sigma);
        evidence.put("gate", gate);
        evidence.put("param", worst.name());
        evidence.put("layer", worst.layer());
        evidence.put("hidden", h);
        evidence.put("gates", gates);
        evidence.put("radii", worstRadii);
        String message = "recurrent weight " + worst.name() + " ("
                + (gates == 1 ? "" : gate + " gate, ") + "H=" + h + ") has spectral radius " + Fmt.num(worstRadius)
                + " > " + Fmt.num(config.threshold())
                + " (largest singular value " + Fmt.num(sigma) + "): gradients can grow through time";
        return Optional.of(new Incident(stats.step(), kind(), worst.layer(), message, evidence));
    }

    /** PyTorch's gate order: GRU r, z, n; LSTM i, f, g, o; a plain RNN has one block. */
    static String gateName(int gates, int index) {
        return switch (gates) {
            case 1 -> "hidden";
            case 3 -> GRU.get(index);
            case 4 -> LSTM.get(index);
            default -> "block " + index;
        };
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        cooldown.load(state, RecurrentExplosionConfig.NAME);
    }
}
