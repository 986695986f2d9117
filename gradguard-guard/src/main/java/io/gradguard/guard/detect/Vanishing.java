package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * First-layer gradients a tiny fraction of the last layer's, for {@code patience} consecutive steps: the
 * chain rule's product below 1. A step counts when
 * <ul>
 *   <li>{@link StepStats#firstLastRatio()} {@code < min_ratio}, or</li>
 *   <li>the step's {@link DepthProfile} fits at least {@code min_layers} layers with {@code r2 >= min_r2}
 *       and a per-layer growth toward the input below {@code 1 / layer_decay}.</li>
 * </ul>
 * A step that does not count resets the run; a non-finite step (or one without two layers with gradients)
 * neither counts nor resets.
 *
 * <p>Evidence: {@code ratio} (first/last), {@code decay} (fitted per-layer growth toward the input, when a
 * profile exists), {@code r2}, {@code steps} (the run's length).
 */
public final class Vanishing implements Detector {
    private static final String NAME = VanishingConfig.NAME;

    private final VanishingConfig config;
    private final Cooldown cooldown;
    private long run;

    public Vanishing(VanishingConfig config) {
        this.config = config;
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.VANISHING;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        double ratio = stats.firstLastRatio();
        if (!stats.finite() || Double.isNaN(ratio)) {
            return Optional.empty();
        }
        Optional<DepthProfile> profile = DepthProfile.of(stats, view);
        boolean decays = profile.isPresent() && profile.get().layers().size() >= config.minLayers()
                && profile.get().r2() >= config.minR2() && profile.get().growth() < 1 / config.layerDecay();
        boolean counts = ratio < config.minRatio() || decays;
        run = counts ? run + 1 : 0;
        if (run < config.patience() || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ratio", ratio);
        profile.ifPresent(p -> {
            evidence.put("decay", p.growth());
            evidence.put("r2", p.r2());
            evidence.put("signal", p.signal());
        });
        evidence.put("steps", run);
        String first = stats.layers().stream().filter(l -> l.elements() > 0).findFirst().get().layer();
        String message = decays
                ? "gradient norms shrink to " + Fmt.num(profile.get().growth()) + "x per layer toward the input over "
                        + profile.get().layers().size() + " layers (R^2 " + Fmt.num(profile.get().r2())
                        + ", first/last " + Fmt.num(ratio) + ") for " + run + " steps"
                : "first layer's gradient norm is " + Fmt.num(ratio) + " of the last layer's, below "
                        + Fmt.num(config.minRatio()) + " for " + run + " steps";
        return Optional.of(new Incident(stats.step(), kind(), first, message, evidence));
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("run", run);
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        run = State.integer(state, NAME, "run", 0);
        cooldown.load(state, NAME);
    }
}
