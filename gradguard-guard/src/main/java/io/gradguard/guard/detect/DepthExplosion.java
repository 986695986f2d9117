package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-layer gradient norms growing geometrically toward the input: the chain rule's product of per-layer
 * factors above 1. From the step's {@link DepthProfile} it reports when
 * <ul>
 *   <li>at least {@code min_layers} layers fit, the fitted {@code growth > threshold} and
 *       {@code r2 >= min_r2} (a clean geometric trend), or</li>
 *   <li>the measured first/last norm ratio exceeds {@code max_ratio}, whatever the fit.</li>
 * </ul>
 * The implicated layer is the first one, where the norm is largest.
 *
 * <p>Evidence: {@code growth}, {@code first_last_ratio}, {@code r2}, {@code layers} and {@code norms}
 * (parallel lists, input side first).
 */
public final class DepthExplosion implements Detector {
    private final DepthExplosionConfig config;
    private final Cooldown cooldown;

    public DepthExplosion(DepthExplosionConfig config) {
        this.config = config;
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.DEPTH_EXPLOSION;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        Optional<DepthProfile> found = DepthProfile.of(stats, view);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DepthProfile p = found.get();
        int n = p.layers().size();
        boolean fit = n >= config.minLayers() && p.growth() > config.threshold() && p.r2() >= config.minR2();
        boolean ratio = p.firstLastRatio() > config.maxRatio();
        if (!(fit || ratio) || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("growth", p.growth());
        evidence.put("first_last_ratio", p.firstLastRatio());
        evidence.put("r2", p.r2());
        evidence.put("layers", p.layers());
        evidence.put("norms", p.norms());
        evidence.put("signal", p.signal());
        String message = fit
                ? (p.signal().equals("bias") ? "backpropagated gradients (bias) grow " : "gradient norms grow ") + Fmt.num(p.growth()) + "x per layer toward the input over " + n
                        + " layers (first/last " + Fmt.num(p.firstLastRatio()) + ", R^2 " + Fmt.num(p.r2()) + ")"
                : "first layer's gradient norm is " + Fmt.num(p.firstLastRatio()) + "x the last layer's over "
                        + n + " layers";
        return Optional.of(new Incident(stats.step(), kind(), p.layers().get(0), message, evidence));
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        cooldown.load(state, DepthExplosionConfig.NAME);
    }
}
